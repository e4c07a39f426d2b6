"use client";

import { useMemo } from "react";
import type { MetricPoint } from "@/lib/training/types";
import { diagnoseCurve, type Diagnostic } from "@/lib/training/diagnostics";

const SEVERITY_LABEL: Record<Diagnostic["severity"], string> = { good: "good", info: "note", warn: "warning" };

/** What the curve says in words (decreasing, plateau, spikes, overfitting…), re-read on every new point. */
export function DiagnosticsPanel({
  points,
  live,
  stepsPerEpoch,
  nEpochs,
}: {
  points: readonly MetricPoint[] | undefined;
  live: boolean;
  stepsPerEpoch?: number;
  nEpochs?: number;
}) {
  const found = useMemo(() => (points ? diagnoseCurve(points, { stepsPerEpoch, nEpochs }) : null), [points, stepsPerEpoch, nEpochs]);
  return (
    <aside className="diagnostics" data-testid="diagnostics" aria-labelledby="diagnostics-title">
      <h3 id="diagnostics-title" className="block-title">
        Diagnostics{live ? <span className="muted small"> · live</span> : null}
      </h3>
      {found === null ? (
        <p className="muted small">Waiting for the curve…</p>
      ) : points && points.length === 0 ? (
        <p className="muted small">The checks start when the first steps arrive.</p>
      ) : found.length === 0 ? (
        <p className="muted small">Nothing to point out{live ? " so far" : ""}: no plateau, spikes or overfitting found.</p>
      ) : (
        <ul className="diagnostic-list" aria-live="polite">
          {found.map((d) => (
            <li key={`${d.kind}-${d.title}`} className={`diagnostic sev-${d.severity}`} data-kind={d.kind} data-severity={d.severity}>
              <p className="diagnostic-title">
                <span className="sr-only">{SEVERITY_LABEL[d.severity]}: </span>
                {d.title}
              </p>
              <p className="diagnostic-detail small">{d.detail}</p>
              {d.fromStep !== undefined || d.fromEpoch !== undefined ? (
                <p className="small muted">
                  from {d.fromStep !== undefined ? `step ${d.fromStep}` : ""}
                  {d.fromStep !== undefined && d.fromEpoch !== undefined ? ", " : ""}
                  {d.fromEpoch !== undefined ? `epoch ${Number.isInteger(d.fromEpoch) ? d.fromEpoch : d.fromEpoch.toFixed(2)}` : ""}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
