// TRL / Unsloth conversational JSONL: like OpenAI's lines, but arguments are JSON objects (the
// Hugging Face chat-template convention), `tools` is a list or its JSON string, and tool messages may
// carry `name`. Reasoning is written as `reasoning_content`, which chat templates such as Qwen3's read.
import type { Message } from "../schemas/example";
import { readChat } from "./chat";
import { withCallIds } from "./links";
import { readToolList, toFunctionTools } from "./tools";
import type { ExampleRecord, RecordResult, ToolDef } from "./types";
import { attempt, expectRecord, FormatWriteError } from "./util";

export function parse(record: unknown, line: number): RecordResult {
  return attempt(line, () => {
    const rec = expectRecord(record);
    const example = readChat(rec, { args: "object", assignIds: true });
    return { example, tools: readToolList(rec.tools, "tools", { allowString: true }) };
  });
}

export type TrlMessage =
  | { role: "system" | "user"; content: string }
  | {
      role: "assistant";
      content: string;
      tool_calls?: { id?: string; type: "function"; function: { name: string; arguments: Record<string, unknown> } }[];
      reasoning_content?: string;
      weight?: 0;
    }
  | { role: "tool"; tool_call_id?: string; name: string; content: string };

export interface TrlLine {
  messages: TrlMessage[];
  tools: ReturnType<typeof toFunctionTools>;
}

/** One line; `system` (else the example's own) becomes the first message when it is not empty. */
export function write(example: ExampleRecord, tools: readonly ToolDef[], opts: { system?: string } = {}): TrlLine {
  const system = opts.system ?? example.system ?? "";
  const messages: TrlMessage[] = system !== "" ? [{ role: "system", content: system }] : [];
  withCallIds(example.messages).forEach((m, i) => messages.push(toTrl(m, i)));
  return { messages, tools: toFunctionTools(tools) };
}

function toTrl(m: Message, i: number): TrlMessage {
  if (m.role === "user") return { role: "user", content: m.content };
  if (m.role === "tool") {
    return m.toolCallId !== undefined
      ? { role: "tool", tool_call_id: m.toolCallId, name: m.name, content: m.content }
      : { role: "tool", name: m.name, content: m.content };
  }
  const d = m.decision;
  if (d.kind === "unlabelled") throw new FormatWriteError(`messages[${i}] is unlabelled; label it before export`);
  const out: TrlMessage =
    d.kind === "no_tool"
      ? { role: "assistant", content: m.content ?? d.reason }
      : {
          role: "assistant",
          content: m.content ?? "",
          tool_calls: d.calls.map((c, j) => ({
            id: c.id ?? `call_${i}_${j}`,
            type: "function",
            function: { name: c.name, arguments: c.arguments },
          })),
        };
  if (m.reasoning !== undefined) out.reasoning_content = m.reasoning;
  if (m.weight === 0) out.weight = 0;
  return out;
}
