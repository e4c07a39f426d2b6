// Test scripts: tokens such as `steps:20,fail_at:5` found in a job's `suffix`, its
// `metadata.test_script`, or the server-wide `--script`. A token is a name and a number joined by
// ":", "=", "_" or "-" (`fail_at:3`, `fail_at_3`, `fail_at-3`), or the word `pause`; tokens may sit
// anywhere in the text ("support-steps_20-fail_at_5"), and text without them ("drone") is just a
// suffix. Later sources win: --script, then suffix, then metadata.test_script.
//   fail_at:N     the job fails at step N with error.code "server_error"
//   slow:MS       every response about this job (and its creation) is delayed by MS milliseconds
//   rate_limit:K  the first K requests of each kind about this job answer 429 with retry-after-ms
//   pause         the job goes to status "paused" half-way (POST .../resume or cancel moves it on)
//   steps:N       total training steps (default: n_epochs × ceil(examples / batch_size))
//   epochs:N      the value "auto" n_epochs resolves to (an explicit n_epochs wins)
import type { Script } from "./types";

const NUMERIC: Record<string, keyof Script> = {
  fail_at: "failAt",
  slow: "slowMs",
  rate_limit: "rateLimit",
  steps: "steps",
  epochs: "epochs",
};

const TOKEN = /(?<![A-Za-z0-9])(fail_at|slow|rate_limit|steps|epochs)[:=_-]?(\d+)(?![0-9])/g;
const PAUSE = /(?<![A-Za-z0-9])pause(?![A-Za-z0-9])/;

export function parseScript(...sources: (string | null | undefined)[]): Script {
  const script: Script = {};
  for (const source of sources) {
    if (!source) continue;
    for (const m of source.matchAll(TOKEN)) (script as Record<string, number>)[NUMERIC[m[1]]] = Number(m[2]);
    if (PAUSE.test(source)) script.pause = true;
  }
  return script;
}

/** The script named by a create-job request body (suffix first, then metadata.test_script). */
export function scriptOfBody(body: unknown, serverScript?: string): Script {
  if (!body || typeof body !== "object") return parseScript(serverScript);
  const b = body as { suffix?: unknown; metadata?: unknown };
  const suffix = typeof b.suffix === "string" ? b.suffix : null;
  const meta = b.metadata && typeof b.metadata === "object" ? (b.metadata as Record<string, unknown>).test_script : null;
  return parseScript(serverScript, suffix, typeof meta === "string" ? meta : null);
}
