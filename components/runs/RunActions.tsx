"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { isTerminal, useCancelRun, useRetryRun } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { useCan } from "@/lib/client/auth";

/** Cancel a live run (after a confirmation: a cancelled remote job cannot be resumed) or retry a failed one. */
export function RunActions({ run }: { run: RunDto }) {
  const router = useRouter();
  const cancel = useCancelRun(run.projectId, run.id);
  const retry = useRetryRun(run.projectId, run.id);
  const [confirming, setConfirming] = useState(false);
  const mayRun = useCan("runs.write");
  const canCancel = mayRun && !isTerminal(run.status) && !run.cancelRequested;
  const canRetry = mayRun && (run.status === "failed" || run.status === "cancelled");
  const close = () => {
    cancel.reset();
    setConfirming(false);
  };
  return (
    <div className="run-actions stack-tight">
      <div className="row">
        {canCancel ? (
          <button type="button" className="btn btn-danger-text" onClick={() => setConfirming(true)} data-testid="cancel-run">
            Cancel run
          </button>
        ) : null}
        {canRetry ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={retry.isPending}
            onClick={() =>
              retry.mutate(undefined, {
                onSuccess: (next) => router.push(`/projects/${encodeURIComponent(next.projectId)}/runs/${encodeURIComponent(next.id)}`),
              })
            }
            data-testid="retry-run"
          >
            {retry.isPending ? "Starting…" : "Retry with the same settings"}
          </button>
        ) : null}
      </div>
      {retry.isError ? <ErrorNote error={retry.error} title="Could not retry" /> : null}
      {confirming ? (
        <Dialog title="Cancel this run?" tone="danger" onClose={cancel.isPending ? undefined : close}>
          <div className="stack">
            <p>
              The backend stops the job and it cannot be resumed; steps already trained are still charged. You can start a new run with the
              same settings afterwards.
            </p>
            {cancel.isError ? <ErrorNote error={cancel.error} /> : null}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={close} disabled={cancel.isPending} autoFocus>
                Keep it running
              </button>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(false) })}
                disabled={cancel.isPending}
                data-testid="confirm-cancel-run"
              >
                {cancel.isPending ? "Cancelling…" : "Cancel run"}
              </button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
