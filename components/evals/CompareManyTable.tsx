"use client";

import { useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { evalQuery } from "@/lib/queries/evals";
import { REPORT_METRICS } from "@/lib/schemas/eval-report";
import type { EvalDto } from "@/lib/schemas/evals";
import { LoadError, Loading } from "@/components/ui/States";
import { EvalStatusBadge } from "./Badges";
import { compareHref, formatPts, rateDelta } from "./compare";
import { bestIds, type SortKey } from "./evals-sort";
import { intervalText, reportMetricDef, reportRate, wilson } from "./headline";
import { formatCount, formatMs, formatPct, formatUsd, whereText } from "./labels";
import { evalHref } from "./links";

const letter = (i: number) => String.fromCharCode(65 + i);

/** Three or more evals side by side: each rate with its interval and its change against A, the best marked per row. */
export function CompareManyTable({ projectId, ids }: { projectId: string; ids: string[] }) {
  const qs = useQueries({ queries: ids.map((id) => evalQuery(projectId, id)) });
  const failed = qs.find((q) => q.isError && !q.data);
  if (failed) return <LoadError error={failed.error} what="eval" onRetry={() => qs.forEach((q) => q.refetch())} />;
  if (qs.some((q) => q.isPending)) return <Loading label="Loading the evals…" />;
  const evals = qs.map((q) => q.data!) as EvalDto[];
  const a = evals[0];
  const keys: SortKey[] = [...REPORT_METRICS, "latency", "cost"];
  const best = bestIds(evals, keys);
  const star = (key: SortKey, id: string) =>
    best.get(key)?.has(id) ? (
      <span className="best-mark" title="Best of these evals">
        <span aria-hidden="true"> ★</span>
        <span className="sr-only"> (best)</span>
      </span>
    ) : null;
  return (
    <div className="stack">
      <section className="panel" aria-label="Numbers">
        <div className="scroll-x">
          <table className="table compare-table" data-testid="compare-many-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Measure</span>
                </th>
                {evals.map((ev, i) => (
                  <th key={ev.id} scope="col" className="compare-col" data-testid="compare-many-col">
                    <span className="ab-tag">{letter(i)}</span> <Link href={evalHref(projectId, ev.id)}>{ev.name}</Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row" className="row-head">
                  Model
                </th>
                {evals.map((ev) => (
                  <td key={ev.id}>
                    <code className="model-id">{ev.model}</code>
                    <div className="muted small">{whereText(ev)}</div>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row" className="row-head">
                  Examples · matching
                </th>
                {evals.map((ev) => (
                  <td key={ev.id} className={ev.split !== a.split || ev.matchMode !== a.matchMode ? "warn-text" : undefined}>
                    {formatCount(ev.total)} {ev.split} · {ev.matchMode}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row" className="row-head">
                  Status
                </th>
                {evals.map((ev) => (
                  <td key={ev.id}>
                    <EvalStatusBadge ev={ev} />
                  </td>
                ))}
              </tr>
              {REPORT_METRICS.map((m) => {
                const def = reportMetricDef(m);
                const ra = a.summary ? reportRate(a.summary, m) : null;
                return (
                  <tr key={m} data-testid={`compare-many-${m}`}>
                    <th scope="row" className="row-head" title={def.hint}>
                      {def.label}
                      {def.better === "lower" ? <span className="lower-tag">↓ lower is better</span> : null}
                    </th>
                    {evals.map((ev, i) => {
                      const r = ev.summary ? reportRate(ev.summary, m) : null;
                      const d = i > 0 && ra && r ? rateDelta(ra, r, def.better) : null;
                      return (
                        <td key={ev.id} className="num">
                          <strong>{r ? formatPct(r.value) : "—"}</strong>
                          {star(m, ev.id)}
                          <div className="muted small">{r ? intervalText(wilson(r.n, r.d)) : ""}</div>
                          {d && d.value !== null ? (
                            <div className="small">
                              <span className={`delta${d.tone ? ` delta-${d.tone}` : ""}`}>
                                {formatPts(d)} vs A
                                {d.tone === "good" ? <span className="sr-only"> (better)</span> : d.tone === "bad" ? <span className="sr-only"> (worse)</span> : null}
                              </span>
                            </div>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              <tr>
                <th scope="row" className="row-head">
                  Latency p50
                </th>
                {evals.map((ev) => (
                  <td key={ev.id} className="num">
                    {formatMs(ev.summary?.latency?.p50)}
                    {star("latency", ev.id)}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row" className="row-head">
                  Cost per 1,000 calls
                </th>
                {evals.map((ev) => (
                  <td key={ev.id} className="num">
                    {formatUsd(ev.summary?.cost?.per1000Calls)}
                    {star("cost", ev.id)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel stack-tight" aria-labelledby="pairs-title">
        <h2 id="pairs-title" className="panel-title">
          Example by example
        </h2>
        <p className="muted small">What each eval fixed and broke against A, with the paired interval on exact match:</p>
        <ul className="compare-pairs">
          {evals.slice(1).map((ev, i) => (
            <li key={ev.id}>
              <Link href={compareHref(projectId, a.id, ev.id)} data-testid="compare-pair-link">
                A vs {letter(i + 1)}: {a.name} → {ev.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
