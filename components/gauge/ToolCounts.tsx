"use client";

import { useQuery } from "@tanstack/react-query";
import { statsQuery } from "@/lib/queries/stats";
import { formatCount } from "@/lib/client/format";

/** Labelled examples per tool as horizontal bars, with the no_tool decisions last for comparison. */
export function ToolCounts({ projectId }: { projectId: string }) {
  const stats = useQuery(statsQuery(projectId));
  const data = stats.data;
  const rows = data ? [...data.perTool].sort((a, b) => b.count - a.count) : [];
  const noTool = data?.overall.noTool ?? 0;
  const max = Math.max(1, noTool, ...rows.map((r) => r.count));

  return (
    <section className="tool-counts" data-testid="tool-counts" aria-labelledby="tool-counts-title">
      <h2 id="tool-counts-title" className="panel-title">
        Labelled examples per tool
      </h2>
      {!data ? (
        <p className="muted small">{stats.isError ? "Could not load counts." : "Loading…"}</p>
      ) : rows.length === 0 ? (
        <p className="muted small">No tools in the catalogue yet.</p>
      ) : (
        <ul className="bars">
          {rows.map((r) => (
            <li key={r.name} className={`bar-row${r.archived ? " is-archived" : ""}`} data-tool={r.name} data-count={r.count}>
              <span className="bar-label" title={r.archived ? `${r.name} (archived)` : r.name}>
                {r.name}
                {r.archived ? <span className="muted"> (archived)</span> : null}
              </span>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ width: `${(r.count / max) * 100}%` }} />
              </span>
              <span className="bar-count num">{formatCount(r.count)}</span>
            </li>
          ))}
          <li className="bar-row bar-row-notool" data-tool="no_tool" data-count={noTool}>
            <span className="bar-label">no_tool</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${(noTool / max) * 100}%` }} />
            </span>
            <span className="bar-count num">{noTool}</span>
          </li>
        </ul>
      )}
    </section>
  );
}
