// The evals list's columns: how each sorts, which way is better, and which eval is best in each.
// Pure and unit-tested; EvalsTable renders.
import type { ReportMetric } from "@/lib/schemas/eval-report";
import type { EvalDto } from "@/lib/schemas/evals";
import { reportMetricDef, reportRate } from "./headline";

export const LIST_METRICS: readonly ReportMetric[] = ["validRate", "toolNameAccuracy", "argAccuracy", "falseToolCallRate", "wrongToolRate", "exactMatch", "silentCorruptionRate"];

export type SortKey = "name" | "model" | "status" | ReportMetric | "latency" | "cost" | "created";
export type SortDir = "asc" | "desc";

export interface SortState {
  key: SortKey;
  dir: SortDir;
}

export const DEFAULT_SORT: SortState = { key: "created", dir: "desc" };

/** The value a column sorts by; null sorts last whichever the direction. */
export function sortValue(ev: EvalDto, key: SortKey): string | number | null {
  switch (key) {
    case "name":
      return ev.name.toLowerCase();
    case "model":
      return ev.model.toLowerCase();
    case "status":
      return ev.status;
    case "latency":
      return ev.summary?.latency?.p50 ?? null;
    case "cost":
      return ev.summary?.cost?.per1000Calls ?? null;
    case "created":
      return Date.parse(ev.createdAt);
    default:
      return ev.summary ? reportRate(ev.summary, key).value : null;
  }
}

/** Which way a column is better: rates by their own direction, latency and cost lower; null for text columns. */
export function betterOf(key: SortKey): "higher" | "lower" | null {
  if (key === "latency" || key === "cost") return "lower";
  if (key === "name" || key === "model" || key === "status" || key === "created") return null;
  return reportMetricDef(key).better;
}

/** A first click on a number column puts the best first; on text, A to Z; on the date, newest first. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  const better = betterOf(key);
  if (key === "created") return { key, dir: "desc" };
  return { key, dir: better === "higher" ? "desc" : "asc" };
}

export function sortEvals(evals: readonly EvalDto[], s: SortState): EvalDto[] {
  const sign = s.dir === "asc" ? 1 : -1;
  return [...evals].sort((x, y) => {
    const a = sortValue(x, s.key);
    const b = sortValue(y, s.key);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    const c = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
    return c !== 0 ? sign * c : Date.parse(y.createdAt) - Date.parse(x.createdAt);
  });
}

/**
 * The ids of the best eval(s) in each number column (ties share it). Only finished evals count, and
 * only where at least two have a value and they differ: "best of one" or "best of equals" says nothing.
 */
export function bestIds(evals: readonly EvalDto[], keys: readonly SortKey[]): Map<SortKey, Set<string>> {
  const out = new Map<SortKey, Set<string>>();
  for (const key of keys) {
    const better = betterOf(key);
    if (!better) continue;
    const values = evals
      .filter((e) => e.status === "succeeded")
      .map((e) => ({ id: e.id, v: sortValue(e, key) }))
      .filter((x): x is { id: string; v: number } => typeof x.v === "number" && Number.isFinite(x.v));
    if (values.length < 2) continue;
    const best = better === "higher" ? Math.max(...values.map((x) => x.v)) : Math.min(...values.map((x) => x.v));
    const top = values.filter((x) => Math.abs(x.v - best) < 1e-12).map((x) => x.id);
    // All equal: no eval stands out, so none is marked.
    if (top.length < values.length) out.set(key, new Set(top));
  }
  return out;
}
