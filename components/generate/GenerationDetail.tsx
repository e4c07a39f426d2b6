"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState } from "react";
import { formatCount, formatWhen } from "@/lib/client/format";
import { useCan } from "@/lib/client/auth";
import { generationItemsQuery, generationPairsHref, generationPairsQuery, generationQuery, useCancelGeneration } from "@/lib/queries/generate";
import { isEvalTerminal } from "@/lib/queries/evals";
import { KIND_LABELS, REASON_LABELS, REJECTION_REASONS, type GenerationDto, type RejectionReason } from "@/lib/schemas/generate";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { Loading, LoadError } from "@/components/ui/States";
import { costText, GenerationProgress, teacherLabel } from "./GenerationProgress";

/** One generation: live progress, Cancel, "Review N drafts", and the rejected candidates with reasons and raw output. */
export function GenerationDetail({ projectId, generationId }: { projectId: string; generationId: string }) {
  const g = useQuery(generationQuery(projectId, generationId));
  if (!g.data)
    return g.isError ? (
      <LoadError error={g.error} what="generation" onRetry={() => g.refetch()} />
    ) : (
      <Loading label="Loading the generation…" />
    );
  return <Detail projectId={projectId} g={g.data} />;
}

function Detail({ projectId, g }: { projectId: string; g: GenerationDto }) {
  const canWrite = useCan("examples.write");
  const cancel = useCancelGeneration(projectId);
  const live = !isEvalTerminal(g.status);
  const base = `/projects/${encodeURIComponent(projectId)}`;
  const reviewHref = g.firstDraftId ? `${base}/examples/${encodeURIComponent(g.firstDraftId)}?tag=${encodeURIComponent(g.tag)}` : null;
  return (
    <div className="page">
      <p className="small">
        <Link href={`${base}/generate`}>← Generations</Link>
      </p>
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <h1>
            Generation <code>{g.tag}</code>
          </h1>
          <p className="muted small">
            {teacherLabel(g)} · temperature {g.temperature} · {g.tools.length} tool{g.tools.length === 1 ? "" : "s"} · started{" "}
            {formatWhen(g.createdAt)}
            {g.createdBy ? ` by ${g.createdBy}` : ""}
          </p>
        </div>
        <div className="row">
          {reviewHref ? (
            <Link href={reviewHref} className="btn btn-primary" data-testid="review-drafts">
              Review {formatCount(g.drafts)} draft{g.drafts === 1 ? "" : "s"}
            </Link>
          ) : null}
          <Link href={`${base}/examples?tag=${encodeURIComponent(g.tag)}`} className="btn">
            List them
          </Link>
          {canWrite && live && !g.cancelRequested ? (
            <button
              type="button"
              className="btn"
              onClick={() => cancel.mutate(g.id)}
              disabled={cancel.isPending}
              data-testid="cancel-generation"
            >
              Cancel
            </button>
          ) : null}
        </div>
      </div>
      {cancel.isError ? <ErrorNote error={cancel.error} title="Not cancelled" /> : null}
      <section className="panel" aria-label="Progress">
        <p data-testid="generation-status">
          Status: <strong>{g.cancelRequested && live ? "cancelling" : g.status}</strong> · cost so far {costText(g)} (
          {formatCount(g.promptTokens)} tokens in, {formatCount(g.completionTokens)} out)
        </p>
        <GenerationProgress g={g} />
        {g.error ? <p className="warn-text small">{g.error}</p> : null}
        <Reasons g={g} />
      </section>
      {!live ? <PreferencePairs projectId={projectId} g={g} /> : null}
      <Rejected projectId={projectId} g={g} />
    </div>
  );
}

/**
 * Where a reviewer changed a teacher's answer, the pair (chosen: the review, rejected: the teacher's)
 * teaches the model the difference, for a DPO run or another trainer's preference format.
 */
