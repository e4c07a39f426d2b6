// Comparing two evals: signed deltas that know which way is better, the paired difference in
// exact match with a confidence interval, and the flips grouped by kind. Pure and unit-tested.
import type { EvalFlipDto, FlipKind } from "@/lib/schemas/evals";
import type { Rate } from "@/lib/scoring/types";

export type DeltaTone = "good" | "bad" | "same";

export interface Delta {
  /** B − A; percentage points for rates, raw units otherwise; null when either side is unknown. */
  value: number | null;
  tone: DeltaTone | null;
}

/** Smaller than this (in points, ms, USD…) reads as no change. */
const EPSILON = 1e-9;

export function delta(a: number | null | undefined, b: number | null | undefined, better: "higher" | "lower"): Delta {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b))
    return { value: null, tone: null };
  const value = b - a;
  if (Math.abs(value) < EPSILON) return { value: 0, tone: "same" };
  const up = value > 0;
  return { value, tone: up === (better === "higher") ? "good" : "bad" };
}

/** Rates as percentage points: 0.80 → 0.875 is +7.5. */
export function rateDelta(a: Rate, b: Rate, better: "higher" | "lower"): Delta {
  const d = delta(a.value, b.value, better);
  return d.value === null ? d : { ...d, value: d.value * 100 };
}

const minus = "\u2212";

/** "+7.5 pts", "−3.0 pts", "±0 pts", "—". */
export function formatPts(d: Delta): string {
  if (d.value === null) return "—";
  if (d.tone === "same") return "±0 pts";
  return `${d.value > 0 ? "+" : minus}${Math.abs(d.value).toFixed(1)} pts`;
}

/** A signed difference in the unit's own format: "+120 ms", "−$0.42". */
export function formatSigned(d: Delta, format: (abs: number) => string): string {
  if (d.value === null) return "—";
  if (d.tone === "same") return "same";
  return `${d.value > 0 ? "+" : minus}${format(Math.abs(d.value))}`;
}

/** B as a multiple of A ("3.2× faster"); null when it says nothing useful. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (!a || !b || !Number.isFinite(a) || !Number.isFinite(b) || a <= 0 || b <= 0) return null;
  return b / a;
}

export interface PairedDifference {
  /** Change in the share of shared examples answered correctly (B − A), 0..1 scale. */
  delta: number;
  /** Normal-approximation 95% interval of that change for paired outcomes. */
  low: number;
  high: number;
  n: number;
}

/**
 * The exact-match difference on the shared examples, paired: each example contributes +1 (fixed),
 * −1 (broken) or 0. Its mean is the difference and its standard error gives the interval, which is
 * much narrower than two independent proportions' because both models saw the same examples.
 */
export function pairedDifference(fixed: number, broken: number, shared: number): PairedDifference | null {
  if (shared <= 0) return null;
  const mean = (fixed - broken) / shared;
  const variance = Math.max(0, (fixed + broken) / shared - mean * mean);
  const se = Math.sqrt(variance / shared);
  return { delta: mean, low: mean - 1.96 * se, high: mean + 1.96 * se, n: shared };
}

export const FLIP_ORDER: readonly FlipKind[] = ["fixed", "broken", "still_wrong", "changed"];

export const FLIP_LABEL: Record<FlipKind, string> = { fixed: "Fixed", broken: "Broken", still_wrong: "Still wrong", changed: "Changed" };

export const FLIP_HINT: Record<FlipKind, string> = {
  fixed: "Wrong in A, right in B.",
  broken: "Right in A, wrong in B: regressions.",
  still_wrong: "Wrong in both, with the same verdict.",
  changed: "Wrong in both, with a different verdict.",
};

/** The flips by kind, each list in example order. */
export function groupFlips(flips: readonly EvalFlipDto[]): Record<FlipKind, EvalFlipDto[]> {
  const out: Record<FlipKind, EvalFlipDto[]> = { fixed: [], broken: [], still_wrong: [], changed: [] };
  for (const f of flips) out[f.kind]?.push(f);
  for (const k of FLIP_ORDER) out[k].sort((x, y) => x.exampleNumber - y.exampleNumber);
  return out;
}

/** The compare page's URL with A and B as given (swap by passing them the other way round). */
export function compareHref(projectId: string, a: string, b: string): string {
  return `/projects/${encodeURIComponent(projectId)}/evals/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
}

/** At most this many evals side by side (the table stays readable). */
export const COMPARE_MAX = 8;

/** The compare page for three or more evals, in the order given (the first is the baseline). */
export function compareManyHref(projectId: string, ids: readonly string[]): string {
  return `/projects/${encodeURIComponent(projectId)}/evals/compare?ids=${ids.map(encodeURIComponent).join(",")}`;
}

/** The ids of a ?ids= list: trimmed, no blanks, no repeats, at most COMPARE_MAX. */
export function parseCompareIds(raw: string | null): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(",").map((s) => s.trim()).filter(Boolean))].slice(0, COMPARE_MAX);
}
