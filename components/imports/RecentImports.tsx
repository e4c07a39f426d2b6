"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ImportJobDto } from "@/lib/schemas/imports";
import { isImportActive } from "@/lib/queries/imports";
import { LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { STATUS_LABEL, STATUS_TONE, formatCount } from "./labels";

const SHOWN = 10;

/** Imports of this project, newest first, with the worker's progress on the running ones. */
export function RecentImports({
  list,
  openId,
  onOpen,
}: {
  list: UseQueryResult<ImportJobDto[]>;
  openId: string | null;
  onOpen: (id: string) => void;
}) {
  if (!list.data) {
    return list.isError ? <LoadError error={list.error} what="list of imports" onRetry={() => list.refetch()} /> : null;
  }
  const jobs = list.data.slice(0, SHOWN);
  if (jobs.length === 0) return <p className="muted small">No imports yet.</p>;
  return (
    <div className="recent-imports">
      <h3 className="panel-title">Recent imports</h3>
      <table className="table table-compact" data-testid="recent-imports">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Records
            </th>
            <th scope="col" className="num">
              Imported
            </th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} data-import={j.id} data-status={j.status} className={j.id === openId ? "is-open" : undefined}>
              <td className="cell-file">
                <span className="clamp-1" title={j.fileName}>
                  {j.fileName}
                </span>
              </td>
              <td>
                <span className={`status-pill tone-${STATUS_TONE[j.status]}`}>{STATUS_LABEL[j.status]}</span>
                {isImportActive(j.status) ? <span className="muted small"> {Math.round(j.progress * 100)}%</span> : null}
                {j.status === "failed" && j.message ? (
                  <span className="field-error clamp-1" title={j.message}>
                    {j.message}
                  </span>
                ) : null}
              </td>
              <td className="num">{j.total > 0 ? formatCount(j.total) : "—"}</td>
              <td className="num">{j.status === "done" ? formatCount(j.importedCount) : "—"}</td>
              <td className="nowrap">
                <When iso={j.createdAt} />
              </td>
              <td className="actions">
                {j.id === openId ? (
                  <span className="muted small">open above</span>
                ) : (
                  <button type="button" className="btn btn-sm" onClick={() => onOpen(j.id)} aria-label={`Open the import of ${j.fileName}`}>
                    Open
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data.length > SHOWN ? (
        <p className="hint">
          Showing the newest {SHOWN} of {list.data.length}.
        </p>
      ) : null}
    </div>
  );
}
