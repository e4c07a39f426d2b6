import { pageSummary } from "./page-summary";

/** `totalIsLowerBound` (with `shown`, the rows on this page): a search that counted up to its cap. */
export function Pagination(p: { page: number; pages: number; total: number; pageSize: number; onPage: (p: number) => void; totalIsLowerBound?: boolean; shown?: number }) {
  const { page, onPage } = p;
  const shown = p.shown ?? Math.max(0, Math.min(p.total, page * p.pageSize) - (page - 1) * p.pageSize);
  const summary = pageSummary({ page, pageSize: p.pageSize, total: p.total, totalIsLowerBound: p.totalIsLowerBound ?? false, shown });
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="muted small">{summary.range}</span>
      <span className="grow" />
      <button type="button" className="btn btn-sm" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        ← Prev
      </button>
      <span className="small" data-testid="page-indicator">
        {summary.pages}
      </span>
      <button type="button" className="btn btn-sm" onClick={() => onPage(page + 1)} disabled={!(summary.hasNext || (!p.totalIsLowerBound && page < p.pages))}>
        Next →
      </button>
    </nav>
  );
}
