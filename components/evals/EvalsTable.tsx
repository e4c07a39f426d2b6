"use client";

import Link from "next/link";
import { useState } from "react";
import { isEvalTerminal } from "@/lib/queries/evals";
import type { EvalDto } from "@/lib/schemas/evals";
import { When } from "@/components/ui/When";
import { LinkRow } from "@/components/ui/LinkRow";
import { EvalStatusBadge } from "./Badges";
import { EvalProgress } from "./EvalProgress";
import { reportMetricDef, reportRate } from "./headline";
import { formatMs, formatNd, formatPct, formatUsd, whereText } from "./labels";
import { checkpointStep, runHref } from "./links";
import { DEFAULT_SORT, LIST_METRICS, bestIds, betterOf, nextSort, sortEvals, type SortKey, type SortState } from "./evals-sort";

interface Props {
  evals: EvalDto[];
  hrefFor: (id: string) => string;
  selected: readonly string[];
  onToggle: (id: string) => void;
  /** The project's pinned baseline, marked in the list. */
  baselineId?: string | null;
  /** How many evals may be ticked for comparison. */
  maxSelected: number;
}

const NUMBER_COLUMNS: readonly SortKey[] = [...LIST_METRICS, "latency", "cost"];

/** A clickable header: sorts by its column, says so to screen readers with aria-sort. */
function SortTh({ k, label, sort, onSort, title, num = false }: { k: SortKey; label: string; sort: SortState; onSort: (k: SortKey) => void; title?: string; num?: boolean }) {
  const on = sort.key === k;
  const better = betterOf(k);
  return (
    <th scope="col" className={num ? "num" : undefined} aria-sort={on ? (sort.dir === "asc" ? "ascending" : "descending") : "none"} title={title}>
      <button
        type="button"
        className="link-button th-sort"
        onClick={() => onSort(k)}
        data-testid={`evals-sort-${k}`}
        title={`Sort by ${label.replace(" ↓", "")}${better ? ` (${better === "higher" ? "highest" : "lowest"} first)` : ""}`}
      >
        {label}
        <span aria-hidden="true">{on ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );
}

/**
 * The project's evals, sortable by any column (newest first until a header is clicked), the best
 * finished eval in each number column marked, each row linked to its report and to the run or
 * checkpoint it evaluates; tick two or more to compare.
 */
export function EvalsTable({ evals, hrefFor, selected, onToggle, baselineId = null, maxSelected }: Props) {
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const rows = sortEvals(evals, sort);
  const best = bestIds(evals, NUMBER_COLUMNS);
  const onSort = (k: SortKey) => setSort((s) => nextSort(s, k));
  const isBest = (key: SortKey, id: string) => best.get(key)?.has(id) ?? false;
  const bestMark = (
    <span className="best-mark" title="Best of the finished evals in this column">
      <span aria-hidden="true">★</span>
      <span className="sr-only"> (best in this column)</span>
    </span>
  );
  return (
    <table className="table evals-table" data-testid="evals-table">
      <thead>
        <tr>
          <th scope="col" className="cell-check">
            <span className="sr-only">Compare</span>
          </th>
          <SortTh k="name" label="Eval" sort={sort} onSort={onSort} />
          <SortTh k="model" label="Model" sort={sort} onSort={onSort} />
          <SortTh k="status" label="Status" sort={sort} onSort={onSort} />
          {LIST_METRICS.map((m) => {
            const def = reportMetricDef(m);
            return <SortTh key={m} k={m} label={def.short} sort={sort} onSort={onSort} num title={`${def.label}: ${def.hint}`} />;
          })}
          <SortTh k="latency" label="p50 / p95" sort={sort} onSort={onSort} num title="Latency per request, median and 95th percentile" />
          <SortTh k="cost" label="$ / 1k calls" sort={sort} onSort={onSort} num title="Cost per 1,000 calls, from the model's price" />
          <SortTh k="created" label="Created" sort={sort} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {rows.map((ev) => {
          const href = hrefFor(ev.id);
          const on = selected.includes(ev.id);
          const live = !isEvalTerminal(ev.status);
          const letter = on ? String.fromCharCode(65 + selected.indexOf(ev.id)) : null;
          const step = checkpointStep(ev.model);
          return (
            <LinkRow key={ev.id} href={href} className={on ? "is-open" : undefined} data-testid="eval-row" data-eval-id={ev.id}>
              <td className="cell-check">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && selected.length >= maxSelected}
                  onChange={() => onToggle(ev.id)}
                  aria-label={`Compare ${ev.name}`}
                  data-testid="eval-select"
                />
                {letter ? <span className="ab-tag">{letter}</span> : null}
              </td>
              <td className="cell-eval-name">
                <Link href={href} className="eval-link">
                  {ev.name}
                </Link>
                {ev.id === baselineId ? (
                  <span className="tag" data-testid="baseline-tag">
                    baseline
                  </span>
                ) : null}
                <span className="muted small">
                  {" "}
                  · {ev.split} · {ev.matchMode}
                </span>
              </td>
              <td>
                <code className="small">{ev.model}</code>
                <div className="muted small">
                  {whereText(ev)}
                  {ev.runId ? (
                    <>
                      {" · "}
                      <Link href={runHref(ev.projectId, ev.runId)} data-testid="eval-row-run">
                        {step !== null ? `run, checkpoint step ${step}` : "its run"}
                      </Link>
                    </>
                  ) : null}
                </div>
              </td>
              <td className="cell-status">
                <EvalStatusBadge ev={ev} />
                {live ? <EvalProgress ev={ev} compact /> : null}
              </td>
              {LIST_METRICS.map((m) => {
                const rate = ev.summary ? reportRate(ev.summary, m) : null;
                const top = isBest(m, ev.id);
                return (
                  <td key={m} className={`num${live ? " is-live" : ""}${top ? " is-best" : ""}`} title={rate ? formatNd(rate) : undefined} data-best={top ? "true" : undefined}>
                    <span data-testid={`eval-row-${m === "exactMatch" ? "exact" : m}`}>{rate ? formatPct(rate.value) : "—"}</span>
                    {top ? bestMark : null}
                  </td>
                );
              })}
              <td className={`num nowrap${isBest("latency", ev.id) ? " is-best" : ""}`} data-best={isBest("latency", ev.id) ? "true" : undefined}>
                <span data-testid="eval-row-latency">{ev.summary?.latency ? `${formatMs(ev.summary.latency.p50)} / ${formatMs(ev.summary.latency.p95)}` : "—"}</span>
                {isBest("latency", ev.id) ? bestMark : null}
              </td>
              <td className={`num${isBest("cost", ev.id) ? " is-best" : ""}`} data-best={isBest("cost", ev.id) ? "true" : undefined}>
                <span data-testid="eval-row-cost">{ev.summary?.cost ? formatUsd(ev.summary.cost.per1000Calls) : "—"}</span>
                {isBest("cost", ev.id) ? bestMark : null}
              </td>
              <td className="small nowrap">
                <When iso={ev.createdAt} />
                <div className="muted">{ev.createdBy ?? "—"}</div>
              </td>
            </LinkRow>
          );
        })}
      </tbody>
    </table>
  );
}
