#!/usr/bin/env bash
# `npm test`: everything, in order, the same locally and in CI. Starts Redis and PostgreSQL (and
# installs Debian's chromium) when they are missing, so a fresh machine passes.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
PG_TEST_URL=${PG_TEST_URL:-postgresql://postgres@127.0.0.1:5432/tooltune_test}
R=test-results/reports
rm -rf "$R" && mkdir -p "$R"

step() { echo; echo "=== $* ==="; }

step "services"
scripts/services.sh redis postgres chromium pydantic

step "typecheck"
node_modules/.bin/tsc --noEmit

step "lint"
node_modules/.bin/eslint . --max-warnings 0

step "unit tests"
node_modules/.bin/vitest run --project unit --reporter=default --reporter=json --outputFile.json=$R/unit.json

step "GPU agent tests (Python unittest, standard library only)"
python3 scripts/python-tests.py $R/gpu-agent.json

step "integration tests on SQLite"
DATABASE_URL=file:./data/test-integration.db node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile.json=$R/integration-sqlite.json

step "integration tests on PostgreSQL"
DATABASE_URL=$PG_TEST_URL node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile.json=$R/integration-postgres.json

step "build"
node_modules/.bin/next build

step "end-to-end tests in Chromium"
node_modules/.bin/playwright test

step "summary"
node scripts/summarize-tests.mjs "$R"
