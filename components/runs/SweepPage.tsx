"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorMessage } from "@/lib/client/api";
import { useCan } from "@/lib/client/auth";
import { formatPercent } from "@/lib/gauge";
import { sweepQuery, useEvaluateSweep } from "@/lib/queries/sweeps";
import { SWEEP_KEYS, type SweepCellDto } from "@/lib/schemas/sweeps";
import { LoadError, Loading } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { CompareView } from "./CompareView";
import { RunStatusBadge } from "./RunStatusBadge";
import { RUN_COLOURS, formatLoss, formatUsd } from "./labels";

type Col = { key: string; label: string; value: (c: SweepCellDto) => number | null; text: (c: SweepCellDto) => string; better: "low" | "high" };

const rate = (r: { value: number | null } | undefined) => (r && r.value !== null ? r.value : null);
const pct = (v: number | null) => (v === null ? "—" : formatPercent(v));
const summaryRate = (pick: (s: NonNullable<NonNullable<SweepCellDto["eval"]>["summary"]>) => { value: number | null }) => (c: SweepCellDto) =>
  c.eval?.summary ? rate(pick(c.eval.summary)) : null;

const COLUMNS: Col[] = [
  { key: "train", label: "Train loss", value: (c) => c.run.lastTrainLoss, text: (c) => formatLoss(c.run.lastTrainLoss), better: "low" },
  { key: "valid", label: "Valid loss", value: (c) => c.run.lastValidLoss, text: (c) => formatLoss(c.run.lastValidLoss), better: "low" },
  { key: "cost", label: "Cost", value: (c) => c.run.cost.usd, text: (c) => formatUsd(c.run.cost.usd), better: "low" },
  { key: "validRate", label: "Valid calls", value: summaryRate((s) => s.validRate), text: (c) => pct(summaryRate((s) => s.validRate)(c)), better: "high" },
  { key: "toolName", label: "Tool name", value: summaryRate((s) => s.toolNameAccuracy), text: (c) => pct(summaryRate((s) => s.toolNameAccuracy)(c)), better: "high" },
  { key: "args", label: "Arguments", value: summaryRate((s) => s.argAccuracy), text: (c) => pct(summaryRate((s) => s.argAccuracy)(c)), better: "high" },
  { key: "falseCall", label: "False tool calls", value: summaryRate((s) => s.falseToolCallRate), text: (c) => pct(summaryRate((s) => s.falseToolCallRate)(c)), better: "low" },
];

/** A sweep: its runs' curves overlaid live, and a sortable table of final losses, costs and eval numbers. */
export function SweepPage({ projectId, sweepId }: { projectId: string; sweepId: string }) {
  const q = useQuery(sweepQuery(projectId, sweepId));
  const evaluate = useEvaluateSweep(projectId, sweepId);
  const canEval = useCan("evals.write");
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  if (q.isPending) return <Loading label="Loading the sweep…" />;
  if (!q.data) return <LoadError error={q.error} what="sweep" onRetry={() => q.refetch()} />;
  const { sweep, cells } = q.data;
  const runs = cells.map((c) => c.run);
  const colourOf = (id: string) => RUN_COLOURS[Math.max(0, runs.findIndex((r) => r.id === id)) % RUN_COLOURS.length];
  const col = COLUMNS.find((c) => c.key === sort?.key);
  // Cells without the figure sort last either way.
  const rows = col
    ? [...cells].sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
        return (x - y) * sort!.dir;
      })
    : cells;
  const finished = cells.filter((c) => c.run.status === "succeeded").length;
  const unevaluated = cells.filter((c) => c.run.status === "succeeded" && !c.eval).length;
  const base = `/projects/${encodeURIComponent(projectId)}`;

  return (
    <div className="page sweep-page" data-testid="sweep-page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <p className="small">
            <Link href={`${base}/runs`}>← Runs</Link>
          </p>
          <h1>{sweep.name}</h1>
          <p className="muted small">
            {cells.length} runs varying {sweep.axes.map((a) => `${a.key === "target" ? "backend and model" : SWEEP_KEYS[a.key].label} (${a.values.join(", ")})`).join(" × ")}; {finished} finished · started{" "}
            <When iso={sweep.createdAt} />
            {sweep.createdBy ? ` by ${sweep.createdBy}` : ""}
          </p>
        </div>
        {canEval ? (
          <button type="button" className="btn btn-primary" onClick={() => evaluate.mutate()} disabled={evaluate.isPending || unevaluated === 0} data-testid="sweep-evaluate">
            {evaluate.isPending ? "Starting evals…" : unevaluated > 0 ? `Evaluate ${unevaluated} on gold` : "Evaluate all on gold"}
          </button>
        ) : null}
      </div>
      {evaluate.isError ? (
        <p className="banner banner-error" role="alert">
          {errorMessage(evaluate.error)}
        </p>
      ) : evaluate.data ? (
        <p className="banner banner-ok" role="status" data-testid="sweep-evaluated">
          Started {evaluate.data.started} eval{evaluate.data.started === 1 ? "" : "s"} on gold
          {evaluate.data.waiting > 0 ? `; ${evaluate.data.waiting} run${evaluate.data.waiting === 1 ? " is" : "s are"} still training (evaluate them when they finish)` : ""}.
        </p>
      ) : null}
      <CompareView runs={runs} colourOf={colourOf} />
      <section className="panel panel-flush" aria-labelledby="sweep-table-title">
        <h2 id="sweep-table-title" className="panel-title sweep-table-title">
          Results
        </h2>
        <table className="table" data-testid="sweep-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              {COLUMNS.map((c) => (
                <th scope="col" key={c.key} className="num" aria-sort={sort?.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setSort((s) => (s?.key === c.key ? { key: c.key, dir: (-s.dir as 1 | -1) } : { key: c.key, dir: c.better === "low" ? 1 : -1 }))}
                    data-testid={`sweep-sort-${c.key}`}
                    title={`Sort by ${c.label.toLowerCase()} (${c.better === "low" ? "lowest" : "highest"} first)`}
                  >
                    {c.label}
                    {sort?.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.run.id} data-testid="sweep-row">
                <td>
                  <span className="swatch" style={{ background: colourOf(c.run.id) }} aria-hidden="true" />{" "}
                  <Link href={`${base}/runs/${encodeURIComponent(c.run.id)}`} data-testid="sweep-row-label">
                    {c.label}
                  </Link>
                  {c.eval ? (
                    <div className="small">
                      <Link href={`${base}/evals/${encodeURIComponent(c.eval.id)}`}>eval {c.eval.status === "succeeded" ? "report" : c.eval.status}</Link>
                    </div>
                  ) : null}
                </td>
                <td>
                  <RunStatusBadge run={c.run} />
                </td>
                {COLUMNS.map((col2) => (
                  <td key={col2.key} className="num" data-testid={`sweep-${col2.key}`}>
                    {col2.text(c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
