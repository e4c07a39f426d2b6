// The Berkeley Function Calling Leaderboard's data: question lines ({id, question: [[{role, content}]],
// function: [...]}) and possible_answer lines ({id, ground_truth: [{func_name: {arg: [acceptable]}}]}).
// Tools are converted as BFCL's OpenAI handler does: dots in names become underscores, and BFCL type
// names become JSON Schema ones (dict→object, float→number, tuple→array; "any" drops the type, so any
// value validates, where BFCL itself writes "string").
import type { Message, ToolCall } from "../schemas/example";
import type { GoldAnswer, RecordError, RecordResult, ToolDef } from "./types";
import { attempt, describe, expectRecord, fail, FormatError, isObject, type Json } from "./util";

export const IRRELEVANT_REASON = "irrelevant: no function fits";

const TYPES: Record<string, string | null> = { dict: "object", float: "number", tuple: "array", any: null };

export function bfclName(name: string): string {
  return name.replace(/\./g, "_");
}

/** BFCL parameter schema → JSON Schema, recursively (properties, items, additionalProperties, *Of). */
export function convertBfclSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convertBfclSchema);
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "type") {
      const mapped = typeof value === "string" && value in TYPES ? TYPES[value] : value;
      if (mapped !== null) out.type = mapped;
    } else if (key === "properties" && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertBfclSchema(v)]));
    } else if (["items", "additionalProperties", "anyOf", "oneOf", "allOf"].includes(key)) {
      out[key] = convertBfclSchema(value);
    } else out[key] = value;
  }
  return out;
}

/** The `id` of a question or answer line, for joining the two files. */
export function bfclId(record: unknown): string | undefined {
  return isObject(record) && typeof record.id === "string" ? record.id : undefined;
}

/** Irrelevance categories expect no call at all; their ids say so ("irrelevance_3", "live_irrelevance_7-2-0"). */
export function isIrrelevanceId(id: string): boolean {
  return /(^|_)irrelevance_/.test(id);
}

/** A question line: the conversation with an unlabelled final assistant turn, and its tools. */
export function parseQuestion(record: unknown, line: number): RecordResult {
  return attempt(line, () => readQuestion(record));
}

function readQuestion(record: unknown): { example: { system?: string; messages: Message[] }; tools: ToolDef[] } {
  const rec = expectRecord(record);
  const q = rec.question;
  if (!Array.isArray(q) || q.length === 0) fail("missing_messages", `question is ${describe(q)}; expected [[{role, content}, ...]]`);
  if (q.length > 1) fail("unsupported_shape", `question has ${q.length} turns; only single-turn BFCL entries are supported`);
  if (!Array.isArray(q[0]) || q[0].length === 0) fail("missing_messages", `question[0] is ${describe(q[0])}; expected a list of messages`);
  let system: string | undefined;
  const messages: Message[] = [];
  q[0].forEach((m: unknown, i) => {
    const path = `question[0][${i}]`;
    if (!isObject(m)) fail("bad_message", `${path} is ${describe(m)}; expected {role, content}`);
    if (typeof m.content !== "string") fail("bad_content", `${path}.content is ${describe(m.content)}; expected a string`);
    if (m.role === "system" && i === 0) system = m.content;
    else if (m.role === "user") messages.push({ role: "user", content: m.content });
    // Live questions may carry the conversation so far: earlier assistant replies and tool results
    // are context for the question's answer, kept as turns that are never trained on (weight 0).
    else if (m.role === "assistant") messages.push({ role: "assistant", decision: { kind: "no_tool", reason: "" }, content: m.content, weight: 0 });
    else if (m.role === "tool") messages.push({ role: "tool", name: typeof m.name === "string" ? bfclName(m.name) : "", content: m.content });
    else fail("unknown_role", `${path}.role is ${JSON.stringify(m.role)}; expected user, assistant or tool (or a leading system)`);
  });
  if (!messages.some((m) => m.role === "user")) fail("missing_messages", "question[0] has no user message");
  messages.push({ role: "assistant", decision: { kind: "unlabelled" }, weight: 1 });
  if (!Array.isArray(rec.function)) fail("bad_tools", `function is ${describe(rec.function)}; expected a list of functions`);
  const tools = rec.function.map((f: unknown, i) => readFunction(f, `function[${i}]`));
  return { example: system === undefined ? { messages } : { system, messages }, tools };
}

