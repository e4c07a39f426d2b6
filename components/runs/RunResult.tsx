"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { runCheckpointsQuery } from "@/lib/queries/runs";
import { evalsQuery } from "@/lib/queries/evals";
import type { RunDto } from "@/lib/schemas/runs";
import { LoadError } from "@/components/ui/States";
import { newEvalHref } from "@/components/evals/links";
import { CHECKPOINTS_SHOWN, bestCheckpoint, visibleCheckpoints } from "./checkpoints";
import { CheckpointsTable } from "./CheckpointsTable";
import { CopyButton } from "./CopyButton";
import { useReadOnly } from "@/components/share/ReadOnly";
import { formatCount } from "./labels";

/** What the run produced: the fine-tuned model, the tokens trained, and the checkpoints along the way. */
export function RunResult({ run, live }: { run: RunDto; live: boolean }) {
  const cps = useQuery(runCheckpointsQuery(run.projectId, run.id, live));
  const [showAll, setShowAll] = useState(false);
  const readOnly = useReadOnly() !== null;
  const best = cps.data ? bestCheckpoint(cps.data) : null;
  // The run page lists the run's evals beside the chart (same query); a shared view has none to show.
  const evals = useQuery({ ...evalsQuery(run.projectId, run.id), enabled: !readOnly });
  return (
    <section className="panel stack" aria-labelledby="result-title" data-testid="run-result">
      <h2 id="result-title" className="panel-title">
        Result
      </h2>
      {run.fineTunedModel ? (
        <div className="field">
          <span className="label">Fine-tuned model</span>
          <div className="row">
            <code className="model-id" data-testid="fine-tuned-model">
              {run.fineTunedModel}
            </code>
            <CopyButton text={run.fineTunedModel} label="Copy the fine-tuned model id" />
            {run.status === "succeeded" && !readOnly ? (
              <Link
                href={newEvalHref(run.projectId, { runId: run.id, model: run.fineTunedModel, backend: run.backend })}
                className="btn btn-sm"
              >
                Evaluate
              </Link>
            ) : null}
          </div>
        </div>
      ) : (
        <p className="muted small">
          {run.status === "succeeded"
            ? "The backend reported no model id."
            : live
              ? "The model id appears here when training succeeds."
              : "No model was produced."}
        </p>
      )}
      <dl className="kv">
        <dt>Trained tokens</dt>
        <dd>{run.trainedTokens === null ? "—" : formatCount(run.trainedTokens)}</dd>
        <dt>Remote job</dt>
        <dd className="mono small">{run.remoteJobId ?? "—"}</dd>
      </dl>
      <h3 className="block-title">Checkpoints</h3>
      {cps.isPending ? (
        <p className="muted small">Loading checkpoints…</p>
      ) : !cps.data ? (
        <LoadError error={cps.error} what="checkpoints" onRetry={() => cps.refetch()} />
      ) : cps.data.length === 0 ? (
        <p className="muted small">
          {!live
            ? "No checkpoints were saved."
            : run.backend === "gpu"
              ? "None yet: the GPU box saves one at the end of each epoch."
              : "None yet: OpenAI saves one at the end of each of the last epochs."}
        </p>
      ) : (
        <div className="scroll-x">
          <CheckpointsTable run={run} checkpoints={visibleCheckpoints(cps.data, showAll)} best={best} evals={evals.data ?? []} readOnly={readOnly} />
          {cps.data.length > CHECKPOINTS_SHOWN ? (
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setShowAll(!showAll)} data-testid="checkpoints-toggle">
              {showAll ? "Show the newest only" : `Show all ${cps.data.length} checkpoints`}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
