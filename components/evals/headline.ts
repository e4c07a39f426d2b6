// The report's headline strip, decided here and rendered by HeadlineStrip.tsx and the Markdown
// export: each rate with its 95% Wilson interval, its change against the pinned baseline (with a
// Newcombe interval for the difference), and the project's thresholds checked. Pure and unit-tested.
import type { ReportMetric, Threshold } from "@/lib/schemas/eval-report";
import { REPORT_METRICS } from "@/lib/schemas/eval-report";
import type { EvalSummary, Rate } from "@/lib/scoring/types";
import { rateDelta, type Delta } from "./compare";
import { ALL_METRICS, formatPct, type MetricDef } from "./labels";

export interface ReportMetricDef extends Omit<MetricDef, "key"> {
  key: ReportMetric;
  /** Short column label for tables. */
  short: string;
}

const WRONG_TOOL: ReportMetricDef = {
  key: "wrongToolRate",
  label: "Valid call, wrong tool",
  short: "Wrong tool ↓",
  better: "lower",
  of: "of all examples",
  hint: "A call that passes every schema check but goes to another tool than the gold one: an application would act on it. The dangerous failure.",
};

const SHORT: Record<ReportMetric, string> = {
  validRate: "Valid",
  toolNameAccuracy: "Tool",
  argAccuracy: "Args",
  falseToolCallRate: "False call ↓",
  wrongToolRate: "Wrong tool ↓",
  silentCorruptionRate: "Silent ↓",
  missedCallRate: "Missed ↓",
  exactMatch: "Exact",
};

/** Every rate a report can headline or a threshold can name, in REPORT_METRICS order. */
export const REPORT_METRIC_DEFS: readonly ReportMetricDef[] = REPORT_METRICS.map((key) =>
  key === "wrongToolRate" ? WRONG_TOOL : { ...ALL_METRICS.find((m) => m.key === key)!, key, short: SHORT[key] },
);

export const reportMetricDef = (key: ReportMetric): ReportMetricDef => REPORT_METRIC_DEFS.find((d) => d.key === key)!;

/** The strip shows these; the rest of REPORT_METRICS may still carry a threshold. */
export const STRIP_METRICS: readonly ReportMetric[] = ["validRate", "toolNameAccuracy", "argAccuracy", "falseToolCallRate", "wrongToolRate"];

/** A rate of the summary by report key: "valid call, wrong tool" is counted from the verdicts. */
export function reportRate(summary: EvalSummary, key: ReportMetric): Rate {
  if (key === "wrongToolRate") {
    const n = summary.verdicts.wrong_tool ?? 0;
    const d = summary.total;
    return { n, d, value: d > 0 ? n / d : null };
  }
  return summary[key];
}

export interface Interval {
  low: number;
  high: number;
}

const Z95 = 1.959963984540054;

/**
 * The Wilson score interval of n successes in d trials (95% by default): unlike the normal
 * approximation it stays inside [0, 1] and is honest at 0/d and d/d, which eval rates often are.
 */
export function wilson(n: number, d: number, z = Z95): Interval | null {
  if (!(d > 0) || n < 0 || n > d) return null;
  const p = n / d;
  const z2 = z * z;
  const centre = (p + z2 / (2 * d)) / (1 + z2 / d);
  const half = (z / (1 + z2 / d)) * Math.sqrt((p * (1 - p)) / d + z2 / (4 * d * d));
  // At 0/d and d/d the bound is exactly 0 or 1; floating point would leave 0.9999999999999999.
  return { low: n === 0 ? 0 : Math.max(0, centre - half), high: n === d ? 1 : Math.min(1, centre + half) };
}

/**
 * 95% interval of b − a for two independent rates (Newcombe's hybrid score method, from each
 * side's Wilson interval). Evals on the same gold set are paired, so this is conservative: the
 * comparison page's paired interval is narrower for exact match.
 */
export function differenceInterval(a: Rate, b: Rate): Interval | null {
  const wa = wilson(a.n, a.d);
  const wb = wilson(b.n, b.d);
  if (!wa || !wb || a.value === null || b.value === null) return null;
  const diff = b.value - a.value;
  return {
    low: diff - Math.sqrt((b.value - wb.low) ** 2 + (wa.high - a.value) ** 2),
    high: diff + Math.sqrt((wb.high - b.value) ** 2 + (a.value - wa.low) ** 2),
  };
}

