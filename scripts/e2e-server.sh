#!/usr/bin/env bash
# The app as the end-to-end tests see it: production build, fresh SQLite database with the demo seed.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-3107}
export DATABASE_URL=file:./data/e2e.db NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
node scripts/db.mjs deploy >/dev/null
node_modules/.bin/tsx prisma/seed.ts
# The local OpenAI test server (tests/support) stands in for api.openai.com: runs train against it, and
# evals and the playground get the scripted chat answers of e2e/fixtures/chat-script.json.
OPENAI_PORT=$((PORT + 1))
node_modules/.bin/tsx tests/support/openai-server/main.ts --port "$OPENAI_PORT" --key sk-e2e --tick-ms 120 \
  --chat-script e2e/fixtures/chat-script.json &
FAKE_OPENAI=$!
export OPENAI_API_KEY=sk-e2e OPENAI_BASE_URL="http://127.0.0.1:$OPENAI_PORT/v1" TOOLTUNE_POLL_MIN_MS=300 TOOLTUNE_POLL_MAX_MS=1000
# The worker runs imports and training; it goes when the app goes.
node_modules/.bin/tsx workers/main.ts &
WORKER=$!
trap 'kill $WORKER $FAKE_OPENAI 2>/dev/null' EXIT INT TERM
node_modules/.bin/next start -H 127.0.0.1 -p "$PORT"
