// CLI: node_modules/.bin/tsx tests/support/openai-server/main.ts --port 0 --key sk-test
//        [--tick-ms 50] [--manual] [--host 127.0.0.1] [--script "rate_limit:1"] [--org name] [--error-null]
//        [--chat-script FILE.json] [--chat-latency-ms 200] [--models ft:a,ft:b]
// Prints "LISTENING <port>" on stdout once it accepts connections; SIGINT/SIGTERM close it.
import { parseServerArgs, readChatScript, runServerCli } from "../server-cli";
import { startOpenAIServer } from "./server";
import type { ChatScript, ServerOptions } from "./types";

function parse(argv: string[]): ServerOptions {
  let chatFile: string | undefined;
  let chatLatency: number | undefined;
  const opts = parseServerArgs<ServerOptions>(argv, {
    "--org": (o, r) => (o.org = r.value()),
    "--retry-after-ms": (o, r) => (o.retryAfterMs = r.number()),
    "--error-null": (o) => (o.errorNull = true),
    "--chat-script": (_o, r) => (chatFile = r.value()),
    "--chat-latency-ms": (_o, r) => (chatLatency = r.number()),
  });
  // --chat-latency-ms wins over the file's latencyMs, whatever the order of the flags.
  if (chatFile !== undefined || chatLatency !== undefined)
    opts.chat = {
      ...(chatFile === undefined ? {} : (readChatScript(chatFile) as ChatScript)),
      ...(chatLatency === undefined ? {} : { latencyMs: chatLatency }),
    };
  return opts;
}

void runServerCli("openai-server", parse, startOpenAIServer);
