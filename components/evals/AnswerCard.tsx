import type { ReactNode } from "react";
import type { PlaygroundAnswerDto } from "@/lib/schemas/evals";
import { ParseBadge } from "./Badges";
import { ParsedView, RawOutput } from "./OutputView";
import { formatMs } from "./labels";

/** One model's answer: verbatim output, what it parses to, and whether the call passes the catalogue's schemas. */
export function AnswerCard({ answer: a, children }: { answer: PlaygroundAnswerDto; children?: ReactNode }) {
  return (
    <section className="panel stack answer-card" aria-label={`Answer from ${a.label}`} data-testid="playground-answer">
      <div className="panel-head">
        <h2 className="answer-title">{a.label.includes(a.target.model) ? a.label : `${a.target.model} · ${a.label}`}</h2>
        <span className="muted small nowrap">{formatMs(a.latencyMs)}</span>
      </div>
      {a.error ? (
        <div className="error-note" role="status" data-testid="answer-error">
          <strong>The request failed: </strong>
          {a.error}
        </div>
      ) : (
        <>
          <div className="row row-wrap">
            {a.parse ? <ParseBadge status={a.parse} /> : null}
            {a.parseNote ? <span className="muted small" data-testid="answer-parse-note">{a.parseNote}</span> : null}
            {a.valid === null ? null : a.valid ? (
              <span className="status-pill tone-ok" data-testid="answer-valid" data-valid="true">
                ✓ valid
              </span>
            ) : (
              <span className="status-pill tone-danger" data-testid="answer-valid" data-valid="false">
                ✗ invalid
              </span>
            )}
          </div>
          {a.validationErrors.length > 0 ? (
            <ul className="detail-errors" data-testid="answer-validation-errors">
              {a.validationErrors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          ) : null}
          <div className="detail-block">
            <h3 className="block-title">Parsed call</h3>
            <ParsedView decision={a.parsed} />
          </div>
          <div className="detail-block">
            <h3 className="block-title">Raw output</h3>
            <RawOutput output={a.output} />
          </div>
        </>
      )}
      {children}
    </section>
  );
}
