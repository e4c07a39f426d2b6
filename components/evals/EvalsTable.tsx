"use client";

import Link from "next/link";
import { isEvalTerminal } from "@/lib/queries/evals";
import type { EvalDto } from "@/lib/schemas/evals";
import { When } from "@/components/ui/When";
import { LinkRow } from "@/components/ui/LinkRow";
import { EvalStatusBadge } from "./Badges";
import { EvalProgress } from "./EvalProgress";
import { HEADLINE, formatMs, formatNd, formatPct, formatUsd, whereText } from "./labels";

interface Props {
  evals: EvalDto[];
  hrefFor: (id: string) => string;
  selected: readonly string[];
  onToggle: (id: string) => void;
}

const SHORT: Record<string, string> = {
  validRate: "Valid",
  toolNameAccuracy: "Tool",
  argAccuracy: "Args",
  falseToolCallRate: "False call ↓",
};

/**
 * Newest first: the four numbers, exact match, silent corruption, latency and cost per eval, so a
 * fine-tuned small model, its base and a large general model read side by side; tick two to compare.
 */
export function EvalsTable({ evals, hrefFor, selected, onToggle }: Props) {
  return (
    <table className="table evals-table" data-testid="evals-table">
      <thead>
        <tr>
          <th scope="col" className="cell-check">
            <span className="sr-only">Compare</span>
          </th>
          <th scope="col">Eval</th>
          <th scope="col">Model</th>
          <th scope="col">Status</th>
          {HEADLINE.map((m) => (
            <th key={m.key} scope="col" className="num" title={`${m.label}: ${m.hint}`}>
              {SHORT[m.key]}
            </th>
          ))}
          <th scope="col" className="num" title="Exact match: the whole decision right">
            Exact
          </th>
          <th scope="col" className="num" title="Silent corruption: valid call, wrong tool or arguments (lower is better)">
            Silent ↓
          </th>
          <th scope="col" className="num" title="Latency per request, median and 95th percentile">
            p50 / p95
          </th>
          <th scope="col" className="num" title="Cost per 1,000 calls, from the model's price">
            $ / 1k calls
          </th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {evals.map((ev) => {
          const href = hrefFor(ev.id);
          const on = selected.includes(ev.id);
          const live = !isEvalTerminal(ev.status);
          const letter = on ? (selected.indexOf(ev.id) === 0 ? "A" : "B") : null;
          return (
            <LinkRow key={ev.id} href={href} className={on ? "is-open" : undefined} data-testid="eval-row" data-eval-id={ev.id}>
              <td className="cell-check">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && selected.length >= 2}
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
                <span className="muted small">
                  {" "}
                  · {ev.split} · {ev.matchMode}
                </span>
              </td>
              <td>
                <code className="small">{ev.model}</code>
                <div className="muted small">{whereText(ev)}</div>
              </td>
              <td className="cell-status">
                <EvalStatusBadge ev={ev} />
                {live ? <EvalProgress ev={ev} compact /> : null}
              </td>
              {HEADLINE.map((m) => {
                const rate = ev.summary?.[m.key];
                return (
                  <td
                    key={m.key}
                    className={`num${live ? " is-live" : ""}`}
                    title={rate ? formatNd(rate) : undefined}
                    data-testid={`eval-row-${m.key}`}
                  >
                    {rate ? formatPct(rate.value) : "—"}
                  </td>
                );
              })}
              <td className={`num${live ? " is-live" : ""}`} title={ev.summary ? formatNd(ev.summary.exactMatch) : undefined} data-testid="eval-row-exact">
                {ev.summary ? formatPct(ev.summary.exactMatch.value) : "—"}
              </td>
              <td className={`num${live ? " is-live" : ""}`} title={ev.summary ? formatNd(ev.summary.silentCorruptionRate) : undefined}>
                {ev.summary ? formatPct(ev.summary.silentCorruptionRate.value) : "—"}
              </td>
              <td className="num nowrap" data-testid="eval-row-latency">
                {ev.summary?.latency ? `${formatMs(ev.summary.latency.p50)} / ${formatMs(ev.summary.latency.p95)}` : "—"}
              </td>
              <td className="num" data-testid="eval-row-cost">
                {ev.summary?.cost ? formatUsd(ev.summary.cost.per1000Calls) : "—"}
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