export type CheckResult = "pass" | "fail" | "unknown";

export interface ThresholdCheck {
  threshold: Threshold;
  def: ReportMetricDef;
  value: number | null;
  result: CheckResult;
  /** Passes or fails on the point estimate, but the 95% interval reaches the other side. */
  borderline: boolean;
}

/** Rounding noise (0.07 * 100 is 7.000000000000001) must not fail "at most 7%". */
const TOLERANCE = 1e-9;

const meets = (pct: number, t: Threshold) => (t.op === "min" ? pct >= t.percent - TOLERANCE : pct <= t.percent + TOLERANCE);

export function checkThreshold(summary: EvalSummary | null, t: Threshold): ThresholdCheck {
  const def = reportMetricDef(t.metric);
  const rate = summary ? reportRate(summary, t.metric) : null;
  if (!rate || rate.value === null) return { threshold: t, def, value: null, result: "unknown", borderline: false };
  const ok = meets(rate.value * 100, t);
  const ci = wilson(rate.n, rate.d);
  const borderline = ci !== null && (meets(ci.low * 100, t) !== ok || meets(ci.high * 100, t) !== ok);
  return { threshold: t, def, value: rate.value, result: ok ? "pass" : "fail", borderline };
}

export interface ReportVerdict {
  /** "none": the project sets no thresholds. "unknown": nothing failed, but some rate has nothing to count. */
  result: CheckResult | "none";
  checks: ThresholdCheck[];
  passed: number;
  failed: number;
}

export function verdict(summary: EvalSummary | null, thresholds: readonly Threshold[]): ReportVerdict {
  const checks = thresholds.map((t) => checkThreshold(summary, t));
  const passed = checks.filter((c) => c.result === "pass").length;
  const failed = checks.filter((c) => c.result === "fail").length;
  const result = checks.length === 0 ? "none" : failed > 0 ? "fail" : passed === checks.length ? "pass" : "unknown";
  return { result, checks, passed, failed };
}

/** "at least 90%", "at most 5%". */
export const ruleText = (t: Threshold) => `${t.op === "min" ? "at least" : "at most"} ${formatPercentNumber(t.percent)}%`;

const formatPercentNumber = (p: number) => (Number.isInteger(p) ? String(p) : String(Number(p.toFixed(2))));

export interface HeadlineRow {
  def: ReportMetricDef;
  rate: Rate;
  interval: Interval | null;
  /** Against the baseline, in points; null without a baseline. */
  change: Delta | null;
  changeInterval: Interval | null;
  checks: ThresholdCheck[];
}

/** One row per metric (STRIP_METRICS by default), each with its interval, baseline change and thresholds. */
export function headlineRows(
  summary: EvalSummary,
  baseline: EvalSummary | null,
  thresholds: readonly Threshold[],
  metrics: readonly ReportMetric[] = STRIP_METRICS,
): HeadlineRow[] {
  return metrics.map((key) => {
    const def = reportMetricDef(key);
    const rate = reportRate(summary, key);
    const base = baseline ? reportRate(baseline, key) : null;
    return {
      def,
      rate,
      interval: wilson(rate.n, rate.d),
      change: base ? rateDelta(base, rate, def.better) : null,
      changeInterval: base ? differenceInterval(base, rate) : null,
      checks: thresholds.filter((t) => t.metric === key).map((t) => checkThreshold(summary, t)),
    };
  });
}

/** "82.1–95.3%" */
export function intervalText(ci: Interval | null): string {
  if (!ci) return "—";
  return `${formatPct(ci.low).replace("%", "")}–${formatPct(ci.high)}`;
}

const minus = "\u2212";
/** A difference interval in points: "−2.1 to +6.4 pts". */
export function pointsIntervalText(ci: Interval | null): string {
  if (!ci) return "—";
  const s = (v: number) => `${v >= 0 ? "+" : minus}${Math.abs(v * 100).toFixed(1)}`;
  return `${s(ci.low)} to ${s(ci.high)} pts`;
}
