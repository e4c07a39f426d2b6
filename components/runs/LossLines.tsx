"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { PreparedChart } from "@/lib/training/prepare";
import { xAxisOf, type LineSpec } from "./chart-lines";
import { formatLoss } from "./labels";

interface Props {
  chart: PreparedChart;
  lines: LineSpec[];
  x: "step" | "epoch";
  logScale: boolean;
  height: number;
  yLabel: string;
}

const TICK = { fontSize: 11, fill: "var(--muted)" };
const formatX = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** Draws prepared lines as given: smoothed line on top, raw line faint behind it, dots for sparse series. */
export function LossLines({ chart, lines, x, logScale, height, yLabel }: Props) {
  const axis = xAxisOf(chart.domain?.x, x);
  const domainY = logScale && chart.domain ? chart.domain.y : (["auto", "auto"] as const);
  return (
    // Hidden from screen readers, who get the numbers as text; with no accessibility layer recharts puts
    // no tab stop inside the hidden chart (axe: aria-hidden-focus).
    <div style={{ height }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} margin={{ top: 6, right: 14, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--chart-grid)" />
          <XAxis
            dataKey="x"
            type="number"
            domain={axis.domain}
            ticks={axis.ticks}
            allowDuplicatedCategory={false}
            tick={TICK}
            tickFormatter={formatX}
          />
          <YAxis
            type="number"
            scale={logScale ? "log" : "linear"}
            domain={domainY}
            allowDataOverflow={logScale}
            tick={TICK}
            tickFormatter={(v: number) => formatLoss(v)}
            width={54}
            label={{ value: yLabel, angle: -90, position: "insideLeft", style: { fontSize: 11, fill: "var(--muted)" } }}
          />
          <Tooltip content={(p) => <LinesTooltip {...p} lines={lines} axis={x} />} isAnimationActive={false} />
          {chart.smoothed
            ? lines
                .filter((l) => !l.dotsOnly)
                .map((l) => (
                  <Line
                    key={l.info.rawKey}
                    data={l.rows}
                    dataKey={l.info.rawKey}
                    stroke={l.colour}
                    strokeOpacity={0.22}
                    strokeWidth={1}
                    strokeDasharray={l.dashed ? "4 3" : undefined}
                    dot={false}
                    activeDot={false}
                    connectNulls={false}
                    isAnimationActive={false}
                    tooltipType="none"
                  />
                ))
            : null}
          {lines.map((l) => (
            <Line
              key={l.info.key}
              data={l.rows}
              dataKey={l.info.key}
              name={l.name}
              stroke={l.dotsOnly ? "none" : l.colour}
              strokeWidth={2}
              strokeDasharray={l.dashed ? "6 4" : undefined}
              dot={
                l.dotsOnly
                  ? { r: 4, fill: l.colour, stroke: "var(--surface)", strokeWidth: 1 }
                  : l.info.sparse
                    ? { r: 2.5, fill: l.colour, stroke: "none" }
                    : false
              }
              activeDot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function LinesTooltip({ active, payload, label, lines, axis }: TooltipContentProps & { lines: LineSpec[]; axis: "step" | "epoch" }) {
  if (!active || !payload || payload.length === 0) return null;
  const byKey = new Map(lines.map((l) => [l.info.key, l]));
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-x">
        {axis} {typeof label === "number" ? formatX(label) : String(label)}
      </p>
      <ul>
        {payload.map((e) => {
          const line = byKey.get(String(e.dataKey));
          if (!line || typeof e.value !== "number") return null;
          const raw = (e.payload as Record<string, number | null> | undefined)?.[line.info.rawKey];
          return (
            <li key={line.info.key}>
              <span className="swatch" style={{ background: line.colour }} />
              {line.name} <strong>{formatLoss(e.value)}</strong>
              {raw !== undefined && raw !== null && raw !== e.value ? <span className="muted"> (raw {formatLoss(raw)})</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
