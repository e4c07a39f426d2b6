import type { ArgErrorKind, EvalSummary } from "@/lib/scoring/types";
import { formatCount } from "@/lib/client/format";

const KIND_HINT: Record<ArgErrorKind, string> = {
  missing: "a required or gold argument was left out",
  unexpected: "an argument the gold does not have",
  type: "the value has the wrong JSON type",
  value: "the value differs from every acceptable one",
  schema: "the value breaks the tool's JSON Schema",
};

/** Which arguments go wrong, most often first: where a prompt or more training data helps. */
export function ArgErrorsTable({ rows }: { rows: EvalSummary["argErrors"] }) {
  if (rows.length === 0) return <p className="muted small">No argument errors.</p>;
  const sorted = [...rows].sort((a, b) => b.count - a.count || a.tool.localeCompare(b.tool) || a.argument.localeCompare(b.argument));
  return (
    <table className="table table-compact" data-testid="arg-errors">
      <thead>
        <tr>
          <th scope="col">Tool</th>
          <th scope="col">Argument</th>
          <th scope="col">Kind</th>
          <th scope="col" className="num">
            Count
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={`${r.tool}|${r.argument}|${r.kind}`}>
            <td>
              <code>{r.tool}</code>
            </td>
            <td>
              <code>{r.argument}</code>
            </td>
            <td title={KIND_HINT[r.kind]}>{r.kind}</td>
            <td className="num">{formatCount(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
