import Link from "next/link";
import { ACTIONS } from "@/lib/schemas/auth";
import type { AuditPageDto } from "@/lib/schemas/tokens";
import { formatCount } from "@/lib/client/format";

const KNOWN_ACTIONS = ["auth.", "auth.sign-in", "auth.sign-out", "auth.revoke-session", "members.join", "tokens.create", "tokens.revoke", ...Object.keys(ACTIONS)];

function pageHref(filters: Record<string, string>, page: number): string {
  const q = new URLSearchParams({ ...filters, page: String(page) });
  return `/audit?${q}`;
}

function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return "";
  const { route, status, error, ...rest } = detail;
  return [route, status ? `→ ${status}` : null, error ? `“${String(error)}”` : null, Object.keys(rest).length ? JSON.stringify(rest) : null].filter(Boolean).join(" ");
}

/** The audit log table and its filters; a server component (no client code): the filters are a GET form. */
export function AuditLog({ page, filters, projects, problem }: { page: AuditPageDto; filters: Record<string, string>; projects: { id: string; name: string }[]; problem: string | null }) {
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const { page: _page, ...kept } = filters;
  return (
    <div className="page audit-page">
      <h1>Audit log</h1>
      <p className="muted small">Every change made through the app or its API, every sign-in and every refusal, newest first. Nothing here can be edited or deleted.</p>
      {problem ? (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      ) : null}
      <form className="panel field-inline" method="get" action="/audit" data-testid="audit-filters">
        <label className="field">
          <span className="label">Actor</span>
          <input name="actor" defaultValue={filters.actor ?? ""} placeholder="alex@example.com" />
        </label>
        <label className="field">
          <span className="label">Action</span>
          <input name="action" list="audit-actions" defaultValue={filters.action ?? ""} placeholder="members.manage" />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span className="label">Project</span>
          <select name="project" defaultValue={filters.project ?? ""}>
            <option value="">any</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="label">Outcome</span>
          <select name="outcome" defaultValue={filters.outcome ?? ""}>
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="denied">denied</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <label className="field">
          <span className="label">From</span>
          <input name="from" type="date" defaultValue={filters.from ?? ""} />
        </label>
        <label className="field">
          <span className="label">To</span>
          <input name="to" type="date" defaultValue={filters.to ?? ""} />
        </label>
        <button type="submit" className="btn btn-primary">
          Filter
        </button>
        <Link href="/audit" className="btn">
          Clear
        </Link>
      </form>
      <p className="muted small" data-testid="audit-count">
        {formatCount(page.total)} event{page.total === 1 ? "" : "s"} · page {page.page} of {pages}
      </p>
      <div className="panel panel-flush">
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Project</th>
              <th scope="col">Outcome</th>
              <th scope="col">Address</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {page.events.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{e.at.replace("T", " ").slice(0, 19)} UTC</time>
                </td>
                <td>{e.actorLabel}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.targetType ? `${e.targetType} ${e.targetLabel ?? e.targetId ?? ""}` : "—"}</td>
                <td>{e.projectId ? (projectName.get(e.projectId) ?? e.projectId) : "—"}</td>
                <td>
                  <span className={`badge ${e.outcome === "ok" ? "badge-ok" : e.outcome === "denied" ? "badge-warn" : "badge-danger"}`}>{e.outcome}</span>
                </td>
                <td>{e.ip ?? "—"}</td>
                <td className="clamp-1 small" title={detailText(e.detail)}>
                  {detailText(e.detail)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.events.length === 0 ? <p className="muted small pad">No events match these filters.</p> : null}
      </div>
      <nav className="pager" aria-label="Pages">
        {page.page > 1 ? <Link href={pageHref(kept, page.page - 1)}>← Newer</Link> : null}{" "}
        {page.page < pages ? <Link href={pageHref(kept, page.page + 1)}>Older →</Link> : null}
      </nav>
    </div>
  );
}
