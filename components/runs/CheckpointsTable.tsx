"use client";

import Link from "next/link";
import type { CheckpointDto, RunDto } from "@/lib/schemas/runs";
import type { EvalDto } from "@/lib/schemas/evals";
import { newEvalHref, evalHref } from "@/components/evals/links";
import { formatPct } from "@/components/evals/labels";
import { checkpointColumns, evalsByModel } from "./checkpoints";
import { formatLoss } from "./labels";

/** The eval numbers shown per checkpoint, when one of them has a finished eval. */
const EVAL_COLUMNS = [
  { key: "exactMatch", label: "Exact", title: "Exact match: the whole decision right (its best finished eval)" },
  { key: "toolNameAccuracy", label: "Tool", title: "Tool-name accuracy" },
  { key: "argAccuracy", label: "Args", title: "Argument-match accuracy on valid calls" },
  { key: "falseToolCallRate", label: "False call ↓", title: "False-tool-call rate (lower is better)" },
] as const;

interface Props {
  run: RunDto;
  checkpoints: CheckpointDto[];
  best: CheckpointDto | null;
  evals: EvalDto[];
  readOnly: boolean;
}

/** Checkpoints as a table: a column per metric the backend reported, then how each checkpoint scored in evals. */
export function CheckpointsTable({ run, checkpoints, best, evals, readOnly }: Props) {
  const columns = checkpointColumns(checkpoints);
  const byModel = evalsByModel(evals);
  const scored = checkpoints.some((c) => byModel.has(c.model));
  return (
    <table className="table table-compact checkpoints-table" data-testid="checkpoints">
      <thead>
        <tr>
          <th scope="col" className="num">
            Step
          </th>
          <th scope="col">Model</th>
          {columns.map((m) => (
            <th key={m.key} scope="col" className="num" title={m.loss ? `${m.label} (lower is better)` : m.label}>
              {m.label}
            </th>
          ))}
          {scored
            ? EVAL_COLUMNS.map((m) => (
                <th key={m.key} scope="col" className="num" title={m.title}>
                  {m.label}
                </th>
              ))
            : null}
          <th scope="col">
            <span className="sr-only">Evaluate</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {checkpoints.map((c) => {
          const ev = byModel.get(c.model);
          return (
            <tr key={c.id} data-testid={`checkpoint-${c.step}`}>
              <td className="num">{c.step.toLocaleString("en-US")}</td>
              <td>
                {/* The id's last part ("ckpt-step-51") keeps the metric columns in view; the whole id is in the title and the Evaluate link. */}
                <code className="small model-id" title={c.model}>
                  {c.model.includes(":") ? `…:${c.model.split(":").pop()}` : c.model}
                </code>
                {c.id === best?.id ? (
                  <span className="badge badge-ok checkpoint-best" title="The lowest validation loss of the run's checkpoints">
                    lowest validation loss
                  </span>
                ) : null}
              </td>
              {columns.map((m) => (
                <td key={m.key} className="num" data-metric={m.key}>
                  {m.loss ? formatLoss(c.metrics[m.key]) : formatPct(c.metrics[m.key])}
                </td>
              ))}
              {scored
                ? EVAL_COLUMNS.map((m, i) => {
                    const value = ev?.summary?.[m.key].value;
                    return (
                      <td key={m.key} className="num" data-eval-metric={m.key}>
                        {ev && i === 0 && !readOnly ? (
                          <Link href={evalHref(run.projectId, ev.id)} title={`${ev.name}: open the eval report`}>
                            {formatPct(value)}
                          </Link>
                        ) : (
                          formatPct(value)
                        )}
                      </td>
                    );
                  })
                : null}
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
          );
        })}
      </tbody>
    </table>
  );
}
