"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { runLineageQuery } from "@/lib/queries/dpo";
import type { LineageEvalDto, RunDto } from "@/lib/schemas/runs";
import { formatPct } from "@/components/evals/labels";
import { shortId } from "./labels";
import { changeText } from "./lineage-text";

type Rate = LineageEvalDto["falseToolCallRate"];

const rateCell = (r: Rate | undefined) =>
  r && r.value !== null ? `${formatPct(r.value)} (${r.n.toLocaleString("en-US")}/${r.d.toLocaleString("en-US")})` : "—";

/**
 * The loop on one page. A DPO run: its parent SFT run and the latest finished eval of each, side by
 * side, with the change of the false-tool-call and wrong-tool rates (the numbers DPO is for). An SFT
 * run: its DPO runs.
 */
export function RunLineage({ run }: { run: RunDto }) {
  const q = useQuery(runLineageQuery(run.projectId, run.id));
  const l = q.data;
  if (!l || (!l.parent && l.children.length === 0)) return null;
  const href = (id: string) => `/projects/${encodeURIComponent(run.projectId)}/runs/${encodeURIComponent(id)}`;
  const evalHref = (id: string) => `/projects/${encodeURIComponent(run.projectId)}/evals/${encodeURIComponent(id)}`;
  if (!l.parent)
    return (
      <section className="panel stack" aria-labelledby="dpo-children-title" data-testid="dpo-children">
        <h2 id="dpo-children-title" className="panel-title">
          DPO runs on this model
        </h2>
        <ul>
          {l.children.map((c) => (
            <li key={c.id}>
              <Link href={href(c.id)}>{c.name ?? `Run ${shortId(c.id)}`}</Link> <span className="muted small">{c.status}</span>
            </li>
          ))}
        </ul>
      </section>
    );
  const before = l.parent.evals.at(-1);
  const after = l.evals.at(-1);
  const rows: { label: string; pick: (e: LineageEvalDto) => Rate; key: string }[] = [
    { label: "False tool calls (of no_tool gold)", pick: (e) => e.falseToolCallRate, key: "false" },
    { label: "Wrong tool (of tool-call gold)", pick: (e) => e.wrongToolRate, key: "wrong" },
    { label: "Exact match", pick: (e) => e.exactMatch, key: "exact" },
  ];
  return (
    <section className="panel stack" aria-labelledby="lineage-title" data-testid="run-lineage">
      <h2 id="lineage-title" className="panel-title">
        Before and after DPO
      </h2>
      <p className="small">
        Trained on top of SFT run{" "}
        <Link href={href(l.parent.id)} data-testid="parent-run">
          {l.parent.name ?? `Run ${shortId(l.parent.id)}`}
        </Link>{" "}
        (<span className="mono">{l.parent.model ?? "no model"}</span>).
      </p>
      {before || after ? (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Rate</th>
              <th scope="col">
                SFT
                {before ? (
                  <>
                    {" "}
                    · <Link href={evalHref(before.id)}>{before.name}</Link>
                  </>
                ) : null}
              </th>
              <th scope="col">
                DPO
                {after ? (
                  <>
                    {" "}
                    · <Link href={evalHref(after.id)}>{after.name}</Link>
                  </>
                ) : null}
              </th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-rate={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{before ? rateCell(r.pick(before)) : "no eval yet"}</td>
                <td className="num">{after ? rateCell(r.pick(after)) : "no eval yet"}</td>
                <td className="num">{before && after ? changeText(r.pick(before), r.pick(after)) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">
          Neither run has a finished eval yet: evaluate both on the same gold set to see whether the false-tool-call rate moved.
        </p>
      )}
      {before && after && before.total !== after.total ? (
        <p className="hint">The two evals scored different numbers of examples; compare them on the same gold set.</p>
      ) : null}
    </section>
  );
}
