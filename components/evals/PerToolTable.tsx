import type { EvalSummary } from "@/lib/scoring/types";
import { formatNd, formatPct } from "./labels";
import { formatCount } from "@/lib/client/format";

/** Per gold tool: how often it was expected, chosen, and right (precision, recall, arguments). */
export function PerToolTable({ rows, onTool }: { rows: EvalSummary["perTool"]; onTool?: (tool: string) => void }) {
  if (rows.length === 0) return <p className="muted small">No tool calls to break down.</p>;
  return (
    <table className="table table-compact per-tool" data-testid="per-tool">
      <thead>
        <tr>
          <th scope="col">Tool</th>
          <th scope="col" className="num" title="Gold calls to this tool">
            Support
          </th>
          <th scope="col" className="num" title="Calls the model made to this tool">
            Predicted
          </th>
          <th scope="col" className="num" title="Of the model's calls to this tool, how many were gold calls to it">
            Precision
          </th>
          <th scope="col" className="num" title="Of the gold calls to this tool, how many the model made">
            Recall
          </th>
          <th scope="col" className="num" title="Of the calls with the right tool name, how many had the right arguments">
            Arg accuracy
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.tool}>
            <th scope="row" className="row-head">
              {onTool ? (
                <button type="button" className="link-button mono" onClick={() => onTool(r.tool)} title={`Show the examples of ${r.tool}`}>
                  {r.tool}
                </button>
              ) : (
                <code>{r.tool}</code>
              )}
            </th>
            <td className="num">{r.support}</td>
            <td className="num">{r.predicted}</td>
            <td className="num">{formatPct(r.precision)}</td>
            <td className="num">{formatPct(r.recall)}</td>
            <td className="num" title={formatNd(r.argAccuracy)}>
              {formatPct(r.argAccuracy.value)}{" "}
              <span className="muted small">
                {r.argAccuracy.d > 0 ? `${formatCount(r.argAccuracy.n)}/${formatCount(r.argAccuracy.d)}` : ""}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
