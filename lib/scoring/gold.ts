// The expected decision of a labelled example, in BFCL's possible_answer shape. With alternatives (a
// BFCL import) they are used as they are; otherwise each labelled argument has exactly its value, and
// an argument the label does not have is not allowed: BFCL's semantics for a single answer.
import type { Decision } from "../schemas/example";
import type { GoldAnswer } from "../formats/types";
import { isObject } from "../formats/util";
import { firstAcceptable } from "../formats/bfcl";
import type { GoldTarget } from "./types";

export function goldFromDecision(decision: Decision, gold?: GoldAnswer[] | null): GoldTarget {
  if (decision.kind === "unlabelled") throw new Error("an unlabelled decision has no gold answer; label it first");
  if (decision.kind === "no_tool") return { kind: "no_tool", reason: decision.reason };
  if (gold && gold.length > 0) return { kind: "tool_calls", calls: gold };
  return {
    kind: "tool_calls",
    calls: decision.calls.map((c) => ({
      name: c.name,
      arguments: Object.fromEntries(Object.entries(c.arguments).map(([k, v]) => [k, [acceptable(v)]])),
    })),
  };
}

/**
 * One acceptable value as BFCL writes it: a dict's values are themselves lists of acceptable values, and
 * so are those of the dicts inside a list; deeper values are literal.
 */
function acceptable(v: unknown): unknown {
  if (isObject(v)) return asAcceptableDict(v);
  if (Array.isArray(v)) return v.map((e) => (isObject(e) ? asAcceptableDict(e) : e));
  return v;
}

function asAcceptableDict(d: Record<string, unknown>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, [v]]));
}

/**
 * The decision a gold target stands for, to train on: each argument's first acceptable value (an
 * optional argument whose first value is "" is left out), or no_tool with its reason.
 */
export function decisionFromGold(gold: GoldTarget): Exclude<Decision, { kind: "unlabelled" }> {
  if (gold.kind === "no_tool") return { kind: "no_tool", reason: gold.reason ?? "" };
  return { kind: "tool_calls", calls: gold.calls.map((c) => ({ name: c.name, arguments: firstAcceptable(c.arguments) })) };
}
