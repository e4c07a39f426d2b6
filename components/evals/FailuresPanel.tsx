"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage } from "@/lib/client/api";
import { formatCount } from "@/lib/client/format";
import { preferenceCountsQuery, preferenceHref, useAddFailures } from "@/lib/queries/eval-failures";
import { FAILURE_VERDICTS, type FailureVerdict } from "@/lib/schemas/eval-failures";
import type { EvalDto } from "@/lib/schemas/evals";
import { VERDICT_HINT, VERDICT_LABEL } from "./labels";
import { addedText } from "./failures-text";

/**
 * The report's failures turned back into data: per verdict, add them all to the train split with the
 * gold decision, or download them as preference pairs (chosen: gold, rejected: the model's answer);
 * from an eval of a run's model, start a DPO run on that run.
 */
export function FailuresPanel({ projectId, ev }: { projectId: string; ev: EvalDto }) {
  const counts = useQuery(preferenceCountsQuery(projectId, ev.id));
  const add = useAddFailures(projectId, ev.id);
  const c = counts.data;
  if (!c || c.total === 0) return null;
  const examplesHref = `/projects/${encodeURIComponent(projectId)}/examples?split=train&tag=eval-failure`;
  const verdicts = FAILURE_VERDICTS.filter((v) => c.byVerdict[v] > 0);
  return (
    <section className="panel stack" aria-labelledby="failures-title" data-testid="failures-panel">
      <h2 id="failures-title" className="panel-title">
        Failures back into data
      </h2>
      <p className="hint">
        Adding a failure makes a <strong>train</strong> example of its conversation with the <strong>gold</strong> decision, linked back to
        this eval. These come from the gold split: judge the next model on fresh gold examples too, or its numbers will look better than
        they are.
      </p>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">Verdict</th>
            <th scope="col" className="num">
              Failures
            </th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((v) => (
            <tr key={v} data-verdict={v}>
              <th scope="row" title={VERDICT_HINT[v]}>
                {VERDICT_LABEL[v]}
                {v === "parse_failure" ? <span className="muted small"> (pairs keep the raw text as the rejected answer)</span> : null}
              </th>
              <td className="num">{formatCount(c.byVerdict[v])}</td>
              <td className="row row-wrap">
                <button
                  type="button"
                  className="btn btn-sm"
                  disabled={add.isPending}
                  onClick={() => add.mutate({ verdict: v })}
                  data-testid={`add-all-${v}`}
                  aria-label={`Add all ${formatCount(c.byVerdict[v])} ${VERDICT_LABEL[v]} failures to training data`}
                >
                  Add all {formatCount(c.byVerdict[v])}
                </button>
                <a className="btn btn-sm btn-ghost" href={preferenceHref(projectId, ev.id, "openai", v as FailureVerdict)} download>
                  Pairs (OpenAI)
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row row-wrap">
        <a className="btn btn-sm" href={preferenceHref(projectId, ev.id, "openai")} download data-testid="pairs-openai">
          Download {formatCount(c.total)} preference pairs (OpenAI DPO)
        </a>
        <a className="btn btn-sm" href={preferenceHref(projectId, ev.id, "trl")} download data-testid="pairs-trl">
          Download as TRL DPO
        </a>
        {ev.runId ? (
          <Link
            className="btn btn-sm btn-primary"
            href={`/projects/${encodeURIComponent(projectId)}/runs/${encodeURIComponent(ev.runId)}?dpo=${encodeURIComponent(ev.id)}`}
          >
            Start DPO run…
          </Link>
        ) : null}
      </div>
      {add.isError ? <p className="field-error">{errorMessage(add.error)}</p> : null}
      {add.data ? (
        <p className="banner banner-ok" role="status" data-testid="failures-added">
          {addedText(add.data)} <Link href={examplesHref}>See them in the examples list</Link>
        </p>
      ) : null}
    </section>
  );
}

/** "Add to training data" on one failing example of the report. */
export function AddOneFailure({ projectId, evalId, resultId }: { projectId: string; evalId: string; resultId: string }) {
  const add = useAddFailures(projectId, evalId);
  if (add.data) {
    const made = add.data.examples[0];
    return (
      <p className="small" role="status" data-testid="failure-added">
        {made ? (
          <>
            Added as{" "}
            <Link href={`/projects/${encodeURIComponent(projectId)}/examples/${encodeURIComponent(made.id)}`}>
              example #{made.number.toLocaleString("en-US")}
            </Link>{" "}
            in train, with the gold decision.
          </>
        ) : (
          "Already in the project: nothing added."
        )}
      </p>
    );
  }
  return (
    <div className="row row-wrap">
      <button
        type="button"
        className="btn btn-sm"
        disabled={add.isPending}
        onClick={() => add.mutate({ resultIds: [resultId] })}
        data-testid="add-one-failure"
      >
        Add to training data
      </button>
      {add.isError ? <span className="field-error">{errorMessage(add.error)}</span> : null}
    </div>
  );
}
