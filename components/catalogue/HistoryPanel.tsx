"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { catalogueImpactQuery, catalogueVersionsQuery, useRevertCatalogue, type RevertResult } from "@/lib/queries/catalogue";
import { useCan } from "@/lib/client/auth";
import type { CatalogueVersionDto } from "@/lib/schemas/tool";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Loading, LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { impactSentence } from "./ImpactNote";
import { VersionDiff } from "./VersionDiff";

const PAGE = 100;

/** The catalogue's versions, newest first (the newest 100): who changed what, and when; compare any two, revert to one. */
export function HistoryPanel({ projectId, onReverted }: { projectId: string; onReverted: (res: RevertResult) => void }) {
  const versions = useQuery(catalogueVersionsQuery(projectId));
  const canEdit = useCan("catalogue.write");
  const [reverting, setReverting] = useState<number | null>(null);
  const list = versions.data ?? [];
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title" className="panel-title">
        History
      </h2>
      {versions.isPending ? (
        <Loading label="Loading history…" />
      ) : !versions.data ? (
        <LoadError error={versions.error} what="catalogue history" onRetry={() => versions.refetch()} />
      ) : list.length === 0 ? (
        <p className="muted small">No catalogue changes yet.</p>
      ) : (
        <>
          <ol className="history-list">
            {list.map((v, i) => (
              <li key={v.version} data-testid={`history-v${v.version}`}>
                <div className="history-meta">
                  <span className="badge">v{v.version}</span>
                  <span>{v.author}</span>
                  <span className="muted small">
                    <When iso={v.createdAt} />
                  </span>
                  {canEdit && i > 0 ? (
                    <button type="button" className="btn btn-ghost btn-sm history-revert" onClick={() => setReverting(v.version)} aria-label={`Revert to version ${v.version}`}>
                      Revert…
                    </button>
                  ) : null}
                </div>
                <div className="history-summary">{v.summary}</div>
                <details>
                  <summary className="small muted">{v.tools.filter((t) => !t.archived).length} active tools</summary>
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
          {list.length >= 2 ? <CompareVersions versions={list} /> : null}
        </>
      )}
      {versions.data && versions.data.length >= PAGE ? <p className="muted small">Showing the newest {PAGE} versions.</p> : null}
      {reverting !== null ? (
        <RevertDialog
          projectId={projectId}
          version={reverting}
          onClose={() => setReverting(null)}
          onDone={(res) => {
            setReverting(null);
            onReverted(res);
          }}
        />
      ) : null}
    </section>
  );
}

function CompareVersions({ versions }: { versions: CatalogueVersionDto[] }) {
  const [fromV, setFromV] = useState(versions[1].version);
  const [toV, setToV] = useState(versions[0].version);
  const from = versions.find((v) => v.version === fromV) ?? versions[1];
  const to = versions.find((v) => v.version === toV) ?? versions[0];
  const option = (v: CatalogueVersionDto) => (
    <option key={v.version} value={v.version}>
      v{v.version}: {v.summary.length > 40 ? `${v.summary.slice(0, 39)}…` : v.summary}
    </option>
  );
  return (
    <div className="compare-versions stack-tight" role="group" aria-labelledby="compare-versions-title">
      <h3 id="compare-versions-title" className="block-title">
        Compare versions
      </h3>
      <div className="row row-wrap">
        <label className="small" htmlFor="diff-from">
          From
        </label>
        <select id="diff-from" value={from.version} onChange={(e) => setFromV(Number(e.target.value))} data-testid="diff-from">
          {versions.map(option)}
        </select>
        <label className="small" htmlFor="diff-to">
          to
        </label>
        <select id="diff-to" value={to.version} onChange={(e) => setToV(Number(e.target.value))} data-testid="diff-to">
          {versions.map(option)}
        </select>
      </div>
      <VersionDiff from={from} to={to} />
    </div>
  );
}

/** Reverting asks first, with the same impact dry run as a tool edit. */
function RevertDialog({ projectId, version, onClose, onDone }: { projectId: string; version: number; onClose: () => void; onDone: (res: RevertResult) => void }) {
  const impact = useQuery(catalogueImpactQuery(projectId, { kind: "revert", version }));
  const revert = useRevertCatalogue(projectId);
  return (
    <ConfirmDialog
      title={`Revert the catalogue to version ${version}?`}
      confirmLabel={impact.data && impact.data.newlyInvalid > 0 ? "Revert anyway" : "Revert"}
      busy={revert.isPending || impact.isPending}
      error={revert.error}
      onCancel={onClose}
      onConfirm={() => revert.mutate(version, { onSuccess: onDone })}
    >
      <p>The tools become as they were in version {version}, saved as a new version; tools added since are archived. Nothing is lost: you can revert back.</p>
      {impact.isPending ? (
        <p className="muted" role="status">
          Checking which examples it affects…
        </p>
      ) : impact.data ? (
        <p className={impact.data.newlyInvalid > 0 ? "warn-text" : undefined} role="status" data-testid="revert-impact">
          {impactSentence(impact.data, "Reverting")}
        </p>
      ) : (
        <ErrorNote error={impact.error} title="The impact could not be checked" />
      )}
    </ConfirmDialog>
  );
}
