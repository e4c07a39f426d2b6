// Test scripts, parsed by the Together test server's parser (itself the OpenAI server's plus
// `server_error:K`): `rate_limit_2`, `server_error-1`, `fail_at-3`, `steps:20`, `slow:MS`. Sources, later
// ones winning: the server's `--script`, then the job's `displayName`, its id (`supervisedFineTuningJobId`)
// and its output model. A display name is free text, so every token fits there; an id holds only a-z, 0-9
// and "-", so only the tokens without "_" in their name (`steps-20`, `slow-30`) can ride in an id.
import { parseScript as parseTogetherScript } from "../together-server/scripts";
import type { Script } from "./types";
import { isObject } from "./body";

export function parseScript(...sources: (string | null | undefined)[]): Script {
  return parseTogetherScript(...sources);
}

/** The script a create body names: display name, job id (query), output model (body). */
export function scriptOfCreate(serverScript: string, body: unknown, jobId: string | null): Script {
  const b = isObject(body) ? body : {};
  const text = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : null);
  return parseScript(serverScript, text("displayName"), jobId, text("outputModel"));
}
