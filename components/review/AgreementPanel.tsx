"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatExact, formatWhen } from "@/lib/client/format";
import { agreementQuery } from "@/lib/queries/reviews";
import { kappaWords, type Agreement } from "@/lib/reviews/agreement";
import { QUEUE_SPLIT_ORDER } from "@/lib/schemas/review";
import { LoadError, Loading } from "@/components/ui/States";

const count = (n: number) => n.toLocaleString("en-US");
const percent = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

function Kappa({ a }: { a: Agreement }) {
  if (a.reviews === 0) return <span className="muted">—</span>;
  if (a.kappa === null)
    return (
      <span className="muted" title="Every pair is in one and the same category: chance agreement is 100%, so kappa is undefined">
        undefined (one category)
      </span>
    );
  return (
    <span title={`Observed agreement ${percent(a.observed)}, expected by chance ${percent(a.expected)}`}>
      <strong className="mono">{a.kappa.toFixed(2)}</strong> <span className="muted small">{kappaWords(a.kappa)}</span>
    </span>
  );
}

function Row({ name, a }: { name: string; a: Agreement }) {
  return (
    <tr data-testid={`agreement-${name}`}>
      <th scope="row">{name}</th>
      <td className="num">{count(a.reviews)}</td>
      <td className="num">{count(a.agreements)}</td>
      <td className="num">
        {count(a.disagreements)} <span className="muted small">({percent(a.disagreementRate)})</span>
      </td>
      <td>
        <Kappa a={a} />
      </td>
    </tr>
  );
}

/** The project's agreement on routing decisions per split, and the disagreements still to resolve. */
export function AgreementPanel({ projectId }: { projectId: string }) {
  const q = useQuery(agreementQuery(projectId));
  if (q.isPending) return <Loading label="Loading agreement…" />;
  if (q.isError) return <LoadError error={q.error} what="agreement figures" onRetry={() => q.refetch()} />;
  const a = q.data;
  const base = `/projects/${encodeURIComponent(projectId)}`;
  return (
    <>
      <section className="panel" aria-labelledby="agreement-title">
        <div className="panel-head">
          <h2 id="agreement-title" className="panel-title">
            Agreement on routing decisions
          </h2>
          <span className="muted small" data-testid="agreement-summary">
            {a.overall.reviews === 0
              ? "No second reviews yet"
              : `Cohen's kappa ${a.overall.kappa === null ? "undefined" : a.overall.kappa.toFixed(2)} over ${count(a.overall.reviews)} ${a.overall.reviews === 1 ? "review" : "reviews"}`}
          </span>
        </div>
        <div className="table-scroll">
          <table className="table review-agreement">
            <thead>
              <tr>
                <th scope="col">Split</th>
                <th scope="col" className="num">
                  Reviewed
                </th>
                <th scope="col" className="num">
                  Agreed
                </th>
                <th scope="col" className="num" title="Reviews where the second choice differs from the label">
                  Differently
                </th>
                <th scope="col">
                  <abbr title="Cohen's kappa">Kappa</abbr>
                </th>
              </tr>
            </thead>
            <tbody>
              {QUEUE_SPLIT_ORDER.map((s) => (
                <Row key={s} name={s} a={a.bySplit[s]} />
              ))}
              <Row name="all" a={a.overall} />
            </tbody>
          </table>
        </div>
        <p className="hint">
          Each second review pairs the first label of an example&apos;s final routing turn (the tool it calls, or no_tool; arguments are not
          compared) with the reviewer&apos;s blind choice. Kappa corrects the agreement for what chance alone would give: 1 is perfect, 0 is
          chance. Splits are the examples&apos; splits now.
        </p>
      </section>
      <section className="panel" aria-labelledby="disagreements-title">
        <div className="panel-head">
          <h2 id="disagreements-title" className="panel-title">
            Disagreements to resolve ({count(a.openDisagreements)})
          </h2>
          {a.resolvedDisagreements > 0 ? (
            <span className="muted small">{count(a.resolvedDisagreements)} resolved: the label has changed since</span>
          ) : null}
        </div>
        {a.disagreements.length === 0 ? (
          <p className="muted">
            None open. When a second reviewer chooses differently from the label, the example is listed here until its label changes.
          </p>
        ) : (
          <table className="table" data-testid="disagreements">
            <thead>
              <tr>
                <th scope="col">Example</th>
                <th scope="col">Split</th>
                <th scope="col">First label</th>
                <th scope="col">Second choice</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {a.disagreements.map((d) => (
                <tr key={d.reviewId}>
                  <td>
                    <Link href={`${base}/examples/${encodeURIComponent(d.exampleId)}`}>#{count(d.number)}</Link>
                  </td>
                  <td className={d.split === "gold" ? "split-gold" : undefined}>{d.split}</td>
                  <td>
                    <span className="chip mono">{d.label}</span> <span className="muted small">by {d.labelledBy ?? "unknown"}</span>
                  </td>
                  <td>
                    <span className="chip mono">{d.choice}</span> <span className="muted small">by {d.reviewer ?? "unknown"}</span>
                  </td>
                  <td className="muted small" title={formatExact(d.createdAt)}>
                    {formatWhen(d.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
