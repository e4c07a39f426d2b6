// CLI: node_modules/.bin/tsx tests/support/together-server/main.ts --port 0 --key together-test-key
//        [--tick-ms 50] [--manual] [--host 127.0.0.1] [--script "rate_limit:1"] [--account name]
//        [--retry-after 1] [--min-examples 1] [--newest-first] [--chat-script FILE.json] [--models a,b]
// Prints "LISTENING <port>" on stdout once it accepts connections; SIGINT/SIGTERM close it; a bad
// option or chat script exits 2.
import { parseServerArgs, readChatScript, runServerCli } from "../server-cli";
import { startTogetherServer } from "./server";
import type { ServerOptions } from "./types";

const parse = (argv: string[]) =>
  parseServerArgs<ServerOptions>(argv, {
    "--account": (o, r) => (o.account = r.value()),
    "--retry-after": (o, r) => (o.retryAfterSeconds = r.number()),
    "--min-examples": (o, r) => (o.minExamples = r.number()),
    "--newest-first": (o) => (o.listOrder = "newest-first"),
    "--chat-script": (o, r) => (o.chat = readChatScript(r.value()) as ServerOptions["chat"]),
  });

void runServerCli("together-server", parse, startTogetherServer);
