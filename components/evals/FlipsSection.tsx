"use client";

import { useState } from "react";
import type { EvalCompareDto, EvalFlipDto, FlipKind } from "@/lib/schemas/evals";
import { VerdictBadge } from "./Badges";
import { RawOutput } from "./OutputView";
import { FLIP_HINT, FLIP_LABEL, FLIP_ORDER, groupFlips } from "./compare";
import { clip } from "./labels";

/** The examples whose verdict differs between A and B, by kind; Broken first when there are regressions. */
export function FlipsSection({ data }: { data: EvalCompareDto }) {
  const groups = groupFlips(data.flips);
  const [chosen, setChosen] = useState<FlipKind | null>(null);
  const tab = chosen ?? (data.counts.broken > 0 ? "broken" : data.counts.fixed > 0 ? "fixed" : "still_wrong");
  const rows = groups[tab];
  return (
    <section className="panel stack" aria-labelledby="flips-title" data-testid="flips">
      <div className="panel-head">
        <h2 id="flips-title" className="panel-title">
          Example by example
        </h2>
        <span className="muted small">
          {data.counts.still_right} right in both · {data.shared} shared examples
        </span>
      </div>
      <div className="segmented flip-tabs" role="tablist" aria-label="Kinds of change">
        {FLIP_ORDER.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={`${tab === k ? "is-on" : ""} flip-tab-${k}`}
            onClick={() => setChosen(k)}
            title={FLIP_HINT[k]}
            data-testid={`flip-tab-${k}`}
          >
            {FLIP_LABEL[k]} <span className="filter-chip-n">{data.counts[k]}</span>
          </button>
        ))}
      </div>
      <p className="hint">{FLIP_HINT[tab]}</p>
      {rows.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <table className="table flips-table" role="tabpanel" data-testid={`flips-${tab}`}>
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Request</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          {rows.map((f) => (
            <FlipRow key={f.exampleId} flip={f} />
          ))}
        </table>
      )}
      {data.counts[tab] > rows.length ? (
        <p className="hint">
          Showing {rows.length} of {data.counts[tab]}.
        </p>
      ) : null}
    </section>
  );
}

function FlipRow({ flip: f }: { flip: EvalFlipDto }) {
  const [open, setOpen] = useState(false);
  return (
    <tbody className={open ? "is-expanded" : undefined}>
      <tr className="clickable" onClick={() => setOpen(!open)} data-testid="flip-row" data-kind={f.kind}>
        <td className="num">
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            onClick={(e) => {
              e.stopPropagation();
              setOpen(!open);
            }}
            aria-label={`Example ${f.exampleNumber}: ${open ? "hide" : "show"} both outputs`}
          >
            {open ? "▾" : "▸"} {f.exampleNumber}
          </button>
        </td>
        <td className="cell-request" title={f.request}>
          <span className="clamp-1">{clip(f.request, 120)}</span>
        </td>
        <td className="cell-side">
          <VerdictBadge verdict={f.a.verdict} pending={f.a.verdict ? undefined : "error"} />
          {f.a.reason ? <div className="small muted">{f.a.reason}</div> : null}
        </td>
        <td className="cell-side">
          <VerdictBadge verdict={f.b.verdict} pending={f.b.verdict ? undefined : "error"} />
          {f.b.reason ? <div className="small muted">{f.b.reason}</div> : null}
        </td>
      </tr>
      {open ? (
        <tr className="flip-detail">
          <td />
          <td className="small">
            <span className="muted">Raw outputs, A then B.</span> {f.request.length > 120 ? f.request : null}
          </td>
          <td>
            <RawOutput output={f.a.output} testId="flip-output-a" />
          </td>
          <td>
            <RawOutput output={f.b.output} testId="flip-output-b" />
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
