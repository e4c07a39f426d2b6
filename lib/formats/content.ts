// Message content as chat files hold it: a string, null, or a list of typed parts. Text parts are
// {type: "text", text} (OpenAI) or {type: "text", value} (some Hugging Face sets); assistants may also
// have "reasoning", "refusal" and "tool_call" parts ({"name", "arguments"} as JSON text or an object).
import type { ToolCall } from "../schemas/example";
import { decodeArguments } from "./arguments";
import { describe, fail, isObject, tryJson } from "./util";

export interface Content {
  /** Undefined when the content was null or absent. */
  text?: string;
  reasoning?: string;
  calls: ToolCall[];
}

export function readContent(value: unknown, path: string, assistant: boolean): Content {
  if (value === undefined || value === null) return { calls: [] };
  if (typeof value === "string") return { text: value, calls: [] };
  if (!Array.isArray(value)) fail("bad_content", `${path} is ${describe(value)}; expected a string or a list of content parts`);
  const text: string[] = [];
  const reasoning: string[] = [];
  const calls: ToolCall[] = [];
  value.forEach((part, k) => {
    const at = `${path}[${k}]`;
    if (!isObject(part)) fail("bad_content", `${at} is ${describe(part)}; expected a content part object`);
    const type = part.type;
    if (type === "text") text.push(partText(part, at, "text"));
    else if (assistant && type === "reasoning") reasoning.push(partText(part, at, "reasoning"));
    else if (assistant && type === "refusal") text.push(partText(part, at, "refusal"));
    else if (assistant && type === "tool_call") calls.push(readToolCallPart(part.value ?? part.tool_call, at));
    else {
      const what = typeof type === "string" ? `a ${JSON.stringify(type)} part` : "a part without a type";
      fail(
        "unsupported_content",
        `${at} is ${what}; only text parts are supported${assistant ? " (and reasoning, refusal, tool_call)" : ""}`,
      );
    }
  });
  const out: Content = { calls };
  if (text.length > 0 || reasoning.length === 0) out.text = text.join("");
  if (reasoning.length > 0) out.reasoning = reasoning.join("");
  return out;
}

/** Content that must be present and plain text (user, system and tool turns). */
export function readText(value: unknown, path: string): string {
  if (value === undefined || value === null) fail("missing_content", `${path} is ${describe(value)}; expected text`);
  const c = readContent(value, path, false);
  return c.text ?? "";
}

function partText(part: Record<string, unknown>, at: string, key: string): string {
  const v = part[key] ?? part.text ?? part.value;
  if (typeof v !== "string") fail("bad_content", `${at} has no text: expected a string in .${key === "text" ? "text" : key} or .value`);
  return v;
}

function readToolCallPart(value: unknown, at: string): ToolCall {
  let call = value;
  if (typeof value === "string") {
    const parsed = tryJson(value);
    if (!parsed.ok) fail("bad_tool_calls", `${at}.value is not valid JSON: ${parsed.message}`);
    call = parsed.value;
  }
  if (!isObject(call)) fail("bad_tool_calls", `${at}.value is ${describe(call)}; expected {"name": ..., "arguments": {...}}`);
  if (typeof call.name !== "string" || call.name === "")
    fail("bad_tool_calls", `${at}.value.name is ${describe(call.name)}; expected the tool's name`);
  const args = call.arguments === undefined ? {} : decodeArguments(call.arguments, `${at}.value.arguments`, "either");
  return typeof call.id === "string" ? { id: call.id, name: call.name, arguments: args } : { name: call.name, arguments: args };
}
