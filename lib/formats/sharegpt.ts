// LLaMA-Factory's ShareGPT format: {conversations: [{from, value}], tools: "<JSON list>", system?}.
// A function_call turn's value is {"name", "arguments": {...}} as JSON text (a list for parallel
// calls); an observation is the result of the call before it. ShareGPT has no call ids, so calls get
// `call_<turn>_<j>` and each observation the id of the call it answers. Per-turn weights and text next
// to a call have no place in this format and are not written.
import type { Message, ToolCall } from "../schemas/example";
import { decodeArguments } from "./arguments";
import { CallLinker } from "./links";
import { readToolList, toFlatTools } from "./tools";
import type { ExampleRecord, RecordResult, ToolDef } from "./types";
import { attempt, describe, expectRecord, fail, FormatWriteError, isObject, tryJson } from "./util";

const ROLES = { human: "user", user: "user", gpt: "assistant", assistant: "assistant", observation: "tool", tool: "tool" } as const;

export function parse(record: unknown, line: number): RecordResult {
  return attempt(line, () => {
    const rec = expectRecord(record);
    const conv = rec.conversations;
    if (!Array.isArray(conv)) fail("missing_messages", `conversations is ${describe(conv)}; expected a list of turns`);
    if (conv.length === 0) fail("missing_messages", "conversations is empty");
    if (rec.system !== undefined && typeof rec.system !== "string")
      fail("bad_message", `system is ${describe(rec.system)}; expected a string`);
    let system = rec.system === "" ? undefined : rec.system;
    const tools = readToolList(rec.tools, "tools", { allowString: true });
    const linker = new CallLinker(true);
    const messages: Message[] = [];
    conv.forEach((turn: unknown, i) => {
      const path = `conversations[${i}]`;
      if (!isObject(turn)) fail("bad_message", `${path} is ${describe(turn)}; expected {from, value}`);
      const { from, value } = turn;
      if (from === "function_call") {
        messages.push({
          role: "assistant",
          decision: { kind: "tool_calls", calls: linker.addCalls(messages.length, readCalls(value, `${path}.value`)) },
          weight: 1,
        });
        return;
      }
      if (typeof value !== "string") fail("bad_content", `${path}.value is ${describe(value)}; expected a string`);
      if (from === "system") {
        if (i !== 0 || system !== undefined)
          fail("unsupported_message", `${path} is a system turn after the start; only a leading one is supported`);
        system = value;
        return;
      }
      const role = typeof from === "string" && Object.hasOwn(ROLES, from) ? ROLES[from as keyof typeof ROLES] : undefined;
      if (role === undefined)
        fail("unknown_role", `${path}.from is ${JSON.stringify(from)}; expected human, gpt, function_call, observation or system`);
      if (role === "tool") {
        const link = linker.link(path, undefined, undefined);
        messages.push({ role: "tool", toolCallId: link.toolCallId, name: link.name, content: value });
        return;
      }
      linker.endTurn();
      messages.push(
        role === "user" ? { role, content: value } : { role, decision: { kind: "no_tool", reason: "" }, content: value, weight: 1 },
      );
    });
    if (!messages.some((m) => m.role === "assistant")) fail("missing_assistant", "the conversation has no gpt or function_call turn");
    const example: ExampleRecord = system === undefined ? { messages } : { system, messages };
    return { example, tools };
  });
}

function readCalls(value: unknown, path: string): ToolCall[] {
  let v = value;
  if (typeof value === "string") {
    const parsed = tryJson(value);
    if (!parsed.ok) fail("bad_tool_calls", `${path} is not valid JSON: ${parsed.message}`);
    v = parsed.value;
  }
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) fail("bad_tool_calls", `${path} is an empty list of calls`);
  return list.map((c: unknown, j) => {
    const at = Array.isArray(v) ? `${path}[${j}]` : path;
    if (!isObject(c)) fail("bad_tool_calls", `${at} is ${describe(c)}; expected {"name": ..., "arguments": {...}}`);
    if (typeof c.name !== "string" || c.name === "") fail("bad_tool_calls", `${at}.name is ${describe(c.name)}; expected the tool's name`);
    return { name: c.name, arguments: c.arguments === undefined ? {} : decodeArguments(c.arguments, `${at}.arguments`, "either") };
  });
}

export interface ShareGptLine {
  conversations: { from: "human" | "gpt" | "function_call" | "observation"; value: string }[];
  system?: string;
  tools: string;
}

/** One record; `system` (else the example's own) goes in the `system` field when it is not empty. */
export function write(example: ExampleRecord, tools: readonly ToolDef[], opts: { system?: string } = {}): ShareGptLine {
  const conversations = example.messages.map((m, i): ShareGptLine["conversations"][number] => {
    if (m.role === "user") return { from: "human", value: m.content };
    if (m.role === "tool") return { from: "observation", value: m.content };
    const d = m.decision;
    if (d.kind === "unlabelled") throw new FormatWriteError(`messages[${i}] is unlabelled; label it before export`);
    if (d.kind === "no_tool") return { from: "gpt", value: m.content ?? d.reason };
    const calls = d.calls.map((c) => ({ name: c.name, arguments: c.arguments }));
    return { from: "function_call", value: JSON.stringify(calls.length === 1 ? calls[0] : calls) };
  });
  const system = opts.system ?? example.system ?? "";
  const line: ShareGptLine = { conversations, tools: JSON.stringify(toFlatTools(tools)) };
  return system !== "" ? { conversations, system, tools: line.tools } : line;
}
