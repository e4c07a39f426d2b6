"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { runCheckpointsQuery } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { LoadError } from "@/components/ui/States";
import { newEvalHref } from "@/components/evals/links";
import { CHECKPOINTS_SHOWN, bestCheckpoint, visibleCheckpoints } from "./checkpoints";
import { CopyButton } from "./CopyButton";
import { useReadOnly } from "@/components/share/ReadOnly";
import { formatCount, formatLoss } from "./labels";

/** What the run produced: the fine-tuned model, the tokens trained, and the checkpoints along the way. */
export function RunResult({ run, live }: { run: RunDto; live: boolean }) {
  const cps = useQuery(runCheckpointsQuery(run.projectId, run.id, live));
  const [showAll, setShowAll] = useState(false);
  const readOnly = useReadOnly() !== null;
  const best = cps.data ? bestCheckpoint(cps.data) : null;
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
          <table className="table table-compact" data-testid="checkpoints">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Step
                </th>
                <th scope="col">Model</th>
                <th scope="col">Metrics</th>
                <th scope="col">
                  <span className="sr-only">Evaluate</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {visibleCheckpoints(cps.data, showAll).map((c) => (
                <tr key={c.id} data-testid={`checkpoint-${c.step}`}>
                  <td className="num">{c.step}</td>
                  <td>
                    <code className="small model-id">{c.model}</code>
                    {c.id === best?.id ? (
                      <span className="badge badge-ok checkpoint-best" title="The lowest validation loss of the run's checkpoints">
                        lowest validation loss
                      </span>
                    ) : null}
                  </td>
                  <td className="small">{metricsText(c.metrics)}</td>
                  <td className="actions">
                    {readOnly ? null : (
                      <Link
                        href={newEvalHref(run.projectId, { runId: run.id, model: c.model, backend: run.backend })}
                        className="small"
                        aria-label={`Evaluate the checkpoint at step ${c.step}`}
                      >
                        Evaluate
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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

const METRIC_LABEL: Record<string, string> = {
  train_loss: "train loss",
  valid_loss: "valid loss",
  full_valid_loss: "full valid loss",
  train_mean_token_accuracy: "train acc",
  valid_mean_token_accuracy: "valid acc",
  full_valid_mean_token_accuracy: "full valid acc",
};

function metricsText(metrics: Record<string, number | null>): string {
  const parts = Object.entries(metrics)
    .filter(([k, v]) => k !== "step" && v !== null)
    .map(([k, v]) => `${METRIC_LABEL[k] ?? k} ${formatLoss(v)}`);
  return parts.join(" · ") || "—";
}
