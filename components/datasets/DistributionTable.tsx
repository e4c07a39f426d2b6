import type { HealthReport } from "@/lib/datasets/health";
import { formatDistStat, type DistributionKind } from "./distribution-format";

type Dist = HealthReport["distributions"]["messages"];
const COLUMNS = ["min", "max", "mean", "median", "p10", "p90"] as const;

/** Messages, total tokens and assistant tokens per example: min / max / mean / median / p10 / p90. */
export function DistributionTable({ distributions, encoding }: { distributions: HealthReport["distributions"]; encoding: string }) {
  const rows: { key: string; label: string; d: Dist; kind: DistributionKind }[] = [
    { key: "messages", label: "Messages per example", d: distributions.messages, kind: "messages" },
    { key: "totalTokens", label: "Total tokens per example", d: distributions.totalTokens, kind: "tokens" },
    { key: "assistantTokens", label: "Assistant tokens per example", d: distributions.assistantTokens, kind: "tokens" },
  ];
  return (
    <section aria-labelledby="health-dist">
      <h3 id="health-dist" className="block-title">
        Distributions <span className="muted small">(tokens counted with {encoding})</span>
      </h3>
      <div className="scroll-x">
        <table className="table table-compact" data-testid="health-distributions">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Measure</span>
              </th>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-dist={r.key}>
                <th scope="row" className="row-head">
                  {r.label}
                </th>
                {r.d ? (
                  COLUMNS.map((c) => (
                    <td key={c} className="num">
                      {formatDistStat(r.d![c], r.kind)}
                    </td>
                  ))
                ) : (
                  <td colSpan={COLUMNS.length} className="muted">
                    no examples could be analysed
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
