"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { evalsQuery, isEvalTerminal, useCancelEval } from "@/lib/queries/evals";
import type { EvalDto } from "@/lib/schemas/evals";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { When } from "@/components/ui/When";
import { formatDuration } from "@/components/runs/labels";
import { useNow } from "@/components/runs/use-now";
import { EvalStatusBadge } from "./Badges";
import { EvalProgress } from "./EvalProgress";
import { compareHref } from "./compare";
import { whereText } from "./labels";
import { useCan } from "@/lib/client/auth";
import { ShareButton } from "@/components/share/ShareButton";
import { useReadOnly } from "@/components/share/ReadOnly";
import { formatCount } from "@/lib/client/format";

/** Name, model and where it ran, status and progress, Cancel while live, and a way into the comparison. */
export function EvalHeader({ ev, actions }: { ev: EvalDto; actions?: ReactNode }) {
  const readOnly = useReadOnly() !== null;
  const canCancel = useCan("evals.write") && !readOnly;
  const live = !isEvalTerminal(ev.status);
  const cancel = useCancelEval(ev.projectId, ev.id);
  const now = useNow(1_000, live);
  const base = `/projects/${encodeURIComponent(ev.projectId)}`;
  const started = ev.startedAt ? Date.parse(ev.startedAt) : null;
  const took = started === null ? null : (ev.finishedAt ? Date.parse(ev.finishedAt) : now) - started;
  return (
    <header className="stack-tight eval-head">
      {readOnly ? null : (
        <p className="small no-print">
          <Link href={`${base}/evals`}>← Evals</Link>
        </p>
      )}
      <div className="row row-wrap eval-head-row">
        <h1 data-testid="eval-name">{ev.name}</h1>
        <EvalStatusBadge ev={ev} testId="eval-status" />
        <span className="grow" />
        {readOnly ? null : <CompareWith ev={ev} />}
        {actions}
        <ShareButton projectId={ev.projectId} kind="eval" targets={[ev.id]} />
        {canCancel && live && !ev.cancelRequested ? (
          <button
            type="button"
            className="btn btn-danger-text"
            onClick={() => cancel.mutate()}
            disabled={cancel.isPending}
            title="Stops sending requests; the results so far are kept"
            data-testid="cancel-eval"
          >
            {cancel.isPending ? "Cancelling…" : "Cancel eval"}
          </button>
        ) : null}
      </div>
      <p className="muted small eval-meta">
        <code className="model-id" data-testid="eval-model">
          {ev.model}
        </code>{" "}
        on {whereText(ev)} · {ev.split} split · <span title="How arguments are matched">{ev.matchMode} matching</span> ·{" "}
        {ev.greedy ? (
          <span title="temperature 0: the same request gives the same answer">greedy</span>
        ) : (
          <span
            className="warn-text"
            title="This model refuses temperature 0 (OpenAI reasoning models), so it ran at its default sampling: a rerun may differ."
            data-testid="eval-not-greedy"
          >
            default sampling (the model refuses temperature 0)
          </span>
        )}{" "}
        · catalogue v{ev.catalogueVersion} · created <When iso={ev.createdAt} />
        {ev.createdBy ? ` by ${ev.createdBy}` : ""}
        {took !== null ? ` · ${ev.finishedAt ? "took" : "running for"} ${formatDuration(took)}` : ""}
        {ev.runId && !readOnly ? (
          <>
            {" · "}
            <Link href={`${base}/runs/${encodeURIComponent(ev.runId)}`}>from its run</Link>
          </>
        ) : null}
      </p>
      {ev.followUps && ev.followUps.decisions > 0 ? (
        <p className="muted small" data-testid="eval-followups">
          The numbers score each example&apos;s routing decision (its reply to the user). Its {formatCount(ev.followUps.decisions)}{" "}
          follow-up
          {ev.followUps.decisions === 1 ? "" : "s"} after a tool result ({formatCount(ev.followUps.answers)} answer
          {ev.followUps.answers === 1 ? "" : "s"}, {formatCount(ev.followUps.calls)} chained call{ev.followUps.calls === 1 ? "" : "s"}) are
          not scored.
        </p>
      ) : null}
      {cancel.isError ? <ErrorNote error={cancel.error} title="Could not cancel" /> : null}
      {ev.status !== "succeeded" || ev.failedRequests > 0 ? <EvalProgress ev={ev} /> : null}
    </header>
  );
}

/** Another eval of this project to compare with: it becomes A (the baseline), this one B. */
function CompareWith({ ev }: { ev: EvalDto }) {
  const router = useRouter();
  const list = useQuery(evalsQuery(ev.projectId));
  const others = (list.data ?? []).filter((e) => e.id !== ev.id);
  if (others.length === 0) return null;
  return (
    <div className="field field-inline">
      <label htmlFor="compare-with" className="sr-only">
        Compare with another eval
      </label>
      <select
        id="compare-with"
        value=""
        onChange={(e) => e.target.value && router.push(compareHref(ev.projectId, e.target.value, ev.id))}
        data-testid="compare-with"
      >
        <option value="">Compare with…</option>
        {others.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} · {o.model}
          </option>
        ))}
      </select>
    </div>
  );
}
