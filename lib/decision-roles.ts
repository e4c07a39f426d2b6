// Which kind of decision each assistant turn is. Pure and client-safe: the server counts with it
// (lib/server/examples/derive.ts) and the editor labels turns with it.
import type { Message } from "./schemas/example";

export type DecisionRole = "routing" | "follow_up";

/**
 * The role of each assistant turn, by the turn it answers: the nearest user or tool message before
 * it. After a user message it routes (call a tool or not); after a tool result it follows up.
 */
export function decisionRoles(messages: readonly Message[]): (DecisionRole | null)[] {
  let last: DecisionRole = "routing";
  return messages.map((m) => {
    if (m.role === "user") last = "routing";
    else if (m.role === "tool") last = "follow_up";
    else return last;
    return null;
  });
}

export interface TurnKind {
  role: DecisionRole;
  /** "routing", "follow-up: answer", "follow-up: chained call" or "follow-up". */
  label: string;
  /** What the label means, for a tooltip. */
  hint: string;
}

/** The kind of each assistant turn, as the editor shows it (null for user and tool turns). */
export function turnKinds(messages: readonly Message[]): (TurnKind | null)[] {
  const roles = decisionRoles(messages);
  return messages.map((m, i) => {
    const role = roles[i];
    if (!role || m.role !== "assistant") return null;
    if (role === "routing") {
      return { role, label: "routing", hint: "Replies to the user: a tool call or no_tool. Counted in the no_tool gauge and scored by evals." };
    }
    const d = m.decision.kind;
    const label = d === "tool_calls" ? "follow-up: chained call" : d === "no_tool" ? "follow-up: answer" : "follow-up";
    return { role, label, hint: "Follows a tool result (the answer that uses it, or a chained call). Counted apart: it never moves the no_tool gauge." };
  });
}
