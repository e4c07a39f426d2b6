"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Suspense, useEffect, useRef } from "react";
import { isTerminal, refreshFinishedRun, runQuery } from "@/lib/queries/runs";
import { DPO_BACKENDS, type RunDto } from "@/lib/schemas/runs";
import { DpoChart } from "./DpoChart";
import { DpoStarter } from "./DpoRunForm";
import { RunLineage } from "./RunLineage";
import { Loading, LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { RunEvals } from "@/components/evals/RunEvals";
import { EventLog } from "./EventLog";
import { LossChart } from "./LossChart";
import { RunActions } from "./RunActions";
import { RunConfigPanel } from "./RunConfigPanel";
import { RunProgress } from "./RunProgress";
import { RunResult } from "./RunResult";
import { RunStatusBadge } from "./RunStatusBadge";
import { RunWarnings } from "./RunWarnings";
import { RunLabels } from "./RunLabels";
import { useCan } from "@/lib/client/auth";
import { backendLabel, formatDuration, runDuration, shortId, formatUsd } from "./labels";
import { useNow } from "./use-now";
import { ShareButton } from "@/components/share/ShareButton";
import { useReadOnly } from "@/components/share/ReadOnly";

/** One run, live: status and progress, the loss curves and their diagnosis, then its frozen settings, data, result and log. */
export function RunPage({ projectId, runId }: { projectId: string; runId: string }) {
  const qc = useQueryClient();
  const q = useQuery(runQuery(projectId, runId));
  const status = q.data?.status;
  const live = status !== undefined && !isTerminal(status);
  const was = useRef(status);
  useEffect(() => {
    if (was.current !== undefined && !isTerminal(was.current) && status !== undefined && isTerminal(status))
      void refreshFinishedRun(qc, projectId, runId);
    was.current = status;
  }, [status, projectId, runId, qc]);
  const now = useNow(1_000, live);
  const runsHref = `/projects/${encodeURIComponent(projectId)}/runs`;
  const readOnly = useReadOnly() !== null;
  const canEdit = useCan("runs.write") && !readOnly;

  if (q.isPending) return <Loading label="Loading the run…" />;
  if (!q.data) {
    return (
      <div className="page page-narrow">
        <LoadError error={q.error} what="run" onRetry={() => q.refetch()} />
        {readOnly ? null : (
          <p>
            <Link href={runsHref}>← All runs</Link>
          </p>
        )}
      </div>
    );
  }
  const run = q.data;
  const ms = runDuration(run, now);
  return (
    <div className="page run-page" data-testid="run-page" data-run-id={run.id}>
      <header className="run-head">
        <div className="stack-tight grow">
          {readOnly ? null : (
            <p className="small">
              <Link href={runsHref}>← Runs</Link>
            </p>
          )}
          <div className="row row-wrap">
            <h1 data-testid="run-title">
              {run.name ? (
                <>
                  {run.name} <span className="muted mono run-title-id">{shortId(run.id)}</span>
                </>
              ) : (
                <>
                  Run <span className="mono">{shortId(run.id)}</span>
                </>
              )}
            </h1>
            <RunStatusBadge run={run} testId="run-status" />
          </div>
          <p className="muted small">
            {backendLabel(run.backend)}
            {run.agent ? (
              <span data-testid="run-agent">
                {" "}
                on {run.agent.name}
                {run.agent.pinned ? " (pinned)" : ""}
              </span>
            ) : null}{" "}
            · <span className="mono">{run.baseModel}</span> · created <When iso={run.createdAt} />
            {run.createdBy ? ` by ${run.createdBy}` : ""}
            {ms !== null ? ` · ${run.finishedAt ? "took" : "running for"} ${formatDuration(ms)}` : ""}
            {run.retryOfId && !readOnly ? (
              <>
                {" · retry of "}
                <Link href={`${runsHref}/${encodeURIComponent(run.retryOfId)}`} className="mono">
                  {shortId(run.retryOfId)}
                </Link>
              </>
            ) : null}
          </p>
          <RunLabels run={run} canEdit={canEdit} />
        </div>
        <div className="row no-print">
          <ShareButton projectId={projectId} kind="run" targets={[run.id]} />
          {readOnly ? null : <RunActions run={run} />}
        </div>
      </header>
      {q.isError ? <p className="field-error">Lost contact with the server; showing the last known state. Retrying…</p> : null}
      <RunProgress run={run} now={now} />
      <p className="small run-cost" data-testid="run-cost" title={run.cost.basis}>
        <strong>{formatUsd(run.cost.usd)}</strong> {run.cost.final ? "cost" : "so far"}
        <span className="muted">
          {" "}
          ({run.cost.basis}){run.wallSeconds !== null ? ` · wall time ${formatDuration(run.wallSeconds * 1000)}` : ""}
        </span>
      </p>
      <Banners run={run} />
      <RunWarnings run={run} live={live} />
      {readOnly ? null : <RunLineage run={run} />}
      {canDpo(run) && canEdit ? (
        <Suspense fallback={null}>
          <DpoStarter run={run} />
        </Suspense>
      ) : null}
      <div className="run-main">
        <LossChart run={run} />
        {readOnly ? null : <RunEvals run={run} />}
      </div>
      {run.parentRunId ? <DpoChart run={run} /> : null}
      <div className="run-details">
        <RunConfigPanel run={run} />
        <div className="stack">
          <RunResult run={run} live={live} />
          {readOnly ? null : <EventLog projectId={projectId} runId={run.id} live={live} />}
        </div>
      </div>
    </div>
  );
}

/** A finished SFT run on a backend that trains DPO. */
const canDpo = (run: RunDto) =>
  run.status === "succeeded" && run.fineTunedModel !== null && !run.config.method && DPO_BACKENDS.includes(run.backend);

function Banners({ run }: { run: RunDto }) {
  if (run.status === "failed") {
    return (
      <div className="banner banner-error run-error" role="alert" data-testid="run-error">
        <p>
          <strong>The run failed: </strong>
          {run.error ?? "the backend gave no reason; the event log below may say more."}
        </p>
      </div>
    );
  }
  if (run.cancelRequested && !isTerminal(run.status)) {
    return (
      <div className="banner banner-warn" role="status">
        Cancelling: waiting for the backend to stop the job.
      </div>
    );
  }
  if (run.status === "succeeded") {
    return (
      <div className="banner banner-ok" role="status">
        Training finished{run.fineTunedModel ? ": the model id is under Result below." : "."}
      </div>
    );
  }
  return null;
}
