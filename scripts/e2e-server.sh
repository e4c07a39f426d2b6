#!/usr/bin/env bash
# The app as the end-to-end tests see it: production build, fresh SQLite database with the demo seed.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-3107}
export DATABASE_URL=file:./data/e2e.db NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
node scripts/db.mjs deploy >/dev/null
node_modules/.bin/tsx prisma/seed.ts
# The worker runs imports; it goes when the app goes.
node_modules/.bin/tsx workers/main.ts &
WORKER=$!
trap 'kill $WORKER 2>/dev/null' EXIT INT TERM
node_modules/.bin/next start -H 127.0.0.1 -p "$PORT"
