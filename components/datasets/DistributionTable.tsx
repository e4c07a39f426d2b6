import type { HealthReport } from "@/lib/datasets/health";

type Dist = HealthReport["distributions"]["messages"];
const COLUMNS = ["min", "max", "mean", "median", "p10", "p90"] as const;

/** A number as the notebook prints these statistics, to at most two decimals. */
const stat = (v: number) => Number(v.toFixed(2)).toLocaleString("en-US");

/** Messages, total tokens and assistant tokens per example: min / max / mean / median / p10 / p90. */
export function DistributionTable({ distributions, encoding }: { distributions: HealthReport["distributions"]; encoding: string }) {
  const rows: { key: string; label: string; d: Dist }[] = [
    { key: "messages", label: "Messages per example", d: distributions.messages },
    { key: "totalTokens", label: "Total tokens per example", d: distributions.totalTokens },
    { key: "assistantTokens", label: "Assistant tokens per example", d: distributions.assistantTokens },
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
                      {stat(r.d![c])}
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
