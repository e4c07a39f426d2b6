// The command line every local API test server shares (openai-server, together-server,
// fireworks-server): the common flags, each server's own, "LISTENING <port>" once it accepts
// connections, SIGINT/SIGTERM to close it, and exit 2 with one line on a bad option.
import { readFileSync } from "node:fs";
import { parseChatScript } from "./openai-server/chat";

/** The options every server takes (each server's own ServerOptions has these and more). */
export interface CommonOptions {
  port?: number;
  key?: string;
  tickMs?: number;
  manual?: boolean;
  host?: string;
  script?: string;
  models?: string[];
}

/** A flag of one server: it sets its options from the flag's value (`value()` or `number()` read it). */
export type Flag<O> = (opts: O, read: { value: () => string; number: () => number }) => void;

/** A chat script file, checked here so that a bad one fails with the file's name. */
export function readChatScript(file: string): unknown {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8"));
    parseChatScript(parsed);
    return parsed;
  } catch (err) {
    throw new Error(`--chat-script ${file}: ${(err as Error).message}`);
  }
}

export function parseServerArgs<O extends CommonOptions>(argv: string[], own: Record<string, Flag<O>>): O {
  const opts = {} as O;
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
    else if (flag === "--models")
      opts.models = [
        ...(opts.models ?? []),
        ...value()
          .split(",")
          .map((m) => m.trim())
          .filter(Boolean),
      ];
    else if (own[flag]) own[flag](opts, { value, number });
    else throw new Error(`unknown option ${flag}`);
  }
  if (opts.tickMs !== undefined && opts.tickMs < 1) throw new Error("--tick-ms must be at least 1");
  return opts;
}

/** Parses the arguments (exit 2 with "<name>: <problem>" on a bad one), starts the server, prints LISTENING. */
export async function runServerCli<O>(name: string, parse: (argv: string[]) => O, start: (opts: O) => Promise<{ port: number; close(): Promise<void> }>): Promise<void> {
  let opts: O;
  try {
    opts = parse(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${name}: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const server = await start(opts);
  process.stdout.write(`LISTENING ${server.port}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
