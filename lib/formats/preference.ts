// Preference pairs (DPO): one prompt, a chosen answer and a rejected one, written in OpenAI's
// preference fine-tuning format (FineTunePreferenceRequestInput: `input`, `preferred_output`,
// `non_preferred_output`) or TRL's conversational preference format (`prompt`, `chosen`, `rejected`,
// `tools`). Pure, like the rest of lib/formats. A pair comes from any source (an eval's failures, a
// reviewed teacher generation): the writers only need the neutral PreferencePair.
import type { Decision, Message } from "../schemas/example";
import type { OutputStyle } from "../schemas/common";
import { write as writeOpenAI, type OpenAIMessage } from "./openai";
import { toFunctionTools } from "./tools";
import type { ToolDef } from "./types";

/** An assistant answer exactly as a model gave it: text, and/or tool calls with their argument strings (broken JSON too). */
export interface RawAssistantAnswer {
  content: string | null;
  tool_calls?: { id?: string; name: string; arguments: string }[];
}

export interface PreferencePair {
  /** The system prompt the conversation is asked with ("" for none). */
  system: string;
  /** The turns before the answer (the prompt): at least a user turn. */
  messages: Message[];
  tools: ToolDef[];
  /** The answer to prefer: a labelled decision (the gold one). */
  chosen: Exclude<Decision, { kind: "unlabelled" }>;
  /** The answer to move away from, as the model wrote it. */
  rejected: RawAssistantAnswer;
  /** Where the pair came from, for counts and links; never written into a line. */
  source: { kind: string; id: string; label?: string };
  /** The rejected answer could not be decoded at all (the safe failure): still a valid rejected answer. */
  parseFailure?: boolean;
}

export interface PreferenceWriteOptions {
  style: OutputStyle;
  /** Written next to `tools` in native style when set (as the SFT lines are). */
  parallelToolCalls?: boolean;
}

export interface OpenAIPreferenceLine {
  input: { messages: OpenAIMessage[]; tools?: ReturnType<typeof toFunctionTools>; parallel_tool_calls?: boolean };
  preferred_output: [OpenAIAssistant];
  non_preferred_output: [OpenAIAssistant];
}

type OpenAIAssistant = Extract<OpenAIMessage, { role: "assistant" }>;

/** The prompt and the chosen answer, rendered exactly as an SFT line of the same conversation would be. */
function rendered(pair: PreferencePair, opts: PreferenceWriteOptions) {
  const line = writeOpenAI({ messages: [...pair.messages, { role: "assistant", decision: pair.chosen, weight: 1 }] }, pair.tools, {
    style: opts.style,
    system: pair.system,
    parallelToolCalls: opts.parallelToolCalls,
  });
  const chosen = line.messages.pop() as OpenAIAssistant;
  return { line, chosen };
}

/** The rejected answer as an assistant message: its calls (ids made up where the model gave none) with their argument strings, or its text. */
function rejectedMessage(r: RawAssistantAnswer): OpenAIAssistant {
  const calls = (r.tool_calls ?? []).map((c, j) => ({
    id: c.id || `call_rejected_${j}`,
    type: "function" as const,
    function: { name: c.name, arguments: c.arguments },
  }));
  if (calls.length === 0) return { role: "assistant", content: r.content ?? "" };
  return r.content ? { role: "assistant", content: r.content, tool_calls: calls } : { role: "assistant", tool_calls: calls };
}

/** One line of OpenAI's preference fine-tuning file (method `dpo`). */
export function toOpenAIPreference(pair: PreferencePair, opts: PreferenceWriteOptions): OpenAIPreferenceLine {
  const { line, chosen } = rendered(pair, opts);
  const input: OpenAIPreferenceLine["input"] = { messages: line.messages };
  if (line.tools) input.tools = line.tools;
  if (line.parallel_tool_calls !== undefined) input.parallel_tool_calls = line.parallel_tool_calls;
  return { input, preferred_output: [chosen], non_preferred_output: [rejectedMessage(pair.rejected)] };
}

export type TrlPreferenceMessage =
  | { role: "system" | "user"; content: string }
  | {
      role: "assistant";
      content: string;
      tool_calls?: { id: string; type: "function"; function: { name: string; arguments: Record<string, unknown> | string } }[];
    }
  | { role: "tool"; tool_call_id?: string; name?: string; content: string };

export interface TrlPreferenceLine {
  prompt: TrlPreferenceMessage[];
  chosen: [TrlPreferenceMessage];
  rejected: [TrlPreferenceMessage];
  /** Native style only (as the SFT lines): in router style the catalogue is in the system prompt. */
  tools?: ReturnType<typeof toFunctionTools>;
}

/** Arguments as the Hugging Face chat templates take them: an object; a string that is not a JSON object stays the string it was. */
function trlArguments(text: string): Record<string, unknown> | string {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : text;
  } catch {
    return text;
  }
}

function toTrl(m: OpenAIMessage): TrlPreferenceMessage {
  if (m.role === "system" || m.role === "user") return { role: m.role, content: m.content };
  if (m.role === "tool") return { role: "tool", tool_call_id: m.tool_call_id, content: m.content };
  if (m.role === "function") return { role: "tool", name: m.name, content: m.content };
  const out: TrlPreferenceMessage = { role: "assistant", content: m.content ?? "" };
  if (m.tool_calls)
    out.tool_calls = m.tool_calls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.function.name, arguments: trlArguments(c.function.arguments) },
    }));
  return out;
}

/** One line of TRL's conversational preference dataset (DPOTrainer): prompt, chosen, rejected, tools. */
export function toTrlPreference(pair: PreferencePair, opts: PreferenceWriteOptions): TrlPreferenceLine {
  const o = toOpenAIPreference(pair, opts);
  const line: TrlPreferenceLine = {
    prompt: o.input.messages.map(toTrl),
    chosen: [toTrl(o.preferred_output[0])],
    rejected: [toTrl(o.non_preferred_output[0])],
  };
  if (o.input.tools) line.tools = o.input.tools;
  return line;
}
