// Tool calls that models write as text: router JSON, {"name", "arguments"} objects (arguments an
// object or a JSON string; Llama's "parameters" too), OpenAI's {"type":"function","function":{...}},
// lists of these, inside ``` fences, <tool_call> tags (Hermes/Qwen), or somewhere in prose.
import { isObject, tryJson } from "../formats/util";
import { NO_TOOL } from "../formats/router-json";
import { floatsUnder, integralFloatPaths } from "./json-floats";
import type { ParsedCall, ParsedDecision } from "./types";

export interface Extracted {
  decision: ParsedDecision;
  note: string;
}

/** A call with its float paths; empty floatLiterals are left out so decisions compare cleanly. */
export function makeCall(name: string, args: Record<string, unknown>, floats: string[]): ParsedCall {
  return floats.length > 0 ? { name, arguments: args, floatLiterals: floats } : { name, arguments: args };
}

function argumentsOf(raw: unknown, at: string[], floats: string[][]): { args: Record<string, unknown>; floats: string[] } | null {
  if (raw === undefined || raw === null) return { args: {}, floats: [] };
  if (isObject(raw)) return { args: raw, floats: floatsUnder(floats, at) };
  if (typeof raw !== "string") return null;
  if (raw.trim() === "") return { args: {}, floats: [] };
  const inner = tryJson(raw);
  return inner.ok && isObject(inner.value) ? { args: inner.value, floats: floatsUnder(integralFloatPaths(raw), []) } : null;
}

type One = ParsedCall | { reason: string } | null;

function oneCall(v: unknown, at: string[], floats: string[][]): One {
  if (!isObject(v)) return null;
  if (typeof v.tool === "string" && v.tool !== "") {
    if (v.tool === NO_TOOL) return { reason: typeof v.reason === "string" ? v.reason : "" };
    const a = argumentsOf(v.arguments, [...at, "arguments"], floats);
    return a && makeCall(v.tool, a.args, a.floats);
  }
  if (isObject(v.function) && v.type === "function") return oneCall(v.function, [...at, "function"], floats);
  if (typeof v.name === "string" && v.name !== "" && ("arguments" in v || "parameters" in v)) {
    const key = "arguments" in v ? "arguments" : "parameters";
    const a = argumentsOf(v[key], [...at, key], floats);
    return a && makeCall(v.name, a.args, a.floats);
  }
  return null;
}

/** A decision from a decoded JSON value in any of the shapes above; null when it is none of them. */
export function decisionFromValue(value: unknown, floats: string[][], at: string[] = []): ParsedDecision | null {
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const calls = value.map((v, i) => oneCall(v, [...at, String(i)], floats));
    return calls.every((c): c is ParsedCall => c !== null && "name" in c) ? { kind: "tool_calls", calls } : null;
  }
  const one = oneCall(value, at, floats);
  if (one === null) return null;
  return "name" in one ? { kind: "tool_calls", calls: [one] } : { kind: "no_tool", reason: one.reason };
}

export function decisionFromText(text: string): ParsedDecision | null {
  const parsed = tryJson(text);
  return parsed.ok ? decisionFromValue(parsed.value, integralFloatPaths(text)) : null;
}

const FENCE = /```[A-Za-z_-]*[ \t]*\r?\n?([\s\S]*?)```/g;
const TAG = /<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/g;
const MAX_STARTS = 100;

/**
 * The repairs, in order: a code fence, <tool_call> tags, a whole text in another call shape, the first
 * balanced {...} or [...] in prose. `failed` is set when the text holds <tool_call> tags that do not decode.
 */
export function extractFromText(text: string, wholeNote: string): Extracted | { failed: string } | null {
  for (const m of text.matchAll(FENCE)) {
    const d = decisionFromText(m[1].trim());
    if (d) return { decision: d, note: "JSON inside a code fence" };
  }
  if (text.includes("<tool_call>")) {
    const calls: ParsedCall[] = [];
    for (const m of text.matchAll(TAG)) {
      const d = decisionFromText(m[1].trim());
      if (!d || d.kind !== "tool_calls") return { failed: `a <tool_call> tag does not hold a decodable call: ${clip(m[1].trim())}` };
      calls.push(...d.calls);
    }
    return { decision: { kind: "tool_calls", calls }, note: "<tool_call> tags (Hermes/Qwen style)" };
  }
  const whole = decisionFromText(text.trim());
  if (whole) return { decision: whole, note: wholeNote };
  let starts = 0;
  for (let i = 0; i < text.length && starts < MAX_STARTS; i++) {
    if (text[i] !== "{" && text[i] !== "[") continue;
    starts++;
    const end = balancedEnd(text, i);
    if (end < 0) continue;
    const d = decisionFromText(text.slice(i, end + 1));
    if (d) return { decision: d, note: "JSON found inside surrounding text" };
  }
  return null;
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 when it never closes. */
export function balancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "{" || c === "[") stack.push(c === "{" ? "}" : "]");
    else if (c === "}" || c === "]") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

export function clip(text: string, max = 60): string {
  const q = JSON.stringify(text);
  return q.length > max ? `${q.slice(0, max - 4)}..."` : q;
}
