#!/usr/bin/env bash
# `npm test`: everything, the same locally and in CI. Starts Redis and PostgreSQL (and installs
# Debian's chromium) when they are missing, so a fresh machine passes.
#
# Steps that do not depend on each other run side by side (scripts/parallel.sh): a single-threaded
# typecheck beside a single-threaded lint, and the integration runs, which mostly wait on processes,
# timers and the databases, beside each other and beside `next build`. Each part's lines are printed
# as they come, prefixed with its name, and kept whole in test-results/logs/NAME.log; a group fails
# when any part fails, and the failed part's last lines are printed again, unmixed, at the group's end.
# A failed group does not stop the later ones (one run shows every failure); the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
PG_TEST_URL=${PG_TEST_URL:-postgresql://postgres@127.0.0.1:5432/tooltune_test}
SQLITE_TEST_URL=${SQLITE_TEST_URL:-file:./data/test-integration.db}
# The two integration runs use different queues anyway (the name follows the database), and
# different Redis databases too: the PostgreSQL run takes the index below REDIS_URL's (or 1).
redis_db=$(echo "$REDIS_URL" | sed -nE 's#^redis://[^/]*/([0-9]+)$#\1#p')
if [ -z "${PG_REDIS_URL:-}" ]; then
  redis_base=$(echo "$REDIS_URL" | sed -E 's#^(redis://[^/]*).*#\1#')
  if [ -n "$redis_db" ] && [ "$redis_db" -gt 0 ]; then PG_REDIS_URL=$redis_base/$((redis_db - 1)); else PG_REDIS_URL=$redis_base/1; fi
fi
export R=test-results/reports LOGS=test-results/logs
rm -rf "$R" "$LOGS" && mkdir -p "$R" "$LOGS"
. scripts/parallel.sh
START=$SECONDS

step "services"
scripts/services.sh redis postgres chromium pydantic

failed=0
parallel "typecheck, lint, unit and GPU agent tests" \
  typecheck "node_modules/.bin/tsc --noEmit" \
  lint "node_modules/.bin/eslint . --max-warnings 0" \
  unit "node_modules/.bin/vitest run --project unit --reporter=default --reporter=json --outputFile.json=$R/unit.json" \
  gpu-agent "python3 scripts/python-tests.py $R/gpu-agent.json" || failed=1

parallel "integration tests on SQLite and PostgreSQL, and the production build" \
  sqlite "DATABASE_URL=$SQLITE_TEST_URL node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile.json=$R/integration-sqlite.json" \
  postgres "DATABASE_URL=$PG_TEST_URL REDIS_URL=$PG_REDIS_URL node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile.json=$R/integration-postgres.json" \
  build "node_modules/.bin/next build" || failed=1

step "end-to-end tests in Chromium"
if [ "$(cat "$LOGS/build.status")" = 0 ]; then node_modules/.bin/playwright test || failed=1; else echo "skipped: next build failed"; failed=1; fi

step "summary"
node scripts/summarize-tests.mjs "$R" || failed=1
echo "npm test took $(( (SECONDS - START) / 60 )) min $(( (SECONDS - START) % 60 )) s"
exit $failed
