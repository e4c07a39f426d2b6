"use client";

import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { runMetricsQuery } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { prepareLossSeries, type RunCurve } from "@/lib/training/prepare";
import { ChartControls, DEFAULT_CHART_SETTINGS, type ChartSettings } from "./ChartControls";
import { ChartNotes } from "./ChartNotes";
import { LossLines } from "./LossLines";
import { lineSpecs } from "./chart-lines";
import { runTitle, shortId, stepsPerEpochOf } from "./labels";

const MAX_POINTS = 800;

/** Train (solid) and validation (dashed) loss of several runs on one chart, one colour per run. */
export function CompareChart({ runs, colourOf }: { runs: RunDto[]; colourOf: (id: string) => string }) {
  const [settings, setSettings] = useState<ChartSettings>({ ...DEFAULT_CHART_SETTINGS, x: "epoch" });
  const metrics = useQueries({ queries: runs.map((r) => runMetricsQuery(r.projectId, r.id)) });
  const pointsList = metrics.map((m) => m.data?.points);
  const loading = metrics.filter((m) => m.isPending).length;
  const failed = runs.filter((_, i) => metrics[i].isError && !metrics[i].data);
  // Not memoised: useQueries answers a new array every render, and this re-runs only on a poll or a control change.
  const curves: RunCurve[] = runs.map((r, i) => ({
    id: r.id,
    label: runTitle(r),
    points: pointsList[i] ?? [],
    stepsPerEpoch: stepsPerEpochOf(r),
  }));
  const chart = prepareLossSeries(curves, { ...settings, maxPoints: MAX_POINTS, series: ["train", "valid"] });
  const lines = lineSpecs(chart, { kind: "run", colourOf });

  return (
    <figure className="compare-chart stack" data-testid="compare-chart">
      <ChartControls value={settings} onChange={setSettings} />
      {loading > 0 ? <p className="muted small">Loading the curves of {loading} runs…</p> : null}
      {failed.length > 0 ? (
        <p className="field-error">Could not load the metrics of {failed.map((r) => shortId(r.id)).join(", ")}.</p>
      ) : null}
      {chart.series.length === 0 ? (
        <p className="chart-empty muted">{loading > 0 ? "" : "None of these runs has reported a loss yet."}</p>
      ) : (
        <LossLines chart={chart} lines={lines} x={settings.x} logScale={settings.logScale} height={320} yLabel="loss" />
      )}
      <figcaption>
        <ul className="chart-legend small">
          {runs.map((r) => {
            const last = chart.runs.find((p) => p.id === r.id)?.last;
            return (
              <li key={r.id}>
                <span className="legend-mark" style={{ color: colourOf(r.id) }} aria-hidden="true" />
                {r.name ? <strong>{r.name}</strong> : <span className="mono">{shortId(r.id)}</span>} <span className="muted">{r.baseModel}</span>
                {last?.train ? ` · train ${last.train.raw.toPrecision(3)}` : ""}
                {last?.valid ? ` · valid ${last.valid.raw.toPrecision(3)}` : ""}
              </li>
            );
          })}
          <li className="muted">solid: train · dashed: validation</li>
        </ul>
        <ChartNotes chart={chart} x={settings.x} maxPoints={MAX_POINTS} />
      </figcaption>
    </figure>
  );
}
