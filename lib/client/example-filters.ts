// The examples list's filters, kept in the URL query string so they survive reloads, travel to
// the editor (for next/previous within the same filters) and come back to the list.
import { REVIEW_STATES, SPLITS, type ReviewState, type Split } from "@/lib/schemas/common";
import { TARGET_KINDS, type TargetKind } from "@/lib/schemas/example";

export interface ExampleFilters {
  tool?: string;
  kind?: TargetKind;
  split?: Split;
  review?: ReviewState;
  invalid?: "true" | "false";
  /** Only examples whose no_tool reason is still to write. */
  needsReason?: "true";
  q?: string;
}

export const FILTER_KEYS = ["tool", "kind", "split", "review", "invalid", "needsReason", "q"] as const;

interface ReadableParams {
  get(name: string): string | null;
}

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** Reads the filters from a query string, ignoring values the API would reject. */
export function filtersFromParams(params: ReadableParams): ExampleFilters {
  const f: ExampleFilters = {};
  const tool = params.get("tool");
  if (tool) f.tool = tool;
  const kind = oneOf(TARGET_KINDS, params.get("kind"));
  if (kind) f.kind = kind;
  const split = oneOf(SPLITS, params.get("split"));
  if (split) f.split = split;
  const review = oneOf(REVIEW_STATES, params.get("review"));
  if (review) f.review = review;
  const invalid = oneOf(["true", "false"] as const, params.get("invalid"));
  if (invalid) f.invalid = invalid;
  if (params.get("needsReason") === "true") f.needsReason = "true";
  const q = params.get("q");
  if (q && q.trim()) f.q = q;
  return f;
}

export function pageFromParams(params: ReadableParams): number {
  const n = Number(params.get("page"));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** "?kind=no_tool&page=2", or "" when there is nothing to say. Key order is fixed so URLs are stable. */
export function filtersToSearch(filters: ExampleFilters, page?: number): string {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v !== undefined && v !== "") qs.set(k, v);
  }
  if (page && page > 1) qs.set("page", String(page));
  const s = qs.toString();
  return s ? `?${s}` : "";
}

export function hasFilters(filters: ExampleFilters): boolean {
  return FILTER_KEYS.some((k) => filters[k] !== undefined && filters[k] !== "");
}
