// The report's example list state, kept in the URL so a filtered list or an open example can be
// linked to and survives reloads. Pure.
import { evalResultQuerySchema, type EvalResultQuery } from "@/lib/schemas/evals";
import { INVALID_LABEL, NO_TOOL_LABEL, VERDICTS, type EvalSummary, type Verdict } from "@/lib/scoring/types";
import { cellKind } from "./heatmap";
import { VERDICT_LABEL } from "./labels";

export type VerdictFilter = NonNullable<EvalResultQuery["verdict"]>;

export interface ResultFilters {
  verdict?: VerdictFilter;
  tool?: string;
  q?: string;
  page: number;
  /** The result open in the side panel. */
  example?: string;
}

interface ReadableParams {
  get(name: string): string | null;
}

const VERDICT_FILTERS = evalResultQuerySchema.shape.verdict.unwrap().options as readonly VerdictFilter[];

export function resultFiltersFromParams(params: ReadableParams): ResultFilters {
  const verdict = params.get("verdict");
  const page = Number(params.get("page"));
  const f: ResultFilters = { page: Number.isInteger(page) && page >= 1 ? page : 1 };
  if (verdict && (VERDICT_FILTERS as readonly string[]).includes(verdict)) f.verdict = verdict as VerdictFilter;
  const tool = params.get("tool");
  if (tool) f.tool = tool;
  const q = params.get("q");
  if (q && q.trim()) f.q = q;
  const example = params.get("example");
  if (example) f.example = example;
  return f;
}

/** "?verdict=wrong&page=2&example=r1"; "" when nothing is set. Key order is fixed so URLs are stable. */
export function resultFiltersToSearch(f: ResultFilters): string {
  const qs = new URLSearchParams();
  if (f.verdict) qs.set("verdict", f.verdict);
  if (f.tool) qs.set("tool", f.tool);
  if (f.q && f.q.trim()) qs.set("q", f.q);
  if (f.page > 1) qs.set("page", String(f.page));
  if (f.example) qs.set("example", f.example);
  const s = qs.toString();
  return s ? `?${s}` : "";
}

/** The API's query for a filter state (the open example is the browser's business). */
export function resultQuery(f: ResultFilters, pageSize: number): EvalResultQuery {
  return { verdict: f.verdict, tool: f.tool, q: f.q?.trim() || undefined, page: f.page, pageSize };
}

export interface VerdictChip {
  value: VerdictFilter | undefined;
  label: string;
  count: number | null;
}

/** All, Wrong, each verdict that occurs, request errors and (while running) pending, with their counts. */
export function verdictChips(summary: EvalSummary | null, failedRequests: number, pending: number, total: number): VerdictChip[] {
  const v = summary?.verdicts;
  const scored = v ? VERDICTS.reduce((s, k) => s + (v[k] ?? 0), 0) : 0;
  const chips: VerdictChip[] = [
    { value: undefined, label: "All", count: total },
    { value: "wrong", label: "Wrong", count: v ? scored - (v.correct ?? 0) : null },
  ];
  for (const k of VERDICTS) {
    const n = v?.[k] ?? 0;
    if (n > 0 || k === "correct") chips.push({ value: k, label: VERDICT_LABEL[k], count: n });
  }
  if (failedRequests > 0) chips.push({ value: "error", label: "Request errors", count: failedRequests });
  if (pending > 0) chips.push({ value: "pending", label: "Pending", count: pending });
  return chips;
}

/** Which examples a confusion-matrix cell stands for, as list filters (the API's tool filter matches gold or predicted). */
export function filtersForCell(gold: string, predicted: string): Pick<ResultFilters, "verdict" | "tool"> {
  const tool = gold === NO_TOOL_LABEL ? undefined : gold;
  if (gold === predicted) return { tool };
  if (predicted === INVALID_LABEL) return { verdict: "invalid", tool };
  if (predicted === NO_TOOL_LABEL) return { verdict: "missed_call", tool };
  if (gold === NO_TOOL_LABEL) return { verdict: "false_tool_call", tool: predicted };
  return { verdict: cellKind(gold, predicted) === "wrong_tool" ? "wrong_tool" : "wrong", tool };
}

export const isVerdict = (v: string | undefined): v is Verdict => !!v && (VERDICTS as readonly string[]).includes(v);
