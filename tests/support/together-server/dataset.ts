// The check a fine-tune upload goes through before its file reaches processing_status COMPLETED or
// INVALID_FORMAT. Rules, from what Together publishes (README.md, "Training files"):
// - format detection by columns, one format per file, no extra columns except `tools` next to `messages`
//   (together-py lib/constants.py JSONL_REQUIRED_COLUMNS_MAP / JSONL_EXTRA_COLUMNS_MAP, lib/utils/files.py);
// - roles system/user/assistant/tool (POSSIBLE_ROLES_CONVERSATION); the conversation starts with system or
//   user and then alternates (docs.together.ai/docs/fine-tuning/data-preparation); at least one assistant
//   message; `weight` 0 or 1 (files.py);
// - assistant messages may carry `tool_calls` in place of `content`, tool results come back in `tool`
//   messages, each line may carry `tools` (docs.together.ai/docs/fine-tuning/function-calling);
// - errors read "Line 7: messages[1] must contain a role field" (docs.together.ai/docs/changelog, June 8 2026).
// Only that one sentence is Together's published wording; the others follow its form.
import type { ValidationReport } from "./types";

export type DatasetFormat = "general" | "conversation" | "instruction" | "preference_openai";

const REQUIRED: Record<DatasetFormat, string[]> = {
  general: ["text"],
  conversation: ["messages"],
  instruction: ["prompt", "completion"],
  preference_openai: ["input", "preferred_output", "non_preferred_output"],
};
const EXTRA: Record<DatasetFormat, string[]> = { general: [], conversation: ["tools"], instruction: [], preference_openai: [] };
const ROLES = ["system", "user", "assistant", "tool"];
const MESSAGE_KEYS = ["role", "content", "weight", "name", "tool_calls", "tool_call_id", "reasoning", "reasoning_content"];

export interface DatasetCheck {
  report: Omit<ValidationReport, "file_id">;
  examples: number;
  tokens: number;
}

class LineError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

interface Flags {
  messageWeights: boolean;
  tools: boolean;
  parallel: boolean;
  reasoning: boolean;
}

function checkToolCalls(calls: unknown, at: string, fail: (m: string) => never): number {
  if (!Array.isArray(calls) || calls.length === 0) fail(`${at}.tool_calls must be a non-empty list`);
  (calls as unknown[]).forEach((call, j) => {
    const where = `${at}.tool_calls[${j}]`;
    if (!isObject(call)) fail(`${where} must be an object`);
    const c = call as Record<string, unknown>;
    if (c.type !== undefined && c.type !== "function") fail(`${where}.type must be "function"`);
    if (c.id !== undefined && typeof c.id !== "string") fail(`${where}.id must be a string`);
    if (!isObject(c.function)) fail(`${where} must contain a function field`);
    const fn = c.function as Record<string, unknown>;
    if (typeof fn.name !== "string" || fn.name === "") fail(`${where}.function.name must be a non-empty string`);
    if (typeof fn.arguments !== "string") fail(`${where}.function.arguments must be a string of JSON`);
    try {
      JSON.parse(fn.arguments as string);
    } catch {
      fail(`${where}.function.arguments is not valid JSON`);
    }
  });
  return (calls as unknown[]).length;
}

function checkContent(content: unknown, at: string, role: string, fail: (m: string) => never): void {
  if (typeof content === "string") return;
  if (role === "user" && Array.isArray(content)) {
    content.forEach((part, j) => {
      if (!isObject(part) || part.type !== "text" || typeof part.text !== "string")
        fail(`${at}.content[${j}] must be a text part ({"type": "text", "text": ...}); images are not simulated`);
    });
    return;
  }
  fail(`${at}.content must be a string`);
}

function checkMessages(messages: unknown, fail: (m: string) => never, flags: Flags): void {
  if (!Array.isArray(messages)) fail("messages must be a list");
  const list = messages as unknown[];
  if (list.length === 0) fail("messages must not be empty");
  let previous: string | null = null;
  let previousCalls = false;
  let assistant = false;
  list.forEach((m, i) => {
    const at = `messages[${i}]`;
    if (!isObject(m)) fail(`${at} must be an object`);
    const msg = m as Record<string, unknown>;
    if (!("role" in msg)) fail(`${at} must contain a role field`);
    const role = msg.role;
    if (typeof role !== "string" || !ROLES.includes(role))
      fail(`${at}.role must be one of ${ROLES.join(", ")} (got ${JSON.stringify(role)})`);
    const unknown = Object.keys(msg).find((k) => !MESSAGE_KEYS.includes(k));
    if (unknown) fail(`${at} has an unknown field "${unknown}"`);
    if ("weight" in msg) {
      if (!Number.isInteger(msg.weight)) fail(`${at}.weight must be an integer`);
      if (msg.weight !== 0 && msg.weight !== 1) fail(`${at}.weight must be either 0 or 1`);
      flags.messageWeights = true;
    }
    if (i === 0 && role !== "system" && role !== "user") fail(`${at} must be a system or user message: a conversation starts with one`);
    if (i > 0 && role === "system") fail(`${at} is a system message: only the first message may be one`);
    if (role === "tool") {
      if (!(previous === "tool" || (previous === "assistant" && previousCalls)))
        fail(`${at} is a tool message that does not follow an assistant message with tool_calls`);
    } else if (previous !== null && role === previous) {
      fail(`${at} repeats the role "${role}": after the optional system message, roles must alternate user/assistant`);
    } else if (role === "user" && previous === "assistant" && previousCalls) {
      fail(`${at} follows an assistant message with tool_calls: the tool results must come first`);
    } else if (role === "user" && previous === "tool") {
      fail(`${at} follows a tool message: an assistant message must answer the tool results first`);
    }
    if (role === "tool" && msg.tool_call_id !== undefined && typeof msg.tool_call_id !== "string")
      fail(`${at}.tool_call_id must be a string`);
    let calls = 0;
    if (role === "assistant") {
      assistant = true;
      if (msg.tool_calls !== undefined) calls = checkToolCalls(msg.tool_calls, at, fail);
      if (calls > 0) flags.tools = true;
      if (calls > 1) flags.parallel = true;
      if (msg.content === undefined || msg.content === null) {
        if (calls === 0) fail(`${at} must contain a content field or tool_calls`);
      } else checkContent(msg.content, at, "assistant", fail);
      for (const key of ["reasoning", "reasoning_content"])
        if (msg[key] !== undefined) {
          if (typeof msg[key] !== "string") fail(`${at}.${key} must be a string`);
          flags.reasoning = true;
        }
    } else {
      if (msg.tool_calls !== undefined) fail(`${at}: only assistant messages may carry tool_calls`);
      if (!("content" in msg)) fail(`${at} must contain a content field`);
      checkContent(msg.content, at, role as string, fail);
    }
    previous = role as string;
    previousCalls = calls > 0;
  });
  if (!assistant) fail("at least one message with the assistant role must be present");
}

