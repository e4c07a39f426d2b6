"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
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
        Step {last.step.toLocaleString("en-US")}: margin <strong>{formatLoss(last.margins)}</strong> (chosen {formatLoss(last.chosen)}, rejected {formatLoss(last.rejected)}),
        chosen preferred on <strong>{pct(lastAcc.accuracy)}</strong> of pairs{lastAcc.validAccuracy !== null ? `, ${pct(lastAcc.validAccuracy)} on validation` : ""}.
      </p>
      <div style={{ height: 200 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={chart.rewards} accessibilityLayer={false} margin={{ top: 6, right: 14, bottom: 4, left: 4 }}>
            <CartesianGrid stroke="var(--chart-grid)" />
            <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} tick={TICK} />
            <YAxis tick={TICK} width={54} tickFormatter={(v: number) => formatLoss(v)} />
            <Tooltip isAnimationActive={false} />
            <Legend />
            <Line dataKey="chosen" name="rewards/chosen" stroke="var(--ok, #2f855a)" dot={false} isAnimationActive={false} connectNulls />
            <Line dataKey="rejected" name="rewards/rejected" stroke="var(--danger, #c53030)" dot={false} isAnimationActive={false} connectNulls />
            <Line dataKey="margins" name="rewards/margins" stroke="var(--accent, #2b6cb0)" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
            <Line dataKey="validMargins" name="valid margins" stroke="var(--accent, #2b6cb0)" strokeDasharray="4 3" dot isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div style={{ height: 140 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={chart.accuracy} accessibilityLayer={false} margin={{ top: 6, right: 14, bottom: 4, left: 4 }}>
            <CartesianGrid stroke="var(--chart-grid)" />
            <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} tick={TICK} />
            <YAxis tick={TICK} width={54} domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
            <Tooltip isAnimationActive={false} />
            <Legend />
            <Line dataKey="accuracy" name="rewards/accuracies" stroke="var(--accent, #2b6cb0)" dot={false} isAnimationActive={false} connectNulls />
            <Line dataKey="validAccuracy" name="valid accuracy" stroke="var(--muted)" strokeDasharray="4 3" dot isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
