"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { isTerminal, runMetricsQuery } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { prepareLossSeries, type PreparedChart } from "@/lib/training/prepare";
import { Loading, LoadError } from "@/components/ui/States";
import { ChartControls, DEFAULT_CHART_SETTINGS, type ChartSettings } from "./ChartControls";
import { ChartNotes } from "./ChartNotes";
import { DiagnosticsPanel } from "./DiagnosticsPanel";
import { LossLines } from "./LossLines";
import { SERIES_NAME, lineSpecs } from "./chart-lines";
import { formatLoss, stepsPerEpochOf } from "./labels";

const MAX_POINTS = 800;

/** The run's live curves: losses on top, token accuracy below, diagnostics beside; polls until the run ends. */
export function LossChart({ run }: { run: RunDto }) {
  const q = useQuery(runMetricsQuery(run.projectId, run.id));
  const [settings, setSettings] = useState<ChartSettings>(DEFAULT_CHART_SETTINGS);
  const points = q.data?.points;
  const perEpoch = stepsPerEpochOf(run);
  const { loss, accuracy } = useMemo(() => {
    const curves = [{ id: run.id, label: "", points: points ?? [], stepsPerEpoch: perEpoch }];
    const base = { x: settings.x, smoothing: settings.smoothing, maxPoints: MAX_POINTS };
    return {
      loss: prepareLossSeries(curves, { ...base, logScale: settings.logScale, series: ["train", "valid", "fullValid"] }),
      accuracy: prepareLossSeries(curves, { ...base, logScale: false, series: ["trainAcc", "validAcc", "fullValidAcc"] }),
    };
  }, [run.id, points, perEpoch, settings]);

  const live = !isTerminal(run.status);
  let body;
  if (q.isPending) body = <Loading label="Loading the loss curve…" />;
  else if (!q.data) body = <LoadError error={q.error} what="metrics" onRetry={() => q.refetch()} />;
  else if (q.data.points.length === 0)
    body = (
      <p className="chart-empty muted">
        {live
          ? "Waiting for the first training step: the curves draw themselves as the backend reports them."
          : "This run reported no metrics."}
      </p>
    );
  else
    body = (
      <>
        <Summary chart={loss} />
        <LossLines
          chart={loss}
          lines={lineSpecs(loss, { kind: "series" })}
          x={settings.x}
          logScale={settings.logScale}
          height={280}
          yLabel="loss"
        />
        <Legend chart={loss} />
        {accuracy.series.length > 0 ? (
          <>
            <h3 className="block-title chart-subtitle">Token accuracy</h3>
            <LossLines
              chart={accuracy}
              lines={lineSpecs(accuracy, { kind: "series" })}
              x={settings.x}
              logScale={false}
              height={150}
              yLabel="accuracy"
            />
          </>
        ) : null}
        <ChartNotes chart={loss} x={settings.x} maxPoints={MAX_POINTS} />
      </>
    );

  return (
    <section className="panel loss-panel" aria-labelledby="loss-title">
      <div className="panel-head">
        <h2 id="loss-title" className="panel-title">
          Loss{live && q.data ? <span className="live-dot" title="Updating every 2 seconds" /> : null}
        </h2>
        <ChartControls value={settings} onChange={setSettings} />
      </div>
      <div className="loss-grid">
        <figure className="loss-chart" data-testid="loss-chart" data-points={points?.length ?? 0}>
          {body}
        </figure>
        <DiagnosticsPanel
          points={points}
          live={live}
          stepsPerEpoch={perEpoch}
          nEpochs={typeof run.config.hyperparameters.n_epochs === "number" ? run.config.hyperparameters.n_epochs : undefined}
        />
      </div>
    </section>
  );
}

/** The numbers behind the lines, in words (the chart itself is hidden from screen readers). */
function Summary({ chart }: { chart: PreparedChart }) {
  const last = chart.runs[0]?.last ?? {};
  const parts = (["train", "valid", "fullValid"] as const)
    .filter((k) => last[k])
    .map((k) => `${SERIES_NAME[k]} ${formatLoss(last[k]!.raw)} at step ${last[k]!.step}`);
  return <figcaption className="small muted chart-summary">Last: {parts.join(" · ") || "—"}</figcaption>;
}

function Legend({ chart }: { chart: PreparedChart }) {
  const lines = lineSpecs(chart, { kind: "series" });
  return (
    <ul className="chart-legend small" aria-hidden="true">
      {lines.map((l) => (
        <li key={l.info.key}>
          <span className={`legend-mark${l.dotsOnly ? " is-dot" : l.dashed ? " is-dashed" : ""}`} style={{ color: l.colour }} />
          {l.name}
          {l.info.series === "fullValid" ? <span className="muted"> (epoch ends)</span> : null}
        </li>
      ))}
      {chart.smoothed ? <li className="muted">faint: raw values</li> : null}
    </ul>
  );
}
