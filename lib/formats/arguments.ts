// Tool-call arguments as files store them: a JSON string (OpenAI), an object (TRL, router, ShareGPT),
// or either. Each failure names the field and says what it held instead.
import { describe, fail, isObject, tryJson, type Json } from "./util";

/** "string": OpenAI's JSON text; "object": a JSON object; "either": both are fine. */
export type ArgumentsMode = "string" | "object" | "either";

export function decodeArguments(raw: unknown, path: string, mode: ArgumentsMode): Json {
  if (isObject(raw)) {
    if (mode === "string") {
      fail("bad_arguments", `${path} is an object; the OpenAI format stores arguments as a JSON string (is this a TRL file?)`);
    }
    return raw;
  }
  if (typeof raw !== "string") fail("bad_arguments", `${path} is ${describe(raw)}; expected ${expected(mode)}`);
  if (mode === "object") {
    const hint = isObject(tryValue(raw)) ? " (is this an OpenAI file?)" : "";
    fail("bad_arguments", `${path} is a string; this format stores arguments as a JSON object${hint}`);
  }
  return decodeArgumentText(raw, path);
}

/** Parses arguments written as JSON text; recognises text that was JSON-encoded twice. */
export function decodeArgumentText(text: string, path: string): Json {
  // An empty string is what some exporters write for a call without arguments.
  if (text.trim() === "") return {};
  const first = tryJson(text);
  if (!first.ok) fail("bad_arguments", `${path} is not valid JSON: ${first.message}`);
  const value = first.value;
  if (isObject(value)) return value;
  if (typeof value === "string" && isObject(tryValue(value))) {
    fail("double_encoded_arguments", `${path} is JSON-encoded twice: it decodes to the string ${clip(value)}, which holds the object`);
  }
  fail("bad_arguments", `${path} must decode to a JSON object, but it decodes to ${describe(value)}`);
}

function tryValue(text: string): unknown {
  const r = tryJson(text);
  return r.ok ? r.value : undefined;
}

function expected(mode: ArgumentsMode): string {
  return mode === "string" ? "a JSON string" : mode === "object" ? "a JSON object" : "a JSON object or a JSON string";
}

function clip(s: string): string {
  const q = JSON.stringify(s);
  return q.length > 80 ? `${q.slice(0, 77)}..."` : q;
}
