"use client";

import { useState } from "react";
import { EXAMPLE_PAGE_SIZES } from "@/lib/schemas/example";
import { pageSummary } from "./page-summary";

interface Props {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  onPage: (p: number) => void;
  /** Offers 50 / 100 / 200 rows per page when given. */
  onPageSize?: (size: number) => void;
  /** A text search that counted up to its cap: `total` is "at least". */
  totalIsLowerBound?: boolean;
  /** The rows on this page. */
  shown?: number;
}

/** Where the list is, previous / next, a page to jump to, and how many rows a page holds. */
export function Pagination(p: Props) {
  const { page, onPage } = p;
  const shown = p.shown ?? Math.max(0, Math.min(p.total, page * p.pageSize) - (page - 1) * p.pageSize);
  const summary = pageSummary({ page, pageSize: p.pageSize, total: p.total, totalIsLowerBound: p.totalIsLowerBound ?? false, shown });
  const [jump, setJump] = useState("");
  const last = summary.lastPage;
  const target = Number(jump);
  const canJump = Number.isInteger(target) && target >= 1 && (p.totalIsLowerBound || target <= last) && target !== page;
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="muted small">{summary.range}</span>
      {p.onPageSize ? (
        <label className="small muted pagination-size">
          Rows
          <select value={p.pageSize} onChange={(e) => p.onPageSize!(Number(e.target.value))} data-testid="page-size">
            {EXAMPLE_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <span className="grow" />
      <button type="button" className="btn btn-sm" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        ← Prev
      </button>
      <span className="small" data-testid="page-indicator">
        {summary.pages}
      </span>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => onPage(page + 1)}
        disabled={!(summary.hasNext || (!p.totalIsLowerBound && page < p.pages))}
      >
        Next →
      </button>
      {last > 2 || p.totalIsLowerBound ? (
        <form
          className="pagination-jump"
          onSubmit={(e) => {
            e.preventDefault();
            if (canJump) {
              onPage(target);
              setJump("");
            }
          }}
        >
          <label className="small muted" htmlFor="page-jump">
            Go to page
          </label>
          <input
            id="page-jump"
            type="number"
            inputMode="numeric"
            min={1}
            max={p.totalIsLowerBound ? undefined : last}
            value={jump}
            onChange={(e) => setJump(e.target.value)}
            data-testid="page-jump"
          />
          <button type="submit" className="btn btn-sm" disabled={!canJump}>
            Go
          </button>
        </form>
      ) : null}
    </nav>
  );
}
