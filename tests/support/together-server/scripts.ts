// Test scripts: tokens in a job's `suffix` or the server-wide `--script`, parsed by the OpenAI test
// server's parser (same syntax: `steps:20`, `fail_at-5`, `rate_limit_2`, ...) plus one token of our own:
//   server_error:K  the first K requests of each kind answer 500 (the OpenAI server has no such token).
// Tokens the OpenAI parser knows that mean nothing here (`pause`, `epochs:N`) are ignored: Together jobs
// do not pause and n_epochs is an explicit parameter. Later sources win: --script, then the suffix.
import { parseScript as parseOpenAIScript } from "../openai-server/scripts";
import type { Script } from "./types";

const SERVER_ERROR = /(?<![A-Za-z0-9])server_error[:=_-]?(\d+)(?![0-9])/g;

export function parseScript(...sources: (string | null | undefined)[]): Script {
  const script: Script = {};
  for (const source of sources) {
    if (!source) continue;
    const { failAt, slowMs, rateLimit, steps } = parseOpenAIScript(source);
    Object.assign(script, Object.fromEntries(Object.entries({ failAt, slowMs, rateLimit, steps }).filter(([, v]) => v !== undefined)));
    for (const m of source.matchAll(SERVER_ERROR)) script.serverError = Number(m[1]);
  }
  return script;
}

/** The script a create body names (its suffix), after the server's. */
export function scriptOfBody(body: unknown, serverScript: string): Script {
  const suffix = body && typeof body === "object" ? (body as { suffix?: unknown }).suffix : undefined;
  return parseScript(serverScript, typeof suffix === "string" ? suffix : null);
}
