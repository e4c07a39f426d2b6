// The teacher's request for one candidate: a fixed system prompt (the task, the catalogue, the
// answer's JSON shape) and a user message naming the item, its kind, a persona and style chosen by
// index (variety), and the requests already written for the tool ("do not repeat"). Pure.
import type { GenerationKind, GenerationTool, PlanItem } from "../schemas/generate";

export const PERSONAS = [
  "a busy professional typing on a phone",
  "a first-time customer unsure of the terms",
  "an impatient regular who writes tersely",
  "a polite retiree who writes in full sentences",
  "a non-native English speaker",
  "a support agent forwarding a customer's message",
  "a developer testing the system",
  "a frustrated customer",
  "a teenager writing casually with slang",
  "someone who gives extra, irrelevant context",
  "a manager asking on behalf of a colleague",
  "a careful person who double-checks details",
] as const;

export const STYLES = [
  "one short line",
  "a question",
  "an imperative request",
  "two or three sentences with some background",
  "lowercase with a typo or two",
  "formal",
  "friendly and chatty",
  "with the key detail at the very end",
] as const;

/** The three kinds of boundary negative, taken in turn by index. */
export const NEGATIVE_KINDS = ["underspecified", "out_of_scope", "chit_chat"] as const;
export type NegativeKind = (typeof NEGATIVE_KINDS)[number];

/** At most this many earlier requests are listed as "do not repeat" (the newest ones). */
export const AVOID_LIMIT = 30;
const AVOID_CHARS = 160;

export const itemKey = (tool: string, kind: GenerationKind, index: number) => `${tool}.${kind}.${index}`;

export function requiredOf(tool: GenerationTool): string[] {
  const r = (tool.parameters as { required?: unknown }).required;
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === "string") : [];
}

/** Which boundary negative item `index` asks for; a tool with no required argument cannot be underspecified. */
export function negativeKindOf(tool: GenerationTool, index: number): NegativeKind {
  const kinds = requiredOf(tool).length > 0 ? NEGATIVE_KINDS : NEGATIVE_KINDS.filter((k) => k !== "underspecified");
  return kinds[index % kinds.length];
}

export function systemPrompt(tools: readonly GenerationTool[]): string {
  const catalogue = tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));
  return [
    "You write training data for a small model that routes a user's message to one of the tools below, or to no tool.",
    "Each time you are asked for ONE candidate example. Answer with exactly one JSON object and nothing else: no prose, no code fence.",
    "Arguments must be valid against the tool's JSON Schema: use only its properties, the right types, and values its enums and patterns allow.",
    "Write requests a real user would type: varied wording, realistic values, no placeholders such as <id> or XXX.",
    `Tools (JSON): ${JSON.stringify(catalogue)}`,
  ].join("\n");
}

function shape(kind: GenerationKind, tool: string): string {
  if (kind === "positive") return `{"request": "<the user's message>", "tool": "${tool}", "arguments": {<the arguments>}}`;
  if (kind === "negative")
    return `{"request": "<the user's message>", "tool": "no_tool", "reason": "<why no tool is called>", "reply": "<what the assistant says instead>"}`;
  return `{"request": "<the user's message>", "tool": "${tool}", "arguments": {<the arguments>}, "tool_result": {<what the tool returns, as JSON>}, "answer": "<the assistant's answer to the user, using the result>"}`;
}

function task(item: PlanItem, tool: GenerationTool): string {
  if (item.kind === "positive") return `Write one user request that must call the tool "${tool.name}", and that call with its arguments.`;
  if (item.kind === "multi_turn")
    return `Write one user request that must call "${tool.name}", the call, a plausible result the tool returns, and the assistant's final answer to the user based on that result.`;
  const neg = negativeKindOf(tool, item.index);
  if (neg === "underspecified") {
    const required = requiredOf(tool);
    const missing = required[item.index % required.length];
    return `Write one user request that clearly wants "${tool.name}" but leaves out the required argument "${missing}", so no tool may be called yet. The reason must be "underspecified: need ${missing}"; the reply asks for it.`;
  }
  if (neg === "out_of_scope")
    return `Write one user request that sounds like the domain of "${tool.name}" but asks for something none of the tools can do. The reason starts with "out of scope: ".`;
  return `Write one greeting, thank-you or chit-chat message in the context of "${tool.name}" that needs no tool. The reason starts with "chit-chat: ".`;
}

/** The user message for one item; `avoid` lists the requests already written for its tool (newest last). */
export function itemPrompt(item: PlanItem, tool: GenerationTool, avoid: readonly string[]): string {
  const persona = PERSONAS[item.index % PERSONAS.length];
  const style = STYLES[(item.index * 3 + item.kind.length) % STYLES.length];
  const lines = [
    `[item ${item.key}]`,
    task(item, tool),
    `Write it as ${persona}, ${style}.`,
    `Answer in this shape: ${shape(item.kind, tool.name)}`,
  ];
  const recent = avoid.slice(-AVOID_LIMIT);
  if (recent.length > 0) {
    lines.push("Do not repeat or closely paraphrase any of these requests already written:");
    for (const r of recent) lines.push(`- ${r.length > AVOID_CHARS ? `${r.slice(0, AVOID_CHARS)}…` : r}`);
  }
  return lines.join("\n");
}
