"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { evalsQuery, isEvalTerminal } from "@/lib/queries/evals";
import type { RunDto } from "@/lib/schemas/runs";
import { LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { EvalStatusBadge } from "./Badges";
import { EvalProgress } from "./EvalProgress";
import { HEADLINE, formatNd, formatPct } from "./labels";
import { evalHref, newEvalHref } from "./links";

const SHORT: Record<string, string> = {
  validRate: "Valid calls",
  toolNameAccuracy: "Right tool",
  argAccuracy: "Right args",
  falseToolCallRate: "False calls ↓",
};

/** Beside the loss curves: how the run's model scored, one compact card per eval, each linking to its report. */
export function RunEvals({ run }: { run: RunDto }) {
  const q = useQuery(evalsQuery(run.projectId, run.id));
  const evaluate = newEvalHref(run.projectId, { runId: run.id, model: run.fineTunedModel, backend: run.backend });
  return (
    <section className="panel run-evals stack" aria-labelledby="run-evals-title" data-testid="run-evals">
      <div className="panel-head">
        <h2 id="run-evals-title" className="panel-title">
          Evals
        </h2>
        {run.status === "succeeded" && q.data && q.data.length > 0 ? (
          <Link href={evaluate} className="btn btn-sm">
            Evaluate again
          </Link>
        ) : null}
      </div>
      {q.isPending ? (
        <p className="muted small">Loading evals…</p>
      ) : !q.data ? (
        <LoadError error={q.error} what="evals" onRetry={() => q.refetch()} />
      ) : q.data.length === 0 ? (
        <div className="stack-tight">
          <p className="muted small">
            {run.status === "succeeded"
              ? "Not evaluated yet. Score the fine-tuned model on the gold split to see whether training helped."
              : isTerminalRun(run.status)
                ? "No model to evaluate: the run did not succeed."
                : "When training succeeds, evaluate the model here."}
          </p>
          {run.status === "succeeded" ? (
            <Link href={evaluate} className="btn btn-primary align-start" data-testid="evaluate-run">
              Evaluate this model
            </Link>
          ) : null}
        </div>
      ) : (
        <ul className="eval-cards">
          {q.data.map((ev) => (
            <li key={ev.id}>
              <Link href={evalHref(run.projectId, ev.id)} className="eval-card" data-testid="run-eval-card">
                <span className="eval-card-head">
                  <span className="eval-card-name" title={ev.name}>
                    {checkpointOf(ev.model, run.fineTunedModel)}
                  </span>
                  <EvalStatusBadge ev={ev} />
                </span>
                <span className="small muted">
                  {ev.split} · {ev.matchMode} · <When iso={ev.createdAt} />
                </span>
                {!isEvalTerminal(ev.status) ? <EvalProgress ev={ev} compact /> : null}
                <dl className="eval-card-numbers">
                  {HEADLINE.map((m) => {
                    const rate = ev.summary?.[m.key];
                    return (
                      <div key={m.key} title={rate ? `${m.label}: ${formatNd(rate)}` : m.label}>
                        <dt>{SHORT[m.key]}</dt>
                        <dd className={m.better === "lower" && rate?.value ? "text-danger" : undefined}>
                          {rate ? formatPct(rate.value) : "—"}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "final model", "checkpoint step 102", or the model id when it is neither. */
function checkpointOf(model: string, final: string | null): string {
  if (model === final) return "Final model";
  const step = /ckpt-step-(\d+)$/.exec(model);
  return step ? `Checkpoint, step ${step[1]}` : model;
}

const isTerminalRun = (status: string) => status === "failed" || status === "cancelled";
