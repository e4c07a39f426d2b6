"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { importQuery } from "@/lib/queries/imports";
import { invalidateProject } from "@/lib/queries/projects";
import type { ImportJobDto } from "@/lib/schemas/imports";
import { Loading, LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { NeedsReasonNote } from "./NeedsReasonNote";
import { ImportCounts } from "./ImportCounts";
import { ImportProgress } from "./ImportProgress";
import { ReadyView } from "./ReadyView";
import { FORMAT_LABEL, STATUS_LABEL, STATUS_TONE, count, formatBytes, formatCount } from "./labels";

/** One import from upload to result, following the worker while it runs. */
export function ImportCard({ projectId, importId, onClose }: { projectId: string; importId: string; onClose: () => void }) {
  const qc = useQueryClient();
  const q = useQuery(importQuery(projectId, importId));
  const status = q.data?.status;
  const was = useRef(status);
  useEffect(() => {
    // The import landed: examples, tools, the gauge and the catalogue version all moved.
    if (was.current === "importing" && status === "done") void invalidateProject(qc, projectId);
    was.current = status;
  }, [status, projectId, qc]);

  if (!q.data) {
    return (
      <div className="import-card">
        {q.isError ? <LoadError error={q.error} what="import" onRetry={() => q.refetch()} /> : <Loading label="Loading the import…" />}
      </div>
    );
  }
  const job = q.data;
  return (
    <article className="import-card" aria-labelledby={`import-${job.id}`} data-testid="import-card" data-status={job.status}>
      <header className="import-card-head">
        <div className="stack-tight">
          <h3 id={`import-${job.id}`} className="import-file-name">
            {job.fileName}
          </h3>
          <span className="muted small">
            {formatBytes(job.fileBytes)} · {FORMAT_LABEL[job.format] ?? job.format} · uploaded <When iso={job.createdAt} />
            {job.createdBy ? ` by ${job.createdBy}` : ""}
          </span>
        </div>
        <span className={`status-pill tone-${STATUS_TONE[job.status]}`} data-testid="import-status">
          {STATUS_LABEL[job.status]}
        </span>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose} aria-label={`Close ${job.fileName}`}>
          Close
        </button>
      </header>
      {q.isError ? <p className="field-error">Lost contact with the server; showing the last known state. Retrying…</p> : null}
      <Body projectId={projectId} job={job} />
    </article>
  );
}

function Body({ projectId, job }: { projectId: string; job: ImportJobDto }) {
  switch (job.status) {
    case "uploaded":
    case "analysing":
    case "importing":
      return (
        <>
          <ImportProgress job={job} />
          <p className="hint">You can leave this page: the worker carries on, and this import is listed below when you come back.</p>
        </>
      );
    case "ready":
      return <ReadyView projectId={projectId} job={job} />;
    case "done":
      return (
        <>
          <div className="banner banner-ok" role="status" data-testid="import-result">
            <span>
              Imported <strong>{count(job.importedCount, "example")}</strong>, skipped {formatCount(job.skippedCount)}
              {job.split ? ` · split: ${job.split}` : ""}
            </span>
            <Link href={`/projects/${encodeURIComponent(projectId)}/examples`} className="btn btn-sm">
              See the examples →
            </Link>
          </div>
          <ImportCounts job={job} />
          <NeedsReasonNote projectId={projectId} job={job} />
        </>
      );
    case "failed":
      return (
        <div className="banner banner-error" role="alert" data-testid="import-failed">
          <span>
            <strong>The import failed:</strong> {job.message ?? "the worker gave no reason"}. Nothing was added; upload the file again to
            retry.
          </span>
        </div>
      );
    case "cancelled":
      return <p className="muted">This import was discarded; nothing was added.</p>;
  }
}