function checkTools(tools: unknown, fail: (m: string) => never): void {
  if (!Array.isArray(tools)) fail("tools must be a list");
  (tools as unknown[]).forEach((tool, j) => {
    if (!isObject(tool) || tool.type !== "function" || !isObject(tool.function))
      fail(`tools[${j}] must be {"type": "function", "function": {...}}`);
    const fn = (tool as { function: Record<string, unknown> }).function;
    if (typeof fn.name !== "string" || fn.name === "") fail(`tools[${j}].function.name must be a non-empty string`);
    if (fn.description !== undefined && typeof fn.description !== "string") fail(`tools[${j}].function.description must be a string`);
    if (fn.parameters !== undefined && !isObject(fn.parameters)) fail(`tools[${j}].function.parameters must be an object`);
  });
}

function detectFormat(line: Record<string, unknown>, fail: (m: string) => never): DatasetFormat {
  const found = (Object.keys(REQUIRED) as DatasetFormat[]).filter((f) => REQUIRED[f].every((c) => c in line));
  if (found.length === 0) fail(`could not detect a dataset format from the columns: ${Object.keys(line).join(", ") || "(none)"}`);
  if (found.length > 1) fail(`found multiple dataset formats: ${found.join(" and ")}`);
  const format = found[0];
  const extra = Object.keys(line).find((k) => !REQUIRED[format].includes(k) && !EXTRA[format].includes(k));
  if (extra) fail(`found extra column "${extra}"`);
  return format;
}

/** Checks a fine-tune JSONL file; `report.error` names the first bad line ("Line 3: ..."). */
export function checkDataset(content: Buffer, filename: string, fileType: string): DatasetCheck {
  const invalid = (error: string, nlines = 0): DatasetCheck => ({
    report: { valid: false, nlines, error_type: "INVALID_FORMAT", error },
    examples: 0,
    tokens: 0,
  });
  if (fileType !== "jsonl")
    return invalid(`${fileType.toUpperCase()} files are not simulated by the test server for fine-tuning; upload JSONL.`);
  if (!filename.endsWith(".jsonl"))
    return invalid(`Unknown extension of file ${filename}. Only files with extensions .jsonl, .parquet, and .csv are supported.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return invalid("File is not UTF-8 encoded.");
  }
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) return invalid("File is empty");
  const flags: Flags = { messageWeights: false, tools: false, parallel: false, reasoning: false };
  let format: DatasetFormat | null = null;
  let chars = 0;
  try {
    lines.forEach((raw, index) => {
      const fail = (message: string): never => {
        throw new LineError(`Line ${index + 1}: ${message}`);
      };
      let line: unknown;
      try {
        line = JSON.parse(raw);
      } catch {
        fail("the line is not valid JSON");
      }
      if (!isObject(line)) fail("the line must be a JSON object");
      const obj = line as Record<string, unknown>;
      const own = detectFormat(obj, fail);
      if (format && own !== format) fail(`all samples must have the same dataset format: ${format} on line 1, ${own} here`);
      format = own;
      if (own === "conversation") {
        checkMessages(obj.messages, fail, flags);
        if (obj.tools !== undefined) {
          checkTools(obj.tools, fail);
          flags.tools = true;
        }
      } else if (own === "preference_openai") {
        if (!isObject(obj.input) || !Array.isArray(obj.input.messages)) fail("input must be an object with a messages list");
        for (const key of ["preferred_output", "non_preferred_output"]) {
          const out = obj[key];
          if (!Array.isArray(out) || out.length !== 1 || !isObject(out[0]) || out[0].role !== "assistant")
            fail(`${key} must be a list of exactly one assistant message`);
        }
      } else {
        for (const column of REQUIRED[own]) if (typeof obj[column] !== "string") fail(`${column} must be a string`);
      }
      chars += raw.length;
    });
  } catch (err) {
    if (err instanceof LineError) return invalid(err.message, lines.length);
    throw err;
  }
  return {
    report: {
      valid: true,
      nlines: lines.length,
      dataset_format: format ?? "conversation",
      dataset_has_sample_weights: false,
      dataset_has_message_weights: flags.messageWeights,
      dataset_is_multimodal: false,
      dataset_has_tools: flags.tools,
      dataset_has_parallel_tool_calls: flags.parallel,
      dataset_has_reasoning: flags.reasoning,
    },
    examples: lines.length,
    tokens: Math.ceil(chars / 4),
  };
}
