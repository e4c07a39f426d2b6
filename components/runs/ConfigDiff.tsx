import { formatPercent } from "@/lib/gauge";
import type { RunDto } from "@/lib/schemas/runs";
import type { RatioDto } from "@/lib/schemas/stats";
import { backendLabel, formatCount, hyperText, shortId } from "./labels";

interface Row {
  label: string;
  value: (r: RunDto) => string;
}

const ratioText = (r: RatioDto | undefined) =>
  !r ? "—" : r.ratio === null ? "—" : `${formatPercent(r.ratio)} (${formatCount(r.noTool)}/${formatCount(r.decisions)})`;

const PREPARING = "preparing files";

const ROWS: Row[] = [
  { label: "Backend", value: (r) => backendLabel(r.config.backend) },
  { label: "Base model", value: (r) => r.config.baseModel },
  { label: "Epochs", value: (r) => hyperText(r.config.hyperparameters.n_epochs) },
  { label: "Batch size", value: (r) => hyperText(r.config.hyperparameters.batch_size) },
  { label: "LR multiplier", value: (r) => hyperText(r.config.hyperparameters.learning_rate_multiplier) },
  { label: "Suffix", value: (r) => r.config.suffix || "—" },
  { label: "Seed", value: (r) => (r.config.seed === null ? "random" : String(r.config.seed)) },
  { label: "Output style", value: (r) => r.config.outputStyle },
  { label: "Catalogue version", value: (r) => `v${r.config.catalogueVersion}` },
  { label: "Train examples", value: (r) => (r.snapshot ? formatCount(r.snapshot.train.examples) : PREPARING) },
  { label: "Validation examples", value: (r) => (!r.snapshot ? PREPARING : r.snapshot.validation ? formatCount(r.snapshot.validation.examples) : "none") },
  { label: "Train no_tool", value: (r) => (r.snapshot ? ratioText(r.snapshot.train.ratio) : PREPARING) },
  { label: "Validation no_tool", value: (r) => (r.snapshot ? ratioText(r.snapshot.validation?.ratio) : PREPARING) },
  { label: "Train tokens", value: (r) => (r.snapshot ? formatCount(r.snapshot.trainTokens) : PREPARING) },
  { label: "Train file", value: (r) => (r.snapshot ? r.snapshot.train.sha256.slice(0, 8) : PREPARING) },
];

/** The settings and data of the compared runs side by side; rows whose values differ are highlighted. */
export function ConfigDiff({ runs, colourOf }: { runs: RunDto[]; colourOf: (id: string) => string }) {
  const rows = ROWS.map((row) => {
    const values = runs.map(row.value);
    return { ...row, values, differs: new Set(values).size > 1 };
  });
  const diffCount = rows.filter((r) => r.differs).length;
  return (
    <div className="config-diff" data-testid="config-diff">
      <p className="muted small">
        {diffCount === 0
          ? "Same settings and data: differences in the curves are noise."
          : `${diffCount} of ${rows.length} settings differ (highlighted).`}
      </p>
      <div className="scroll-x">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              {runs.map((r) => (
                <th scope="col" key={r.id} className="nowrap">
                  <span className="swatch" style={{ background: colourOf(r.id) }} aria-hidden="true" />
                  {r.name ? r.name : <span className="mono">{shortId(r.id)}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className={row.differs ? "is-diff" : undefined} data-differs={row.differs || undefined}>
                <th scope="row" className="row-head">
                  {row.label}
                  {row.differs ? <span className="sr-only"> (differs)</span> : null}
                </th>
                {row.values.map((v, i) => (
                  <td key={runs[i].id} className="mono small">
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
