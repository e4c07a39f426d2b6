#!/usr/bin/env bash
# The app as the end-to-end tests see it: production build, fresh SQLite database with the demo seed.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-3107}
export DATABASE_URL=file:./data/e2e.db NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Sign-in: the address the browser uses, and room for the many sign-ins of a test run from one address.
export TOOLTUNE_URL="http://127.0.0.1:$PORT" TOOLTUNE_SIGNIN_PER_ADDRESS=10000
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
node scripts/db.mjs deploy >/dev/null
node_modules/.bin/tsx prisma/seed.ts
# The one-time owner link, as `npm start` prints it; e2e/helpers.ts makes the owner from it.
node_modules/.bin/tsx scripts/setup-url.ts | grep -o 'http[^ ]*/setup?token=[^ ]*' > data/e2e-setup-url.txt
# The local OpenAI test server (tests/support) stands in for api.openai.com: runs train against it, and
# evals and the playground get the scripted chat answers of e2e/fixtures/chat-script.json.
OPENAI_PORT=$((PORT + 1))
node_modules/.bin/tsx tests/support/openai-server/main.ts --port "$OPENAI_PORT" --key sk-e2e --tick-ms 120 \
  --chat-script e2e/fixtures/chat-script.json &
FAKE_OPENAI=$!
export OPENAI_API_KEY=sk-e2e OPENAI_BASE_URL="http://127.0.0.1:$OPENAI_PORT/v1" TOOLTUNE_POLL_MIN_MS=300 TOOLTUNE_POLL_MAX_MS=1000
# The real GPU agent with the trainer and inference stand-ins from its tests (no torch here), and one
# "base model" folder, so GPU runs go through the browser exactly as they would on a GPU machine.
AGENT_PORT=$((PORT + 2))
AGENT_DIR=data/e2e-gpu
rm -rf "$AGENT_DIR" && mkdir -p "$AGENT_DIR/models/tiny-base"
echo '{"model_type": "qwen2"}' > "$AGENT_DIR/models/tiny-base/config.json"
echo weights > "$AGENT_DIR/models/tiny-base/model.safetensors"
STANDINS=$PWD/workers/gpu-agent/tests
(cd workers/gpu-agent && exec python3 -m tooltune_agent --port "$AGENT_PORT" --token e2e-agent-token-0123456789 \
  --data-dir "../../$AGENT_DIR/data" --models-dir "../../$AGENT_DIR/models" \
  --trainer-cmd "python3 $STANDINS/standin_trainer.py" --inference-cmd "python3 $STANDINS/standin_inference.py") > /dev/null &
AGENT=$!
export TOOLTUNE_GPU_URL="http://127.0.0.1:$AGENT_PORT" TOOLTUNE_GPU_TOKEN=e2e-agent-token-0123456789
# The worker runs imports and training; it goes when the app goes.
node_modules/.bin/tsx workers/main.ts &
WORKER=$!
trap 'kill $WORKER $FAKE_OPENAI $AGENT 2>/dev/null' EXIT INT TERM
node_modules/.bin/next start -H 127.0.0.1 -p "$PORT"
