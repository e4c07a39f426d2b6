import { formatPercent } from "@/lib/gauge";
import type { DatasetSnapshot } from "@/lib/schemas/runs";
import type { Band, RatioDto } from "@/lib/schemas/stats";
import { formatCount, formatUsd } from "./labels";

const BAND_TEXT: Record<Band, string> = {
  empty: "nothing labelled",
  below: "below 10–20%",
  within: "within 10–20%",
  above: "above 10–20%",
};
const BAND_STAT: Record<Band, string> = { empty: "", below: " stat-warn", within: " stat-ok", above: " stat-warn" };

/**
 * The data a run trains on: counts, the no_tool ratio of routing decisions per split against its band
 * (follow-ups after a tool result counted apart), tokens and the
 * cost estimate. `epochs` (a number the user chose) rescales tokens and cost from the default.
 */
export function SnapshotCard({ snapshot, epochs, testId }: { snapshot: DatasetSnapshot; epochs?: number | "auto"; testId?: string }) {
  const chosen = typeof epochs === "number" ? epochs : null;
  const scale = chosen !== null && snapshot.defaultEpochs > 0 ? chosen / snapshot.defaultEpochs : 1;
  const effectiveEpochs = chosen ?? snapshot.defaultEpochs;
  const charged = chosen !== null ? snapshot.trainTokens * chosen : snapshot.chargedTokens;
  const cost = snapshot.costUsd === null ? null : snapshot.costUsd * scale;
  const v = snapshot.validation;
  return (
    <div className="snapshot-card stack" data-testid={testId}>
      <dl className="stat-grid">
        <Stat
          label="train examples"
          value={formatCount(snapshot.train.examples)}
          tone={snapshot.train.examples < 10 ? " stat-danger" : ""}
        />
        <Stat label="validation examples" value={v ? formatCount(v.examples) : "none"} />
        <RatioStat label="train no_tool" ratio={snapshot.train.ratio} />
        {v ? <RatioStat label="validation no_tool" ratio={v.ratio} /> : null}
        <Stat label="train tokens" value={formatCount(snapshot.trainTokens)} />
        <Stat label={`charged tokens (${effectiveEpochs} epoch${effectiveEpochs === 1 ? "" : "s"})`} value={formatCount(charged)} />
        <Stat label="estimated cost" value={formatUsd(cost)} />
      </dl>
      <p className="hint">
        {chosen === null && snapshot.trainTokens > 0
          ? `Tokens and cost at ${snapshot.defaultEpochs} epochs, what "auto" is expected to pick for this many examples.`
          : null}
        {cost === null ? " No price is known for this base model, so there is no cost estimate." : null}
      </p>
      {snapshot.warnings.length > 0 ? (
        <div className="banner banner-warn snapshot-warnings" role="status" data-testid="snapshot-warnings">
          <ul>
            {snapshot.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function Stat({ label, value, tone = "" }: { label: string; value: string; tone?: string }) {
  return (
    <div className={`stat${tone}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function RatioStat({ label, ratio }: { label: string; ratio: RatioDto }) {
  return (
    <div className={`stat${BAND_STAT[ratio.band]}`} title={ratio.advice} data-band={ratio.band}>
      <dt>
        {label} · {BAND_TEXT[ratio.band]}
      </dt>
      <dd>
        {ratio.ratio === null ? "—" : formatPercent(ratio.ratio)}{" "}
        <span className="stat-sub">
          {formatCount(ratio.noTool)}/{formatCount(ratio.decisions)} routing
          {ratio.followUps?.decisions ? ` · + ${formatCount(ratio.followUps.decisions)} follow-ups (${formatCount(ratio.followUps.answers)} answers, ${formatCount(ratio.followUps.calls)} chained calls)` : ""}
        </span>
      </dd>
    </div>
  );
}
