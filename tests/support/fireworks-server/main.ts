// CLI: node_modules/.bin/tsx tests/support/fireworks-server/main.ts --port 0 --key fireworks-test-key
//        [--account tooltune-test] [--tick-ms 50] [--manual] [--host 127.0.0.1] [--script "rate_limit:1"]
//        [--retry-after 1] [--min-examples 3] [--require-deployment] [--chat-script FILE.json] [--models a,b]
// Prints "LISTENING <port>" on stdout once it accepts connections; SIGINT/SIGTERM close it; a bad
// option or chat script exits 2.
import { parseServerArgs, readChatScript, runServerCli } from "../server-cli";
import { startFireworksServer } from "./server";
import type { ServerOptions } from "./types";

const parse = (argv: string[]) =>
  parseServerArgs<ServerOptions>(argv, {
    "--account": (o, r) => (o.account = r.value()),
    "--retry-after": (o, r) => (o.retryAfterSeconds = r.number()),
    "--min-examples": (o, r) => (o.minExamples = r.number()),
    "--require-deployment": (o) => (o.requireDeployment = true),
    "--chat-script": (o, r) => (o.chat = readChatScript(r.value()) as ServerOptions["chat"]),
  });

void runServerCli("fireworks-server", parse, startFireworksServer);
