"use client";

import Link from "next/link";
import { useMemo } from "react";
import type { OutputStyle } from "@/lib/schemas/common";
import type { EvalResultDto } from "@/lib/schemas/evals";
import type { Message } from "@/lib/schemas/example";
import { parseOutput } from "@/lib/scoring/parse";
import { useReadOnly } from "@/components/share/ReadOnly";
import { ParseBadge, VerdictBadge } from "./Badges";
import { GoldView, ParsedView, RawOutput } from "./OutputView";
import { decisionLabel, formatCount, formatMs } from "./labels";
import { AddOneFailure } from "./FailuresPanel";

interface Props {
  projectId: string;
  /** The eval the result belongs to ("add to training data"); absent where the detail is shown without one. */
  evalId?: string;
  result: EvalResultDto;
  /** The project's output style, to say what the parser's repair was. */
  style: OutputStyle | undefined;
  onClose: () => void;
}

/** One example of the eval, everything about it: the conversation, the gold, the raw output, what was parsed and why it scored as it did. */
export function ResultDetail({ projectId, evalId, result: r, style, onClose }: Props) {
  const readOnly = useReadOnly() !== null;
  const score = r.score;
  // Scores stored before parse notes existed: parsing again says what the repair or failure was.
  const note = useMemo(() => {
    if (!score || score.parseNote !== undefined) return score?.parseNote;
    if (!r.output || !style) return undefined;
    const again = parseOutput(r.output, style);
    return again.status === score.parse ? again.note : undefined;
  }, [score, r.output, style]);
  const history = r.messages.slice(0, -1);
  const last = r.messages.at(-1);
  return (
    <aside className="panel result-detail stack" aria-labelledby="result-detail-title" data-testid="result-detail">
      <div className="panel-head">
        <h2 id="result-detail-title" className="result-detail-title">
          Example{" "}
          {readOnly ? (
            <>#{r.exampleNumber}</>
          ) : (
            <Link href={`/projects/${encodeURIComponent(projectId)}/examples/${encodeURIComponent(r.exampleId)}`} title="Open the example in the editor">
              #{r.exampleNumber}
            </Link>
          )}
        </h2>
        <VerdictBadge verdict={r.verdict} pending={r.status === "error" ? "error" : r.status === "pending" ? "pending" : undefined} />
        <span className="grow" />
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose} aria-label="Close the example" data-testid="close-detail">
          ✕
        </button>
      </div>

      {score && !score.correct ? (
        <p className="result-reason" data-testid="result-reason">
          {score.reason || "Scored as wrong."}
        </p>
      ) : null}
      {evalId && !readOnly && r.status === "done" && r.verdict && r.verdict !== "correct" ? <AddOneFailure key={r.id} projectId={projectId} evalId={evalId} resultId={r.id} /> : null}
      {r.error ? (
        <div className="error-note" role="status" data-testid="result-error">
          <strong>The request failed{r.attempts > 1 ? ` after ${r.attempts} attempts` : ""}: </strong>
          {r.error}
        </div>
      ) : null}

      <section className="detail-block">
        <h3 className="block-title">Request</h3>
        {history.length > 0 ? (
          <ol className="detail-turns" aria-label="Earlier turns">
            {history.map((m, i) => (
              <Turn key={i} message={m} />
            ))}
          </ol>
        ) : null}
        <p className="detail-request">{last && last.role === "user" ? last.content : r.request}</p>
      </section>

      <div className="detail-pair">
        <section className="detail-block">
          <h3 className="block-title">Gold</h3>
          <GoldView gold={r.gold} />
        </section>
        <section className="detail-block">
          <h3 className="block-title">Parsed {score ? <ParseBadge status={score.parse} /> : null}</h3>
          {note ? <p className="hint">{note}</p> : null}
          {score ? <ParsedView decision={score.parsed} /> : <p className="muted small">Not scored.</p>}
        </section>
      </div>

      <section className="detail-block">
        <h3 className="block-title">Raw output</h3>
        <RawOutput output={r.output} />
      </section>

      {score && (score.validationErrors.length > 0 || score.argErrors.length > 0) ? (
        <section className="detail-block">
          <h3 className="block-title">{score.valid ? "Argument differences" : "Why it is invalid"}</h3>
          {score.validationErrors.length > 0 ? (
            <ul className="detail-errors" data-testid="validation-errors">
              {score.validationErrors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          ) : null}
          {score.argErrors.length > 0 ? (
            <table className="table table-compact" data-testid="result-arg-errors">
              <thead>
                <tr>
                  <th scope="col">Argument</th>
                  <th scope="col">Kind</th>
                  <th scope="col">What differs</th>
                </tr>
              </thead>
              <tbody>
                {score.argErrors.map((e, i) => (
                  <tr key={i}>
                    <td>
                      <code>
                        {e.tool}.{e.argument}
                      </code>
                    </td>
                    <td>{e.kind}</td>
                    <td className="small">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      <dl className="kv detail-facts">
        <dt>Valid</dt>
        <dd>{score ? (score.valid ? "✓ yes" : "✗ no") : "—"}</dd>
        <dt>Pairs</dt>
        <dd className="mono small">{score && score.pairs.length > 0 ? score.pairs.map(([g, p]) => `${g} → ${p}`).join(", ") : "—"}</dd>
        <dt>Predicted</dt>
        <dd className="mono small">{score ? decisionLabel(score.parsed) : "—"}</dd>
        <dt>Latency</dt>
        <dd>{formatMs(r.latencyMs)}</dd>
        <dt>Tokens in / out</dt>
        <dd>
          {r.promptTokens === null && r.completionTokens === null
            ? "—"
            : `${formatCount(r.promptTokens ?? 0)} / ${formatCount(r.completionTokens ?? 0)}`}
        </dd>
        <dt>Attempts</dt>
        <dd>{r.attempts}</dd>
      </dl>
    </aside>
  );
}

function Turn({ message: m }: { message: Message }) {
  if (m.role === "user")
    return (
      <li className="turn turn-user">
        <span className="turn-role">user</span> {m.content}
      </li>
    );
  if (m.role === "tool")
    return (
      <li className="turn turn-tool">
        <span className="turn-role">tool result · {m.name}</span> <code className="small">{m.content}</code>
      </li>
    );
  const d = m.decision;
  return (
    <li className="turn turn-assistant">
      <span className="turn-role">assistant</span>{" "}
      {d.kind === "tool_calls" ? (
        <code className="small">{d.calls.map((c) => `${c.name}(${JSON.stringify(c.arguments)})`).join(", ")}</code>
      ) : (
        <span>{m.content ?? (d.kind === "no_tool" ? d.reason : "")}</span>
      )}
    </li>
  );
}
