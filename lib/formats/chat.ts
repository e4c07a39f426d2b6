// The reader shared by the OpenAI-shaped formats (OpenAI, TRL, router): a `messages` list of system /
// developer, user, assistant, tool and legacy function messages. The formats differ only in how
// arguments are stored and in what an assistant's plain text means.
import type { AssistantMessage, Decision, Message, ToolCall } from "../schemas/example";
import { decodeArguments, type ArgumentsMode } from "./arguments";
import { readContent, readText } from "./content";
import { CallLinker } from "./links";
import type { ExampleRecord } from "./types";
import { describe, fail, isObject, type Json } from "./util";

export interface ChatOptions {
  /** How `tool_calls[].function.arguments` and `function_call.arguments` are stored. */
  args: ArgumentsMode;
  /** Give calls without an id `call_<turn>_<j>` (not in the router format, whose calls have no ids). */
  assignIds: boolean;
  /** What an assistant's plain text is; by default a no_tool reply (reason "", the text as content). */
  assistantText?: (text: string, path: string) => Decision;
}

export function readChat(rec: Json, opts: ChatOptions): ExampleRecord {
  const raw = rec.messages;
  if (raw === undefined) fail("missing_messages", "the record has no messages");
  if (!Array.isArray(raw)) fail("missing_messages", `messages is ${describe(raw)}; expected a list of messages`);
  if (raw.length === 0) fail("missing_messages", "messages is empty");
  const linker = new CallLinker(opts.assignIds);
  const messages: Message[] = [];
  let system: string | undefined;
  raw.forEach((m: unknown, i) => {
    const path = `messages[${i}]`;
    if (!isObject(m)) fail("bad_message", `${path} is ${describe(m)}; expected a message object`);
    switch (m.role) {
      case "system":
      case "developer":
        if (i !== 0) fail("unsupported_message", `${path} is a ${m.role} message after the first turn; only a leading one is supported`);
        system = readText(m.content, `${path}.content`);
        return;
      case "user":
        linker.endTurn();
        messages.push({ role: "user", content: readText(m.content, `${path}.content`) });
        return;
      case "assistant":
        messages.push(readAssistant(m, path, messages.length, linker, opts));
        return;
      case "tool":
      case "function":
        messages.push(readToolReply(m, path, linker));
        return;
      default:
        if (m.role === undefined) fail("unknown_role", `${path} has no role`);
        fail("unknown_role", `${path}.role is ${JSON.stringify(m.role)}; expected system, developer, user, assistant, tool or function`);
    }
  });
  if (!messages.some((m) => m.role === "assistant")) fail("missing_assistant", "the conversation has no assistant message");
  return system === undefined ? { messages } : { system, messages };
}

function readAssistant(m: Json, path: string, turn: number, linker: CallLinker, opts: ChatOptions): AssistantMessage {
  const weight = readWeight(m.weight, path);
  const body = readContent(m.content, `${path}.content`, true);
  let text = body.text ?? (typeof m.refusal === "string" ? m.refusal : undefined);
  const reasoning = body.reasoning ?? firstString(m.reasoning_content, m.reasoning);
  const calls = [...readToolCalls(m.tool_calls, path, opts.args), ...readFunctionCall(m.function_call, path, opts.args), ...body.calls];
  let decision: Decision;
  if (calls.length > 0) {
    decision = { kind: "tool_calls", calls: linker.addCalls(turn, calls) };
    if (text !== undefined && text.trim() === "") text = undefined;
  } else {
    if (text === undefined) fail("missing_content", `${path} has neither content nor tool_calls`);
    if (opts.assistantText) {
      decision = opts.assistantText(text, `${path}.content`);
      text = undefined;
    } else decision = { kind: "no_tool", reason: "" };
    if (decision.kind === "tool_calls") decision = { kind: "tool_calls", calls: linker.addCalls(turn, decision.calls) };
    else linker.endTurn();
  }
  const out: AssistantMessage = { role: "assistant", decision, weight };
  if (text !== undefined) out.content = text;
  if (reasoning !== undefined) out.reasoning = reasoning;
  return out;
}

function readToolCalls(value: unknown, path: string, mode: ArgumentsMode): ToolCall[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail("bad_tool_calls", `${path}.tool_calls is ${describe(value)}; expected a list of calls`);
  return value.map((c: unknown, j) => {
    const at = `${path}.tool_calls[${j}]`;
    if (!isObject(c)) fail("bad_tool_calls", `${at} is ${describe(c)}; expected a call object`);
    if (c.type !== undefined && c.type !== "function")
      fail("bad_tool_calls", `${at}.type is ${JSON.stringify(c.type)}; only function calls are supported`);
    if (!isObject(c.function)) fail("bad_tool_calls", `${at}.function is ${describe(c.function)}; expected {name, arguments}`);
    const call = readCall(c.function, `${at}.function`, mode);
    if (c.id !== undefined && typeof c.id !== "string") fail("bad_tool_calls", `${at}.id is ${describe(c.id)}; expected a string`);
    return c.id === undefined ? call : { id: c.id, ...call };
  });
}

function readFunctionCall(value: unknown, path: string, mode: ArgumentsMode): ToolCall[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) fail("bad_tool_calls", `${path}.function_call is ${describe(value)}; expected {name, arguments}`);
  return [readCall(value, `${path}.function_call`, mode)];
}

function readCall(fn: Json, at: string, mode: ArgumentsMode): ToolCall {
  if (typeof fn.name !== "string" || fn.name === "") fail("bad_tool_calls", `${at}.name is ${describe(fn.name)}; expected the tool's name`);
  if (fn.arguments === undefined) fail("bad_arguments", `${at}.arguments is missing`);
  return { name: fn.name, arguments: decodeArguments(fn.arguments, `${at}.arguments`, mode) };
}

function readToolReply(m: Json, path: string, linker: CallLinker): Message {
  // The legacy function message may have null content.
  const content = m.role === "function" && m.content === null ? "" : readText(m.content, `${path}.content`);
  const id = m.role === "tool" ? m.tool_call_id : undefined;
  if (id !== undefined && typeof id !== "string") fail("bad_message", `${path}.tool_call_id is ${describe(id)}; expected a string`);
  if (m.name !== undefined && typeof m.name !== "string") fail("bad_message", `${path}.name is ${describe(m.name)}; expected a string`);
  const link = linker.link(path, id, m.name);
  const out: Message = { role: "tool", name: link.name, content };
  if (link.toolCallId !== undefined) out.toolCallId = link.toolCallId;
  return out;
}

function readWeight(value: unknown, path: string): 0 | 1 {
  if (value === undefined) return 1;
  if (value === 0 || value === 1) return value;
  return fail("bad_weight", `${path}.weight is ${JSON.stringify(value)}; expected 0 or 1`);
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === "string");
}
