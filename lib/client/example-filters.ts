// The examples list's filters, kept in the URL query string so they survive reloads, travel to
// the editor (for next/previous within the same filters) and come back to the list.
import { REVIEW_STATES, SPLITS, type ReviewState, type Split } from "@/lib/schemas/common";
import { EXAMPLE_PAGE_SIZES, EXAMPLE_SORTS, TARGET_KINDS, type ExampleSort, type TargetKind } from "@/lib/schemas/example";

export interface ExampleFilters {
  tool?: string;
  tag?: string;
  /** A user id: examples they saved last. */
  author?: string;
  kind?: TargetKind;
  split?: Split;
  review?: ReviewState;
  invalid?: "true" | "false";
  /** Only examples whose no_tool reason is still to write. */
  needsReason?: "true";
  q?: string;
  /** Not a filter but travels with them (the editor's next follows it): "number" when absent. */
  sort?: ExampleSort;
}

export const FILTER_KEYS = ["tool", "tag", "author", "kind", "split", "review", "invalid", "needsReason", "q", "sort"] as const;
/** The keys that narrow the list (sort only orders it). */
const NARROWING_KEYS = FILTER_KEYS.filter((k) => k !== "sort");

interface ReadableParams {
  get(name: string): string | null;
}

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** Reads the filters from a query string, ignoring values the API would reject. */
export function filtersFromParams(params: ReadableParams): ExampleFilters {
  const f: ExampleFilters = {};
  for (const k of ["tool", "tag", "author"] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
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
  const sort = oneOf(EXAMPLE_SORTS, params.get("sort"));
  if (sort && sort !== "number") f.sort = sort;
  return f;
}

/** Rows per page from the URL: one of EXAMPLE_PAGE_SIZES, 50 otherwise. */
export function pageSizeFromParams(params: ReadableParams): number {
  const n = Number(params.get("size"));
  return (EXAMPLE_PAGE_SIZES as readonly number[]).includes(n) ? n : EXAMPLE_PAGE_SIZES[0];
}

export function pageFromParams(params: ReadableParams): number {
  const n = Number(params.get("page"));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** "?kind=no_tool&page=2", or "" when there is nothing to say. Key order is fixed so URLs are stable. */
export function filtersToSearch(filters: ExampleFilters, page?: number, pageSize?: number): string {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v !== undefined && v !== "" && !(k === "sort" && v === "number")) qs.set(k, v);
  }
  if (page && page > 1) qs.set("page", String(page));
  if (pageSize && pageSize !== EXAMPLE_PAGE_SIZES[0]) qs.set("size", String(pageSize));
  const s = qs.toString();
  return s ? `?${s}` : "";
}

export function hasFilters(filters: ExampleFilters): boolean {
  return NARROWING_KEYS.some((k) => filters[k] !== undefined && filters[k] !== "");
}

/** The filters without the sort: what a bulk change selects ("all N matching"). */
export function narrowingFilters(filters: ExampleFilters): Omit<ExampleFilters, "sort"> {
  const { sort: _sort, ...rest } = filters;
  return rest;
}
