"use client";

import { useQuery } from "@tanstack/react-query";
import { catalogueVersionsQuery } from "@/lib/queries/catalogue";
import { Loading, LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";

const PAGE = 100;

/** The catalogue's versions, newest first (the newest 100): who changed what, and when. */
export function HistoryPanel({ projectId }: { projectId: string }) {
  const versions = useQuery(catalogueVersionsQuery(projectId));
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title" className="panel-title">
        History
      </h2>
      {versions.isPending ? (
        <Loading label="Loading history…" />
      ) : !versions.data ? (
        <LoadError error={versions.error} what="catalogue history" onRetry={() => versions.refetch()} />
      ) : versions.data.length === 0 ? (
        <p className="muted small">No catalogue changes yet.</p>
      ) : (
        <ol className="history-list">
          {versions.data.map((v) => (
            <li key={v.version}>
              <div className="history-meta">
                <span className="badge">v{v.version}</span>
                <span>{v.author}</span>
                <span className="muted small">
                  <When iso={v.createdAt} />
                </span>
              </div>
              <div className="history-summary">{v.summary}</div>
              <details>
                <summary className="small muted">
                  {v.tools.filter((t) => !t.archived).length} active tools
                </summary>
                <ul className="small mono">
                  {v.tools.map((t) => (
                    <li key={t.name} className={t.archived ? "muted" : undefined}>
                      {t.name}
                      {t.archived ? " (archived)" : ""}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ol>
      )}
      {versions.data && versions.data.length >= PAGE ? (
        <p className="muted small">Showing the newest {PAGE} versions.</p>
      ) : null}
    </section>
  );
}
