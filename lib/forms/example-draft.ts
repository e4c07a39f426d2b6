// Pure edits of an example's messages as the editor makes them. The last message is the target
// (the assistant decision being labelled); the user message before it is the request; everything
// earlier is history.
import type { Issue } from "@/lib/schemas/common";
import type { AssistantMessage, Decision, Message, ToolCall } from "@/lib/schemas/example";

export function emptyMessages(): Message[] {
  return [
    { role: "user", content: "" },
    { role: "assistant", decision: { kind: "unlabelled" }, weight: 1 },
  ];
}

export function targetIndex(messages: readonly Message[]): number {
  return messages.length - 1;
}

/** Index of the request (the user turn right before the target), or -1 when the target follows something else. */
export function requestIndex(messages: readonly Message[]): number {
  const i = messages.length - 2;
  return i >= 0 && messages[i].role === "user" ? i : -1;
}

/** How many leading messages are history (shown as earlier turns). */
export function historyLength(messages: readonly Message[]): number {
  const r = requestIndex(messages);
  return r >= 0 ? r : Math.max(0, messages.length - 1);
}

export function target(messages: readonly Message[]): AssistantMessage | null {
  const last = messages.at(-1);
  return last?.role === "assistant" ? last : null;
}

export function replaceAt(messages: readonly Message[], index: number, message: Message): Message[] {
  return messages.map((m, i) => (i === index ? message : m));
}

export function setDecisionAt(messages: readonly Message[], index: number, decision: Decision): Message[] {
  const m = messages[index];
  if (m?.role !== "assistant") return [...messages];
  return replaceAt(messages, index, { ...m, decision });
}

/** Adds a history turn right before the request. */
export function addHistoryTurn(messages: readonly Message[], role: "user" | "assistant"): Message[] {
  const at = historyLength(messages);
  const turn: Message =
    role === "user" ? { role: "user", content: "" } : { role: "assistant", decision: { kind: "no_tool", reason: "" }, content: "", weight: 1 };
  return [...messages.slice(0, at), turn, ...messages.slice(at)];
}

export function removeAt(messages: readonly Message[], index: number): Message[] {
  return messages.filter((_, i) => i !== index);
}

/**
 * The decision after choosing `tool` for call `callIndex`: starts a tool call from no_tool or
 * unlabelled, or renames that call keeping the arguments the new tool also has.
 */
export function chooseTool(decision: Decision, callIndex: number, tool: string, keep: (args: Record<string, unknown>) => Record<string, unknown>): Decision {
  if (decision.kind !== "tool_calls") return { kind: "tool_calls", calls: [{ name: tool, arguments: {} }] };
  const calls = decision.calls.map((c, j): ToolCall => (j === callIndex ? { ...c, name: tool, arguments: c.name === tool ? c.arguments : keep(c.arguments) } : c));
  if (callIndex >= calls.length) calls.push({ name: tool, arguments: {} });
  return { kind: "tool_calls", calls };
}

export function markNoTool(decision: Decision): Decision {
  return decision.kind === "no_tool" ? decision : { kind: "no_tool", reason: "" };
}

export function addCall(decision: Decision, tool: string): Decision {
  if (decision.kind !== "tool_calls") return { kind: "tool_calls", calls: [{ name: tool, arguments: {} }] };
  return { kind: "tool_calls", calls: [...decision.calls, { name: tool, arguments: {} }] };
}

export function removeCall(decision: Decision, callIndex: number): Decision {
  if (decision.kind !== "tool_calls") return decision;
  const calls = decision.calls.filter((_, j) => j !== callIndex);
  return calls.length === 0 ? { kind: "unlabelled" } : { kind: "tool_calls", calls };
}

export function setCallArguments(decision: Decision, callIndex: number, args: Record<string, unknown>): Decision {
  if (decision.kind !== "tool_calls") return decision;
  return { kind: "tool_calls", calls: decision.calls.map((c, j) => (j === callIndex ? { ...c, arguments: args } : c)) };
}

/** A short, human place for an issue path: "Target · call 1 (get_order) · order_id". */
export function issueLabel(path: string, messages: readonly Message[]): string {
  const m = /^messages\.(\d+)(?:\.(.*))?$/.exec(path);
  if (!m) return path || "example";
  const i = Number(m[1]);
  const rest = m[2] ?? "";
  const t = targetIndex(messages);
  const where = i === t ? "Target" : i === requestIndex(messages) ? "Request" : `Turn ${i + 1}`;
  const msg = messages[i];
  const parts = [where];
  const call = /^calls\.(\d+)(?:\.(.*))?$/.exec(rest);
  if (call) {
    const j = Number(call[1]);
    const name = msg?.role === "assistant" && msg.decision.kind === "tool_calls" ? msg.decision.calls[j]?.name : undefined;
    const calls = msg?.role === "assistant" && msg.decision.kind === "tool_calls" ? msg.decision.calls.length : 1;
    parts.push(calls > 1 ? `call ${j + 1}${name ? ` (${name})` : ""}` : name || "call");
    const arg = /^arguments(?:\.(.*))?$/.exec(call[2] ?? "");
    if (arg) parts.push(arg[1] ?? "arguments");
    else if (call[2] === "name") parts.push("tool");
  } else if (rest === "reason") parts.push("no_tool reason");
  else if (rest === "calls") parts.push("calls");
  else if (rest) parts.push(rest);
  return parts.join(" · ");
}

/** Issues in the order their fields appear (turn, call, argument). */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
}

/** A one-line summary of a decision, for comparing two versions: get_order(order_id="A-1") or no_tool: reason. */
export function describeDecision(decision: Decision | undefined): string {
  if (!decision || decision.kind === "unlabelled") return "unlabelled";
  if (decision.kind === "no_tool") return `no_tool: ${decision.reason || "(no reason)"}`;
  return decision.calls
    .map((c) => `${c.name || "?"}(${Object.entries(c.arguments).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")})`)
    .join(" + ");
}
