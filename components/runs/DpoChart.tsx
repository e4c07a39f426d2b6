"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { runMetricsQuery } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { prepareDpoChart } from "@/lib/training/dpo-chart";
import { formatLoss } from "./labels";

const TICK = { fontSize: 11, fill: "var(--muted)" };
const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);

/**
 * A DPO run's own curves: the rewards of the chosen and rejected answers and their margin (it should
 * widen), and the share of pairs where the chosen answer wins (it should climb from 50%). The loss
 * chart above shows the DPO loss (ln 2 ≈ 0.69 at the start).
 */
export function DpoChart({ run }: { run: RunDto }) {
  const q = useQuery(runMetricsQuery(run.projectId, run.id));
  const chart = useMemo(() => prepareDpoChart(q.data?.points ?? []), [q.data]);
  if (chart.rewards.length === 0) return null;
  const last = chart.rewards.at(-1)!;
  const lastAcc = chart.accuracy.at(-1)!;
  return (
    <section className="panel stack" aria-labelledby="dpo-chart-title" data-testid="dpo-chart">
      <h2 id="dpo-chart-title" className="panel-title">
        Preference rewards
      </h2>
      <p className="small" data-testid="dpo-latest">
        Step {last.step.toLocaleString("en-US")}: margin <strong>{formatLoss(last.margins)}</strong> (chosen {formatLoss(last.chosen)},
        rejected {formatLoss(last.rejected)}), chosen preferred on <strong>{pct(lastAcc.accuracy)}</strong> of pairs
        {lastAcc.validAccuracy !== null ? `, ${pct(lastAcc.validAccuracy)} on validation` : ""}.
      </p>
      <Lines data={chart.rewards} height={200} yTick={(v) => formatLoss(v)}>
        <Line dataKey="chosen" name="rewards/chosen" stroke="var(--ok, #2f855a)" dot={false} isAnimationActive={false} connectNulls />
        <Line
          dataKey="rejected"
          name="rewards/rejected"
          stroke="var(--danger, #c53030)"
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          dataKey="margins"
          name="rewards/margins"
          stroke="var(--accent, #2b6cb0)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          dataKey="validMargins"
          name="valid margins"
          stroke="var(--accent, #2b6cb0)"
          strokeDasharray="4 3"
          dot
          isAnimationActive={false}
          connectNulls
        />
      </Lines>
      <Lines data={chart.accuracy} height={140} yTick={(v) => `${Math.round(v * 100)}%`} yDomain={[0, 1]}>
        <Line
          dataKey="accuracy"
          name="rewards/accuracies"
          stroke="var(--accent, #2b6cb0)"
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          dataKey="validAccuracy"
          name="valid accuracy"
          stroke="var(--muted)"
          strokeDasharray="4 3"
          dot
          isAnimationActive={false}
          connectNulls
        />
      </Lines>
    </section>
  );
}

/** One chart over steps; hidden from screen readers, who get the latest numbers as text above. */
function Lines({
  data,
  height,
  yTick,
  yDomain,
  children,
}: {
  data: object[];
  height: number;
  yTick: (v: number) => string;
  yDomain?: [number, number];
  children: ReactNode;
}) {
  return (
    <div style={{ height }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 6, right: 14, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--chart-grid)" />
          <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} tick={TICK} />
          <YAxis tick={TICK} width={54} domain={yDomain ?? ["auto", "auto"]} tickFormatter={yTick} />
          <Tooltip isAnimationActive={false} />
          <Legend />
          {children}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
