"use client";

import { useQuery } from "@tanstack/react-query";
import { statsQuery } from "@/lib/queries/stats";
import { formatCount } from "@/lib/client/format";

/**
 * Labelled examples per tool as horizontal bars, with the no_tool decisions last for comparison. With
 * `onFilter`, each bar is a button that filters the examples list to that tool (or to no_tool).
 */
export function ToolCounts({
  projectId,
  onFilter,
  activeTool,
}: {
  projectId: string;
  onFilter?: (tool: string) => void;
  activeTool?: string;
}) {
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
            <Bar
              key={r.name}
              name={r.name}
              count={r.count}
              max={max}
              archived={r.archived}
              onFilter={onFilter}
              active={activeTool === r.name}
            />
          ))}
          <Bar name="no_tool" count={noTool} max={max} onFilter={onFilter} active={activeTool === "no_tool"} />
        </ul>
      )}
    </section>
  );
}

function Bar({
  name,
  count,
  max,
  archived,
  onFilter,
  active,
}: {
  name: string;
  count: number;
  max: number;
  archived?: boolean;
  onFilter?: (tool: string) => void;
  active: boolean;
}) {
  const inner = (
    <>
      <span className="bar-label" title={archived ? `${name} (archived)` : name}>
        {name}
        {archived ? <span className="muted"> (archived)</span> : null}
      </span>
      <span className="bar-track" aria-hidden="true">
        <span className="bar-fill" style={{ width: `${(count / max) * 100}%` }} />
      </span>
      <span className="bar-count num">{formatCount(count)}</span>
    </>
  );
  const className = `bar-row${archived ? " is-archived" : ""}${name === "no_tool" ? " bar-row-notool" : ""}${active ? " is-active" : ""}`;
  return (
    <li className={onFilter ? undefined : className} data-tool={name} data-count={count}>
      {onFilter ? (
        <button
          type="button"
          className={`${className} bar-button`}
          onClick={() => onFilter(name)}
          aria-pressed={active}
          title={`Show the examples ${name === "no_tool" ? "with a no_tool decision" : `that call ${name}`}`}
        >
          {inner}
        </button>
      ) : (
        inner
      )}
    </li>
  );
}
