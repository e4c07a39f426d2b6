#!/usr/bin/env bash
# `npm start`: migrate, seed the demo on a fresh install, build if needed, then run the app and the
# worker together until Ctrl+C. Embedded defaults: SQLite in data/, Redis on 127.0.0.1:6379.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
[ -f .env ] && set -a && . ./.env && set +a
export DATABASE_URL=${DATABASE_URL:-file:./data/tooltune.db}
export HOST=${HOST:-127.0.0.1} PORT=${PORT:-3000}

# Settings are checked first; a non-loopback HOST or TOOLTUNE_URL without TOOLTUNE_AUTH_SECRET stops here.
node scripts/check-env.mjs
scripts/services.sh redis
if [[ "$DATABASE_URL" == postgres* ]]; then scripts/services.sh postgres; fi
node scripts/db.mjs deploy
node_modules/.bin/tsx prisma/seed.ts

# Build when there is no build yet, or sources changed since the last one.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib public next.config.ts package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "[start] building the app (first start takes about a minute)"
  node_modules/.bin/next build >/tmp/tooltune-build.log 2>&1 || { tail -40 /tmp/tooltune-build.log; echo "[start] build failed; full log: /tmp/tooltune-build.log"; exit 1; }
fi

node_modules/.bin/tsx workers/main.ts &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM
echo
if [ -n "${TOOLTUNE_URL:-}" ]; then
  echo "  ToolTune is running: $TOOLTUNE_URL   (listening on $HOST:$PORT)"
else
  echo "  ToolTune is running: http://$HOST:$PORT"
fi
# Never print credentials: user:password@ in either URL becomes ***@.
redact() { sed -E 's#(://)[^/@[:space:]]*@#\1***@#'; }
echo "  database: $(redact <<<"$DATABASE_URL")   redis: $(redact <<<"${REDIS_URL:-redis://127.0.0.1:6379}")"
# A fresh install (no member yet) gets its one-time owner link here; afterwards people sign in.
PORT="$PORT" node_modules/.bin/tsx scripts/setup-url.ts
echo
node_modules/.bin/next start -H "$HOST" -p "$PORT"