function PreferencePairs({ projectId, g }: { projectId: string; g: GenerationDto }) {
  const counts = useQuery(generationPairsQuery(projectId, g.id, g.drafts));
  const c = counts.data;
  return (
    <section className="panel stack-tight" aria-labelledby="pairs-title" data-testid="generation-pairs">
      <h2 id="pairs-title" className="panel-title">
        Preference pairs from the reviews
      </h2>
      {counts.isError ? <ErrorNote error={counts.error} title="Pairs not counted" /> : null}
      {c ? (
        <>
          <p className="small" data-testid="generation-pairs-counts">
            {formatCount(c.pairs)} pair{c.pairs === 1 ? "" : "s"}: reviewed candidates whose answer the reviewer changed (chosen: the
            review, rejected: the teacher&apos;s). No pair from {formatCount(c.unchanged)} kept as written, {formatCount(c.promptChanged)}{" "}
            whose request was rewritten, {formatCount(c.unreviewed)} not reviewed yet.
          </p>
          {c.pairs > 0 ? (
            <div className="row">
              <a className="btn btn-sm" href={generationPairsHref(projectId, g.id, "openai")} download data-testid="generation-pairs-openai">
                Download (OpenAI preference JSONL)
              </a>
              <a className="btn btn-sm btn-ghost" href={generationPairsHref(projectId, g.id, "trl")} download>
                Download (TRL DPO JSONL)
              </a>
            </div>
          ) : null}
        </>
      ) : counts.isPending ? (
        <Loading label="Counting pairs…" />
      ) : null}
    </section>
  );
}

function Reasons({ g }: { g: GenerationDto }) {
  const rows = REJECTION_REASONS.filter((r) => (g.reasons[r] ?? 0) > 0);
  if (rows.length === 0) return null;
  return (
    <dl className="kv small" data-testid="rejection-reasons">
      {rows.map((r) => (
        <Fragment key={r}>
          <dt>{REASON_LABELS[r]}</dt>
          <dd>{formatCount(g.reasons[r]!)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function Rejected({ projectId, g }: { projectId: string; g: GenerationDto }) {
  const [reason, setReason] = useState<RejectionReason | "">("");
  const [page, setPage] = useState(1);
  const items = useQuery(generationItemsQuery(projectId, g.id, { outcome: "rejected", reason: reason || undefined, page }, g.done));
  return (
    <section className="panel" aria-labelledby="rejected-title">
      <div className="panel-head">
        <h2 id="rejected-title" className="panel-title">
          Rejected candidates
        </h2>
        <div className="field">
          <label htmlFor="rejected-reason" className="sr-only">
            Reason
          </label>
          <select
            id="rejected-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value as RejectionReason | "");
              setPage(1);
            }}
          >
            <option value="">every reason</option>
            {REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!items.data ? (
        items.isError ? (
          <LoadError error={items.error} what="rejected candidates" onRetry={() => items.refetch()} />
        ) : (
          <Loading label="Loading…" />
        )
      ) : items.data.total === 0 ? (
        <p className="muted">None{reason ? " for this reason" : ""}.</p>
      ) : (
        <>
          <table className="table" data-testid="rejected-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Reason</th>
                <th scope="col">Request and teacher output</th>
              </tr>
            </thead>
            <tbody>
              {items.data.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <code className="small">{i.tool}</code>
                    <div className="muted small">{KIND_LABELS[i.kind]}</div>
                  </td>
                  <td>
                    {i.reason ? REASON_LABELS[i.reason] : "—"}
                    {i.detail ? <div className="muted small">{i.detail}</div> : null}
                  </td>
                  <td>
                    {i.request ? <p>{i.request}</p> : null}
                    {i.raw !== null ? (
                      <details>
                        <summary className="small">Raw output</summary>
                        <pre className="mono small raw-output">{i.raw}</pre>
                      </details>
                    ) : (
                      <span className="muted small">no answer</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.data.total > items.data.pageSize ? (
            <div className="row">
              <button type="button" className="btn btn-sm" disabled={page === 1} onClick={() => setPage(page - 1)}>
                Previous
              </button>
              <span className="small">
                page {page} of {Math.ceil(items.data.total / items.data.pageSize)}
              </span>
              <button
                type="button"
                className="btn btn-sm"
                disabled={page * items.data.pageSize >= items.data.total}
                onClick={() => setPage(page + 1)}
              >
                Next
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
