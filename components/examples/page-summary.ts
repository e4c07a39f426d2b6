// What the examples list says about its size and pages. A text search counts its matches only up to
// a cap (lib/server/examples/search.ts) and then says so: "1,000+ matching", "Page 1 of 20+".
import { formatCount } from "@/components/imports/labels";

export interface PageSummary {
  /** "1–50 of 1,000+" */
  range: string;
  /** "Page 1 of 20+" */
  pages: string;
  /** The header's count: "1,000+" */
  count: string;
  lastPage: number;
  hasNext: boolean;
}

export function pageSummary(p: { page: number; pageSize: number; total: number; totalIsLowerBound: boolean; shown: number }): PageSummary {
  const first = (p.page - 1) * p.pageSize;
  const from = p.shown === 0 ? 0 : first + 1;
  const to = first + p.shown;
  const lastPage = Math.max(1, Math.ceil(p.total / p.pageSize));
  if (!p.totalIsLowerBound) {
    return {
      range: `${formatCount(from)}–${formatCount(to)} of ${formatCount(p.total)}`,
      pages: `Page ${p.page} of ${lastPage}`,
      count: formatCount(p.total),
      lastPage,
      hasNext: p.page < lastPage,
    };
  }
  const atLeast = Math.max(p.total, to);
  return {
    range: `${formatCount(from)}–${formatCount(to)} of ${formatCount(atLeast)}+`,
    pages: `Page ${p.page} of ${Math.max(lastPage, p.page)}+`,
    count: `${formatCount(atLeast)}+`,
    lastPage: Math.max(lastPage, p.page),
    // More matches than were counted: a full page may have a next one.
    hasNext: p.shown === p.pageSize,
  };
}