function readFunction(f: unknown, path: string): ToolDef {
  if (!isObject(f) || typeof f.name !== "string" || f.name === "") fail("bad_tools", `${path} has no name`);
  const params = f.parameters === undefined ? { type: "object", properties: {} } : convertBfclSchema(f.parameters);
  if (!isObject(params)) fail("bad_tools", `${path}.parameters is ${describe(f.parameters)}; expected a schema object`);
  return { name: bfclName(f.name), description: typeof f.description === "string" ? f.description : "", parameters: params };
}

export type AnswerResult = { ok: true; value: { id: string; answers: GoldAnswer[] } } | { ok: false; error: RecordError };

/** A possible_answer line: per expected call, each argument's acceptable values (names converted like the tools). */
export function parseAnswer(record: unknown, line: number): AnswerResult {
  try {
    const rec = expectRecord(record);
    if (typeof rec.id !== "string") fail("unknown_shape", `id is ${describe(rec.id)}; expected a string`);
    if (!Array.isArray(rec.ground_truth)) fail("unknown_shape", `ground_truth is ${describe(rec.ground_truth)}; expected a list`);
    const answers = rec.ground_truth.map((g: unknown, i): GoldAnswer => {
      const path = `ground_truth[${i}]`;
      const entries = isObject(g) ? Object.entries(g) : [];
      if (entries.length !== 1) fail("bad_answer", `${path} must be {function_name: {argument: [acceptable values]}}`);
      const [name, args] = entries[0];
      if (!isObject(args)) fail("bad_answer", `${path}.${name} is ${describe(args)}; expected {argument: [acceptable values]}`);
      for (const [k, v] of Object.entries(args))
        if (!Array.isArray(v)) fail("bad_answer", `${path}.${name}.${k} is ${describe(v)}; expected a list`);
      return { name: bfclName(name), arguments: args as Record<string, unknown[]> };
    });
    return { ok: true, value: { id: rec.id, answers } };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, error: { line, kind: e.kind, reason: e.reason } };
    throw e;
  }
}

/**
 * A gold record: the question, and as final decision the first acceptable value of each argument
 * (arguments whose first acceptable value is "" are optional and left out), with every alternative
 * kept in `gold`. Irrelevance questions have no answers: their decision is no_tool.
 */
export function mergeGold(questionRecord: unknown, answers: GoldAnswer[] | undefined, line: number): RecordResult {
  return attempt(line, () => {
    const { example, tools } = readQuestion(questionRecord);
    const id = bfclId(questionRecord) ?? "";
    const last = example.messages.length - 1;
    if (answers === undefined || answers.length === 0) {
      if (!isIrrelevanceId(id)) fail("missing_answer", `no possible answer for ${JSON.stringify(id)}`);
      example.messages[last] = { role: "assistant", decision: { kind: "no_tool", reason: IRRELEVANT_REASON }, weight: 1 };
      return { example, tools };
    }
    const calls: ToolCall[] = answers.map((a) => ({ name: a.name, arguments: firstAcceptable(a.arguments) }));
    example.messages[last] = { role: "assistant", decision: { kind: "tool_calls", calls }, weight: 1 };
    return { example, tools, gold: answers };
  });
}

/** The first acceptable value of each argument; a dict's values (and a list's dicts) are acceptable-value lists too. */
export function firstAcceptable(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(pickFirst(args))) {
    out[k] = isObject(v) ? pickFirst(v) : Array.isArray(v) ? v.map((e) => (isObject(e) ? pickFirst(e) : e)) : v;
  }
  return out;
}

/** One level: each list of acceptable values → its first; a first value of "" (optional) → left out. Deeper values are literal. */
function pickFirst(d: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    if (!Array.isArray(v)) out[k] = v;
    else if (v.length > 0 && v[0] !== "") out[k] = v[0];
  }
  return out;
}
