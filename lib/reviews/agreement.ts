// Agreement between a first label and a blind second review, on routing decisions. Pure and
// client-safe: the server computes the project's figures with it and the review page names
// categories with it. Terms are defined in ./README.md.
import { decisionRoles } from "../decision-roles";
import type { Decision, Message } from "../schemas/example";

export const NO_TOOL = "no_tool";

/**
 * The index of the final routing turn: the last trained-on (weight 1) assistant turn that replies
 * to a user message. Null when there is none, or when it is unlabelled (nothing to compare yet).
 */
export function finalRoutingIndex(messages: readonly Message[]): number | null {
  const roles = decisionRoles(messages);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role === "assistant" && roles[i] === "routing" && m.weight !== 0) return m.decision.kind === "unlabelled" ? null : i;
  }
  return null;
}

/**
 * A decision's category: "no_tool", or the names of the tools it calls, each once, sorted and
 * joined by "+" ("search+track_order" for a parallel call). Arguments are not compared.
 */
export function categoryOf(choice: Decision | readonly string[]): string | null {
  if (!Array.isArray(choice)) {
    const d = choice as Decision;
    if (d.kind === "no_tool") return NO_TOOL;
    if (d.kind === "unlabelled") return null;
    return categoryOf(d.calls.map((c) => c.name));
  }
  const names = [...new Set(choice as readonly string[])].sort();
  if (names.length === 0) return null;
  if (names.includes(NO_TOOL)) return names.length === 1 ? NO_TOOL : null;
  return names.join("+");
}

/** The category of an example's final routing decision (null: none to review). */
export function routingCategory(messages: readonly Message[]): string | null {
  const i = finalRoutingIndex(messages);
  if (i === null) return null;
  const m = messages[i];
  return m.role === "assistant" ? categoryOf(m.decision) : null;
}

export interface Pair {
  /** The first label's category. */
  label: string;
  /** The second reviewer's category. */
  choice: string;
}

export interface Agreement {
  /** Pairs counted (second reviews). */
  reviews: number;
  agreements: number;
  disagreements: number;
  /** disagreements / reviews: the share where two people chose differently (null without reviews). */
  disagreementRate: number | null;
  /** Observed agreement p_o (null without reviews). */
  observed: number | null;
  /** Agreement expected by chance p_e, from each side's own category shares (null without reviews). */
  expected: number | null;
  /**
   * Cohen's kappa, (p_o − p_e) / (1 − p_e). Null without reviews, and when p_e = 1 (both sides used
   * one and the same category throughout): kappa is undefined there (0 / 0), observed agreement is 100%.
   */
  kappa: number | null;
}

export function cohenKappa(pairs: readonly Pair[]): Agreement {
  const n = pairs.length;
  const agreements = pairs.filter((p) => p.label === p.choice).length;
  if (n === 0) return { reviews: 0, agreements: 0, disagreements: 0, disagreementRate: null, observed: null, expected: null, kappa: null };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  for (const p of pairs) {
    first.set(p.label, (first.get(p.label) ?? 0) + 1);
    second.set(p.choice, (second.get(p.choice) ?? 0) + 1);
  }
  let expected = 0;
  for (const [category, a] of first) expected += (a / n) * ((second.get(category) ?? 0) / n);
  const observed = agreements / n;
  // Floating sums of shares can land a hair off 1 when a single category is all there is.
  const degenerate = Math.abs(1 - expected) < 1e-12;
  return {
    reviews: n,
    agreements,
    disagreements: n - agreements,
    disagreementRate: (n - agreements) / n,
    observed,
    expected,
    kappa: degenerate ? null : (observed - expected) / (1 - expected),
  };
}

/** Landis and Koch's words for a kappa, as the page shows them beside the figure. */
export function kappaWords(kappa: number | null): string {
  if (kappa === null) return "undefined";
  if (kappa < 0) return "worse than chance";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}
