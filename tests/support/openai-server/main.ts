// CLI: node_modules/.bin/tsx tests/support/openai-server/main.ts --port 0 --key sk-test
//        [--tick-ms 50] [--manual] [--host 127.0.0.1] [--script "rate_limit:1"] [--org name] [--error-null]
//        [--chat-script FILE.json] [--chat-latency-ms 200] [--models ft:a,ft:b]
// Prints "LISTENING <port>" on stdout once it accepts connections; SIGINT/SIGTERM close it.
import { readFileSync } from "node:fs";
import { startOpenAIServer } from "./server";
import { parseChatScript } from "./chat";
import type { ChatScript, ServerOptions } from "./types";

function readChatScript(file: string): ChatScript {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`--chat-script ${file}: ${(err as Error).message}`);
  }
  try {
    parseChatScript(parsed); // fail here, with the file's name, rather than in startOpenAIServer
  } catch (err) {
    throw new Error(`--chat-script ${file}: ${(err as Error).message}`);
  }
  return parsed as ChatScript;
}

function parseArgs(argv: string[]): ServerOptions {
  const opts: ServerOptions = {};
  let chatFile: string | undefined;
  let chatLatency: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a non-negative number`);
      return n;
    };
    if (flag === "--port") opts.port = number();
    else if (flag === "--key") opts.key = value();
    else if (flag === "--tick-ms") opts.tickMs = number();
    else if (flag === "--manual") opts.manual = true;
    else if (flag === "--host") opts.host = value();
    else if (flag === "--script") opts.script = value();
    else if (flag === "--org") opts.org = value();
    else if (flag === "--retry-after-ms") opts.retryAfterMs = number();
    else if (flag === "--error-null") opts.errorNull = true;
    else if (flag === "--chat-script") chatFile = value();
    else if (flag === "--chat-latency-ms") chatLatency = number();
    else if (flag === "--models")
      opts.models = [
        ...(opts.models ?? []),
        ...value()
          .split(",")
          .map((m) => m.trim())
          .filter(Boolean),
      ];
    else throw new Error(`unknown option ${flag}`);
  }
  if (opts.tickMs !== undefined && opts.tickMs < 1) throw new Error("--tick-ms must be at least 1");
  // --chat-latency-ms wins over the file's latencyMs, whatever the order of the flags.
  if (chatFile !== undefined || chatLatency !== undefined)
    opts.chat = {
      ...(chatFile === undefined ? {} : readChatScript(chatFile)),
      ...(chatLatency === undefined ? {} : { latencyMs: chatLatency }),
    };
  return opts;
}

async function main(): Promise<void> {
  let opts: ServerOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`openai-server: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const server = await startOpenAIServer(opts);
  process.stdout.write(`LISTENING ${server.port}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
