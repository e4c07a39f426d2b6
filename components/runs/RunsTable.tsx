"use client";

import Link from "next/link";
import { isTerminal } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { When } from "@/components/ui/When";
import { LinkRow } from "@/components/ui/LinkRow";
import { RunStatusBadge } from "./RunStatusBadge";
import { backendLabel, formatCount, formatDuration, formatLoss, preparingText, runDuration, runTitle, shortId, formatUsd } from "./labels";
import { BEST_EVAL_RULE } from "@/lib/schemas/runs";
import { evalHref } from "@/components/evals/links";
import { formatPct } from "@/components/evals/labels";
import { useNow } from "./use-now";

interface Props {
  runs: RunDto[];
  /** Clicking a tag chip filters the list by it. */
  onTag: (tag: string) => void;
  activeTag: string | null;
  hrefFor: (id: string) => string;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  colourOf: (id: string) => string | undefined;
}

/** Newest first; a checkbox per run picks it for the comparison. */
export function RunsTable({ runs, hrefFor, selected, onToggle, colourOf, onTag, activeTag }: Props) {
  const now = useNow(
    5_000,
    runs.some((r) => !isTerminal(r.status)),
  );
  return (
    <table className="table runs-table" data-testid="runs-table">
      <thead>
        <tr>
          <th scope="col" className="cell-check">
            <span className="sr-only">Compare</span>
          </th>
          <th scope="col">Run</th>
          <th scope="col">Tags</th>
          <th scope="col">Status</th>
          <th scope="col">Backend</th>
          <th scope="col">Base model</th>
          <th scope="col" className="num">
            Train loss
          </th>
          <th scope="col" className="num">
            Valid loss
          </th>
          <th scope="col" className="num" title={`Best eval: ${BEST_EVAL_RULE}`}>
            Best eval
          </th>
          <th scope="col">Created by</th>
          <th scope="col">Created</th>
          <th scope="col" className="num">
            Duration
          </th>
          <th scope="col" className="num">
            Cost
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const href = hrefFor(r.id);
          const on = selected.has(r.id);
          const ms = runDuration(r, now);
          const colour = on ? colourOf(r.id) : undefined;
          return (
            <LinkRow key={r.id} href={href} className={on ? "is-open" : undefined} data-testid="run-row" data-run-id={r.id}>
              <td className="cell-check">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => onToggle(r.id)}
                  aria-label={`Compare ${runTitle(r)}`}
                  data-testid="run-select"
                />
              </td>
              <td className="nowrap">
                {colour ? <span className="swatch" style={{ background: colour }} aria-hidden="true" /> : null}
                <Link href={href} className={r.name ? "run-name" : "mono"} aria-label={`${runTitle(r)}: ${r.baseModel}, ${r.status}`} data-testid="run-row-name">
                  {runTitle(r)}
                </Link>
                <div className="muted small">
                  <span className="mono">{shortId(r.id)}</span>
                  {r.config.suffix ? ` · ${r.config.suffix}` : ""}
                </div>
                {r.sweep ? (
                  <div className="small">
                    <Link href={`/projects/${encodeURIComponent(r.projectId)}/sweeps/${encodeURIComponent(r.sweep.id)}`} data-testid="run-row-sweep">
                      sweep: {r.sweep.label}
                    </Link>
                  </div>
                ) : null}
              </td>
              <td>
                {r.tags.length > 0 ? (
                  <ul className="chips" aria-label={`Tags of ${runTitle(r)}`} data-testid="run-row-tags">
                    {r.tags.map((t) => (
                      <li key={t}>
                        <button
                          type="button"
                          className={`chip chip-tag${t === activeTag ? " is-on" : ""}`}
                          aria-pressed={t === activeTag}
                          title={t === activeTag ? "Show all runs" : `Show only runs tagged ${t}`}
                          onClick={() => onTag(t)}
                        >
                          {t}
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
              <td>
                <RunStatusBadge run={r} />
                {preparingText(r) ? (
                  <span className="muted small" data-testid="run-row-preparing">
                    {" "}
                    {preparingText(r)}
                  </span>
                ) : null}
              </td>
              <td>
                {backendLabel(r.backend)}
                {r.agent ? <div className="muted small">{r.agent.name}</div> : null}
              </td>
              <td className="mono small">{r.baseModel}</td>
              <td className="num">{formatLoss(r.lastTrainLoss)}</td>
              <td className="num">{formatLoss(r.lastValidLoss)}</td>
              <td className="num nowrap" data-testid="run-row-best-eval">
                {r.bestEval ? (
                  <Link
                    href={evalHref(r.projectId, r.bestEval.id)}
                    title={`${r.bestEval.name} (${r.bestEval.model}): exact match ${formatCount(r.bestEval.exactMatch.n)} / ${formatCount(r.bestEval.exactMatch.d)}, best of ${formatCount(r.bestEval.evals)} finished eval${r.bestEval.evals === 1 ? "" : "s"}`}
                  >
                    {formatPct(r.bestEval.exactMatch.value)} exact
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>{r.createdBy ?? <span className="muted">—</span>}</td>
              <td className="muted small nowrap">
                <When iso={r.createdAt} />
              </td>
              <td className="num muted small">{ms === null ? "—" : formatDuration(ms)}</td>
              <td className="num small" title={r.cost.basis}>
                {formatUsd(r.cost.usd)}
                {r.cost.final || r.cost.usd === null ? "" : " so far"}
              </td>
            </LinkRow>
          );
        })}
      </tbody>
    </table>
  );
}
