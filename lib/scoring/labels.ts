// One-line labels of a decision, as lists, filters and the stored result columns show them:
// "track_order", "a + b" for parallel calls, or "no_tool".
import { INVALID_LABEL, NO_TOOL_LABEL, type GoldTarget, type ParsedDecision } from "./types";

export function goldLabel(gold: GoldTarget): string {
  return gold.kind === "no_tool" ? NO_TOOL_LABEL : gold.calls.map((c) => c.name).join(" + ");
}

/** What the model decided; `none` when nothing could be parsed. */
export function decisionLabel(decision: ParsedDecision | null | undefined, none = INVALID_LABEL): string {
  if (!decision) return none;
  return decision.kind === "no_tool" ? NO_TOOL_LABEL : decision.calls.map((c) => c.name).join(" + ");
}
