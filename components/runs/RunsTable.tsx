"use client";

import Link from "next/link";
import { isTerminal } from "@/lib/queries/runs";
import type { RunDto } from "@/lib/schemas/runs";
import { When } from "@/components/ui/When";
import { LinkRow } from "@/components/ui/LinkRow";
import { RunStatusBadge } from "./RunStatusBadge";
import { backendLabel, formatDuration, formatLoss, preparingText, runDuration, shortId, formatUsd } from "./labels";
import { useNow } from "./use-now";

interface Props {
  runs: RunDto[];
  hrefFor: (id: string) => string;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  colourOf: (id: string) => string | undefined;
}

/** Newest first; a checkbox per run picks it for the comparison. */
export function RunsTable({ runs, hrefFor, selected, onToggle, colourOf }: Props) {
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
          <th scope="col">Status</th>
          <th scope="col">Backend</th>
          <th scope="col">Base model</th>
          <th scope="col" className="num">
            Train loss
          </th>
          <th scope="col" className="num">
            Valid loss
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
                  aria-label={`Compare run ${shortId(r.id)}`}
                  data-testid="run-select"
                />
              </td>
              <td className="nowrap">
                {colour ? <span className="swatch" style={{ background: colour }} aria-hidden="true" /> : null}
                <Link href={href} className="mono" aria-label={`Run ${shortId(r.id)}: ${r.baseModel}, ${r.status}`}>
                  {shortId(r.id)}
                </Link>
                {r.config.suffix ? <span className="muted small"> · {r.config.suffix}</span> : null}
                {r.sweep ? (
                  <div className="small">
                    <Link href={`/projects/${encodeURIComponent(r.projectId)}/sweeps/${encodeURIComponent(r.sweep.id)}`} data-testid="run-row-sweep">
                      sweep: {r.sweep.label}
                    </Link>
                  </div>
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
