import { useMemo } from "react";
import type { EvalSummary } from "@/lib/scoring/types";
import { cellTitle, prepareConfusion, type HeatCell } from "./heatmap";
import { formatCount } from "@/lib/client/format";

interface Props {
  confusion: EvalSummary["confusion"];
  /** Show the examples behind a cell. */
  onCell?: (gold: string, predicted: string) => void;
}

/** Rows are the gold labels, columns what the model did; colour is the row's share, red where one tool was mistaken for another. */
export function ConfusionMatrix({ confusion, onCell }: Props) {
  const m = useMemo(() => prepareConfusion(confusion), [confusion]);
  if (m.rows.length === 0) return <p className="muted small">Nothing scored yet.</p>;
  return (
    <div className="stack-tight">
      <div className="scroll-x">
        <table className="heatmap" data-testid="confusion">
          <thead>
            <tr>
              <th scope="col" className="heat-corner">
                <span className="small muted">gold ↓ · predicted →</span>
              </th>
              {m.columns.map((c) => (
                <th key={c} scope="col" className="heat-col">
                  <span className="heat-col-label">{c}</span>
                </th>
              ))}
              <th scope="col" className="num heat-total">
                n
              </th>
            </tr>
          </thead>
          <tbody>
            {m.rows.map((r) => (
              <tr key={r.gold}>
                <th scope="row" className="heat-row">
                  {r.gold}
                </th>
                {r.cells.map((cell) => (
                  <Cell key={cell.predicted} gold={r.gold} cell={cell} total={r.total} onCell={onCell} />
                ))}
                <td className="num heat-total">{formatCount(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="heat-legend small muted">
        <span className="heat-key heat-key-diagonal" aria-hidden="true" /> right{" "}
        <span className="heat-key heat-key-wrong_tool" aria-hidden="true" /> wrong tool (silent corruption){" "}
        <span className="heat-key heat-key-other" aria-hidden="true" /> missed, false or invalid call · darker = larger share of the row
        {m.hiddenRows > 0 ? ` · ${m.hiddenRows} tool${m.hiddenRows === 1 ? "" : "s"} without gold examples not shown` : ""}
        {onCell ? " · click a cell to see its examples" : ""}
      </p>
    </div>
  );
}

function Cell({ gold, cell, total, onCell }: { gold: string; cell: HeatCell; total: number; onCell?: Props["onCell"] }) {
  const cls = `heat-cell heat-${cell.kind}${cell.dark ? " is-dark" : ""}${cell.count === 0 ? " is-zero" : ""}`;
  const title = cellTitle(gold, cell, total);
  const body =
    cell.count === 0 ? (
      <>
        <span aria-hidden="true">·</span>
        <span className="sr-only">0</span>
      </>
    ) : (
      formatCount(cell.count)
    );
  return (
    <td className={cls} style={{ background: cell.background }} title={title} data-kind={cell.kind} data-count={cell.count}>
      {onCell && cell.count > 0 ? (
        <button type="button" className="heat-button" onClick={() => onCell(gold, cell.predicted)} aria-label={title}>
          {body}
        </button>
      ) : (
        body
      )}
    </td>
  );
}
