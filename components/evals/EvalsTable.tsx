"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { isEvalTerminal } from "@/lib/queries/evals";
import type { EvalDto } from "@/lib/schemas/evals";
import { When } from "@/components/ui/When";
import { EvalStatusBadge } from "./Badges";
import { EvalProgress } from "./EvalProgress";
import { HEADLINE, formatNd, formatPct, whereText } from "./labels";

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

/** Newest first, the four numbers per eval; tick two to compare them. */
export function EvalsTable({ evals, hrefFor, selected, onToggle }: Props) {
  const router = useRouter();
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
            <tr
              key={ev.id}
              className={`clickable${on ? " is-open" : ""}`}
              data-testid="eval-row"
              data-eval-id={ev.id}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest("a, input, label, button")) return;
                router.push(href);
              }}
            >
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
              <td className="small nowrap">
                <When iso={ev.createdAt} />
                <div className="muted">{ev.createdBy ?? "—"}</div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
