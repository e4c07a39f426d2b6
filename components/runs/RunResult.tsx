"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { runCheckpointsQuery } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { LoadError } from "@/components/ui/States";
import { newEvalHref } from "@/components/evals/links";
import { CopyButton } from "./CopyButton";
import { formatCount, formatLoss } from "./labels";

/** What the run produced: the fine-tuned model, the tokens trained, and the checkpoints along the way. */
export function RunResult({ run, live }: { run: RunDto; live: boolean }) {
  const cps = useQuery(runCheckpointsQuery(run.projectId, run.id, live));
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
            {run.status === "succeeded" ? (
              <Link href={newEvalHref(run.projectId, { runId: run.id, model: run.fineTunedModel, backend: run.backend })} className="btn btn-sm">
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
          {live ? "None yet: OpenAI saves one at the end of each of the last epochs." : "No checkpoints were saved."}
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
              {[...cps.data]
                .sort((a, b) => a.step - b.step)
                .map((c) => (
                  <tr key={c.id}>
                    <td className="num">{c.step}</td>
                    <td>
                      <code className="small model-id">{c.model}</code>
                    </td>
                    <td className="small">{metricsText(c.metrics)}</td>
                    <td className="actions">
                      <Link
                        href={newEvalHref(run.projectId, { runId: run.id, model: c.model, backend: run.backend })}
                        className="small"
                        aria-label={`Evaluate the checkpoint at step ${c.step}`}
                      >
                        Evaluate
                      </Link>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
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
