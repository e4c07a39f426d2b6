import type { EvalSummary, Rate } from "@/lib/scoring/types";
import { SECONDARY, formatCount, formatMs, formatNd, formatPct, formatUsd, type MetricDef } from "./labels";

/** Lower-is-better rates read red when above zero and green at zero; higher-is-better ones stay neutral. */
function valueTone(def: MetricDef, rate: Rate): string {
  if (def.better === "higher" || rate.value === null) return "";
  return rate.value > 0 ? " is-bad" : " is-good";
}

function Metric({ def, rate, size }: { def: MetricDef; rate: Rate; size: "large" | "small" }) {
  return (
    <div
      className={`metric metric-${size}${def.better === "lower" ? " metric-lower" : ""}`}
      data-testid={`metric-${def.key}`}
      title={def.hint}
    >
      <MetricTerm def={def} />
      <dd>
        <span className={`metric-value${valueTone(def, rate)}`} data-testid={`metric-${def.key}-value`}>
          {formatPct(rate.value)}
        </span>
        <span className="metric-nd">
          {formatNd(rate)} <span className="muted">{rate.d > 0 ? def.of : ""}</span>
        </span>
      </dd>
    </div>
  );
}

/** Silent corruption first (highlighted), then the rest of what an engineer checks before shipping. */
export function SecondaryNumbers({ summary }: { summary: EvalSummary }) {
  const [silent, ...rest] = SECONDARY;
  const p = summary.parse;
  return (
    <dl className="metrics-secondary" data-testid="secondary-numbers">
      <div className="metric metric-small metric-lower metric-silent" data-testid="metric-silentCorruptionRate" title={silent.hint}>
        <dt>
          {silent.label} <span className="lower-tag">↓ lower is better</span>
        </dt>
        <dd>
          <span
            className={`metric-value${valueTone(silent, summary.silentCorruptionRate)}`}
            data-testid="metric-silentCorruptionRate-value"
          >
            {formatPct(summary.silentCorruptionRate.value)}
          </span>
          <span className="metric-nd">{formatNd(summary.silentCorruptionRate)}</span>
          <span className="metric-note">valid call, wrong tool or arguments — the dangerous failure</span>
        </dd>
      </div>
      {rest.map((d) => (
        <Metric key={d.key} def={d} rate={summary[d.key]} size="small" />
      ))}
      <div
        className="metric metric-small"
        title="How the outputs parsed: clean = in the expected format; repaired = a call recovered from another shape; failed = nothing decodable."
      >
        <dt>Parse</dt>
        <dd>
          <span className="metric-value metric-value-text" data-testid="metric-parse">
            {formatCount(p.clean)} · {formatCount(p.repaired)} ·{" "}
            <span className={p.failed > 0 ? "warn-text" : undefined}>{formatCount(p.failed)}</span>
          </span>
          <span className="metric-nd muted">clean · repaired · failed</span>
        </dd>
      </div>
      <div className="metric metric-small" title="Time to the full answer, per request (retries excluded).">
        <dt>Latency p50 / p95</dt>
        <dd>
          <span className="metric-value metric-value-text" data-testid="metric-latency">
            {summary.latency ? `${formatMs(summary.latency.p50)} / ${formatMs(summary.latency.p95)}` : "—"}
          </span>
          {summary.latency ? <span className="metric-nd">mean {formatMs(summary.latency.mean)}</span> : null}
        </dd>
      </div>
      <div className="metric metric-small">
        <dt>Tokens in / out</dt>
        <dd>
          <span className="metric-value metric-value-text">
            {summary.tokens ? `${formatCount(summary.tokens.prompt)} / ${formatCount(summary.tokens.completion)}` : "—"}
          </span>
        </dd>
      </div>
      <div
        className="metric metric-small"
        title="From the token counts and the model's price per 1M tokens (the endpoint's, or the project's price table)."
      >
        <dt>Cost</dt>
        <dd>
          <span className="metric-value metric-value-text" data-testid="metric-cost">
            {summary.cost ? formatUsd(summary.cost.total) : "—"}
          </span>
          <span className="metric-nd">
            {summary.cost ? `${formatUsd(summary.cost.per1000Calls)} per 1,000 calls` : "no price known for this model"}
          </span>
        </dd>
      </div>
    </dl>
  );
}

/** A metric's name, and "lower is better" where it is (the report's cards and its headline strip). */
export function MetricTerm({ def }: { def: Pick<MetricDef, "label" | "better"> }) {
  return (
    <dt>
      {def.label}
      {def.better === "lower" ? (
        <span className="lower-tag" aria-label="lower is better">
          ↓ lower is better
        </span>
      ) : null}
    </dt>
  );
}
