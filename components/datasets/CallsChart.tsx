"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/client/format";

const ROW = 24;
/** More bars than this stop being readable; the rest are listed under the chart. */
const MAX_BARS = 20;

/** Calls per tool as horizontal bars; the same numbers are in the table read by screen readers. */
export function CallsChart({ data: all }: { data: { name: string; count: number }[] }) {
  const data = all.slice(0, MAX_BARS);
  const rest = all.slice(MAX_BARS);
  const height = Math.max(80, data.length * ROW + 36);
  const label = Math.min(200, Math.max(80, ...data.map((d) => d.name.length * 7 + 8)));
  return (
    <figure className="calls-chart" data-testid="health-calls-per-tool">
      <figcaption className="small muted">
        Calls per tool{rest.length > 0 ? ` (the ${MAX_BARS} most called of ${formatCount(all.length)})` : ""}
      </figcaption>
      {/* The table below is what screen readers get; no accessibility layer: no tab stop inside a hidden chart. */}
      <div aria-hidden="true" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: "var(--muted)" }} />
            <YAxis
              type="category"
              dataKey="name"
              width={label}
              tick={{ fontSize: 11, fill: "var(--text)", fontFamily: "monospace" }}
              interval={0}
            />
            <Tooltip cursor={{ fill: "var(--hover)" }} formatter={(v) => [typeof v === "number" ? formatCount(v) : String(v), "calls"]} />
            <Bar dataKey="count" fill="var(--bar-accent)" radius={[0, 3, 3, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {rest.length > 0 ? (
        <details className="small">
          <summary>{formatCount(rest.length)} more tools</summary>
          <p className="mono-list">{rest.map((d) => `${d.name} ${formatCount(d.count)}`).join(" · ")}</p>
        </details>
      ) : null}
      <table className="sr-only">
        <caption>Calls per tool</caption>
        <tbody>
          {all.map((d) => (
            <tr key={d.name}>
              <th scope="row">{d.name}</th>
              <td>{formatCount(d.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
