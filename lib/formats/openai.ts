// OpenAI chat fine-tuning lines (FineTuneChatRequestInput): `messages`, `tools` / legacy `functions`,
// `parallel_tool_calls`; tool-call arguments are JSON strings. Reads every message shape the spec
// allows, and writes lines in either output style.
import type { Message } from "../schemas/example";
import type { OutputStyle } from "../schemas/common";
import { readChat } from "./chat";
import { withCallIds } from "./links";
import { encodeRouterJson } from "./router-json";
import { readToolList, toFunctionTools } from "./tools";
import type { ExampleRecord, RecordResult, ToolDef } from "./types";
import { attempt, expectRecord, FormatWriteError } from "./util";

export function parse(record: unknown, line: number): RecordResult {
  return attempt(line, () => {
    const rec = expectRecord(record);
    const example = readChat(rec, { args: "string", assignIds: true });
    const tools = mergeTools(
      readToolList(rec.tools, "tools", { allowString: false }),
      readToolList(rec.functions, "functions", { allowString: false }),
    );
    return { example, tools };
  });
}

export function mergeTools(...lists: ToolDef[][]): ToolDef[] {
  const out: ToolDef[] = [];
  for (const t of lists.flat()) if (!out.some((o) => o.name === t.name)) out.push(t);
  return out;
}

export type OpenAIMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content?: string | null; tool_calls?: OpenAIToolCall[]; weight?: 0 }
  | { role: "tool"; tool_call_id: string; content: string }
  | { role: "function"; name: string; content: string };

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface OpenAILine {
  messages: OpenAIMessage[];
  tools?: ReturnType<typeof toFunctionTools>;
  parallel_tool_calls?: boolean;
}

export interface OpenAIWriteOptions {
  style: OutputStyle;
  /** The system prompt to train with (the catalogue's, or an override); "" writes none. */
  system: string;
  /** Written next to `tools` in native style when set. */
  parallelToolCalls?: boolean;
}

/**
 * One training line. Native style: tool_calls with ids and JSON-string arguments, a no_tool turn as a
 * plain reply (its content, else its reason). Router style: every assistant turn's content is router
 * JSON, and the line has no tools or tool_calls; tool results become legacy `function` messages,
 * the only result message that needs no call id.
 */
export function write(example: ExampleRecord, tools: readonly ToolDef[], opts: OpenAIWriteOptions): OpenAILine {
  const native = opts.style === "native_tools";
  const messages: OpenAIMessage[] = opts.system !== "" ? [{ role: "system", content: opts.system }] : [];
  const turns = native ? withCallIds(example.messages) : example.messages;
  turns.forEach((m, i) => messages.push(native ? nativeMessage(m, i) : routerMessage(m, i)));
  const line: OpenAILine = { messages };
  if (native && tools.length > 0) {
    line.tools = toFunctionTools(tools);
    if (opts.parallelToolCalls !== undefined) line.parallel_tool_calls = opts.parallelToolCalls;
  }
  return line;
}

function nativeMessage(m: Message, i: number): OpenAIMessage {
  if (m.role === "user") return { role: "user", content: m.content };
  if (m.role === "tool") return toolResult(m);
  const d = m.decision;
  const weight = m.weight === 0 ? { weight: 0 as const } : {};
  if (d.kind === "unlabelled") throw new FormatWriteError(`messages[${i}] is unlabelled; label it before export`);
  if (d.kind === "no_tool") return { role: "assistant", content: m.content ?? d.reason, ...weight };
  const tool_calls = d.calls.map((c, j) => ({
    id: c.id ?? `call_${i}_${j}`,
    type: "function" as const,
    function: { name: c.name, arguments: JSON.stringify(c.arguments) },
  }));
  return m.content !== undefined
    ? { role: "assistant", content: m.content, tool_calls, ...weight }
    : { role: "assistant", tool_calls, ...weight };
}

function routerMessage(m: Message, i: number): OpenAIMessage {
  if (m.role === "user") return { role: "user", content: m.content };
  if (m.role === "tool") return { role: "function", name: m.name, content: m.content };
  const content = encodeRouterJson(m, `messages[${i}]`);
  return m.weight === 0 ? { role: "assistant", content, weight: 0 } : { role: "assistant", content };
}

function toolResult(m: Extract<Message, { role: "tool" }>): OpenAIMessage {
  return m.toolCallId !== undefined
    ? { role: "tool", tool_call_id: m.toolCallId, content: m.content }
    : { role: "function", name: m.name, content: m.content };
}
