// CLI: node_modules/.bin/tsx tests/support/fireworks-server/main.ts --port 0 --key fireworks-test-key
//        [--account tooltune-test] [--tick-ms 50] [--manual] [--host 127.0.0.1] [--script "rate_limit:1"]
//        [--retry-after 1] [--min-examples 3] [--require-deployment] [--chat-script FILE.json] [--models a,b]
// Prints "LISTENING <port>" on stdout once it accepts connections; SIGINT/SIGTERM close it; a bad
// option or chat script exits 2.
import { readFileSync } from "node:fs";
import { parseChatScript } from "../openai-server/chat";
import { startFireworksServer } from "./server";
import type { ServerOptions } from "./types";

function parseArgs(argv: string[]): ServerOptions {
  const opts: ServerOptions = {};
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
    else if (flag === "--account") opts.account = value();
    else if (flag === "--tick-ms") opts.tickMs = number();
    else if (flag === "--manual") opts.manual = true;
    else if (flag === "--host") opts.host = value();
    else if (flag === "--script") opts.script = value();
    else if (flag === "--retry-after") opts.retryAfterSeconds = number();
    else if (flag === "--min-examples") opts.minExamples = number();
    else if (flag === "--require-deployment") opts.requireDeployment = true;
    else if (flag === "--chat-script") {
      const file = value();
      try {
        opts.chat = JSON.parse(readFileSync(file, "utf8"));
        parseChatScript(opts.chat);
      } catch (err) {
        throw new Error(`--chat-script ${file}: ${(err as Error).message}`);
      }
    } else if (flag === "--models")
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
  return opts;
}

async function main(): Promise<void> {
  let opts: ServerOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fireworks-server: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const server = await startFireworksServer(opts);
  process.stdout.write(`LISTENING ${server.port}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
