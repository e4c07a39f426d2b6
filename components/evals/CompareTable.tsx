import Link from "next/link";
import { useReadOnly } from "@/components/share/ReadOnly";
import type { EvalCompareDto, EvalDto } from "@/lib/schemas/evals";
import type { Rate } from "@/lib/scoring/types";
import { EvalStatusBadge } from "./Badges";
import { delta, formatPts, formatSigned, pairedDifference, rateDelta, ratio, type Delta } from "./compare";
import { ALL_METRICS, formatMs, formatNd, formatPct, formatUsd, whereText } from "./labels";
import { formatCount } from "@/lib/client/format";

function DeltaCell({ d, text, testId }: { d: Delta; text: string; testId?: string }) {
  const word = d.tone === "good" ? "better" : d.tone === "bad" ? "worse" : d.tone === "same" ? "no change" : "";
  return (
    <td className={`num delta${d.tone ? ` delta-${d.tone}` : ""}`} data-testid={testId} data-tone={d.tone ?? "none"}>
      {text}
      {word && d.tone !== "same" ? <span className="sr-only"> ({word})</span> : null}
    </td>
  );
}

function EvalCol({ ev, letter }: { ev: EvalDto; letter: "A" | "B" }) {
  const readOnly = useReadOnly() !== null;
  return (
    <th scope="col" className="compare-col">
      <span className="ab-tag">{letter}</span>{" "}
      {readOnly ? ev.name : <Link href={`/projects/${encodeURIComponent(ev.projectId)}/evals/${encodeURIComponent(ev.id)}`}>{ev.name}</Link>}
    </th>
  );
}

/** The headline comparison: model, where, the rates with B − A coloured by direction, then speed and cost. */
export function CompareTable({ data }: { data: EvalCompareDto }) {
  const { a, b } = data;
  const sa = a.summary;
  const sb = b.summary;
  const paired = pairedDifference(data.counts.fixed, data.counts.broken, data.shared);
  const speed = ratio(sb?.latency?.p50, sa?.latency?.p50);
  const cheaper = ratio(sb?.cost?.per1000Calls, sa?.cost?.per1000Calls);
  return (
    <div className="stack">
      <div className="scroll-x">
        <table className="table compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Measure</span>
              </th>
              <EvalCol ev={a} letter="A" />
              <EvalCol ev={b} letter="B" />
              <th scope="col" className="num">
                B − A
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" className="row-head">
                Model
              </th>
              <td>
                <code className="model-id" data-testid="compare-model-a">
                  {a.model}
                </code>
              </td>
              <td>
                <code className="model-id" data-testid="compare-model-b">
                  {b.model}
                </code>
              </td>
              <td />
            </tr>
            <tr>
              <th scope="row" className="row-head">
                Runs on
              </th>
              <td>{whereText(a)}</td>
              <td>{whereText(b)}</td>
              <td />
            </tr>
            <tr>
              <th scope="row" className="row-head">
                Examples · matching
              </th>
              <td>
                {formatCount(a.total)} {a.split} · {a.matchMode}
              </td>
              <td className={a.matchMode !== b.matchMode || a.split !== b.split ? "warn-text" : undefined}>
                {formatCount(b.total)} {b.split} · {b.matchMode}
              </td>
              <td />
            </tr>
            <tr>
              <th scope="row" className="row-head">
                Status
              </th>
              <td>
                <EvalStatusBadge ev={a} />
              </td>
              <td>
                <EvalStatusBadge ev={b} />
              </td>
              <td />
            </tr>
            <tr className="compare-section">
              <th scope="rowgroup" colSpan={4}>
                Quality
              </th>
            </tr>
            {ALL_METRICS.map((m) => {
              const ra = sa?.[m.key];
              const rb = sb?.[m.key];
              const d = ra && rb ? rateDelta(ra, rb, m.better) : { value: null, tone: null };
              return (
                <tr key={m.key} data-testid={`compare-${m.key}`}>
                  <th scope="row" className="row-head" title={m.hint}>
                    {m.label}
                    {m.better === "lower" ? <span className="lower-tag">↓ lower is better</span> : null}
                  </th>
                  <RateCell rate={ra} />
                  <RateCell rate={rb} />
                  <DeltaCell d={d} text={formatPts(d)} testId={`delta-${m.key}`} />
                </tr>
              );
            })}
            <tr className="compare-section">
              <th scope="rowgroup" colSpan={4}>
                Speed and cost
              </th>
            </tr>
            <tr>
              <th scope="row" className="row-head">
                Latency p50
              </th>
              <td className="num">{formatMs(sa?.latency?.p50)}</td>
              <td className="num">{formatMs(sb?.latency?.p50)}</td>
              <DeltaCell
                d={delta(sa?.latency?.p50, sb?.latency?.p50, "lower")}
                text={formatSigned(delta(sa?.latency?.p50, sb?.latency?.p50, "lower"), formatMs)}
              />
            </tr>
            <tr>
              <th scope="row" className="row-head">
                Latency p95
              </th>
              <td className="num">{formatMs(sa?.latency?.p95)}</td>
              <td className="num">{formatMs(sb?.latency?.p95)}</td>
              <DeltaCell
                d={delta(sa?.latency?.p95, sb?.latency?.p95, "lower")}
                text={formatSigned(delta(sa?.latency?.p95, sb?.latency?.p95, "lower"), formatMs)}
              />
            </tr>
            <tr>
              <th scope="row" className="row-head">
                Cost per 1,000 calls
              </th>
              <td className="num">{formatUsd(sa?.cost?.per1000Calls)}</td>
              <td className="num">{formatUsd(sb?.cost?.per1000Calls)}</td>
              <DeltaCell
                d={delta(sa?.cost?.per1000Calls, sb?.cost?.per1000Calls, "lower")}
                text={formatSigned(delta(sa?.cost?.per1000Calls, sb?.cost?.per1000Calls, "lower"), formatUsd)}
              />
            </tr>
            <tr>
              <th scope="row" className="row-head">
                Cost of this eval
              </th>
              <td className="num">{formatUsd(sa?.cost?.total)}</td>
              <td className="num">{formatUsd(sb?.cost?.total)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <ul className="compare-summary small">
        {paired ? (
          <li data-testid="paired-difference">
            Exact match on the {formatCount(paired.n)} shared examples:{" "}
            <strong className={paired.delta > 0 ? "ok-text" : paired.delta < 0 ? "text-danger" : undefined}>
              {formatPts({ value: paired.delta * 100, tone: paired.delta === 0 ? "same" : paired.delta > 0 ? "good" : "bad" })}
            </strong>{" "}
            <span className="muted">
              (95% interval {signedPts(paired.low)} to {signedPts(paired.high)}, paired: {data.counts.fixed} fixed, {data.counts.broken}{" "}
              broken
              {paired.low <= 0 && paired.high >= 0 ? "; the interval includes 0, so this could be noise" : ""})
            </span>
          </li>
        ) : null}
        {speed !== null && Math.abs(speed - 1) > 0.05 ? (
          <li>B is {speed > 1 ? `${speed.toFixed(1)}× faster` : `${(1 / speed).toFixed(1)}× slower`} at p50.</li>
        ) : null}
        {cheaper !== null && Math.abs(cheaper - 1) > 0.05 ? (
          <li>B costs {cheaper > 1 ? `${cheaper.toFixed(1)}× less` : `${(1 / cheaper).toFixed(1)}× more`} per call.</li>
        ) : null}
      </ul>
    </div>
  );
}

const signedPts = (v: number) => `${v >= 0 ? "+" : "\u2212"}${Math.abs(v * 100).toFixed(1)}`;

function RateCell({ rate }: { rate: Rate | undefined }) {
  return (
    <td className="num">
      {rate ? (
        <>
          <strong>{formatPct(rate.value)}</strong> <span className="muted small">{rate.d > 0 ? formatNd(rate) : ""}</span>
        </>
      ) : (
        "—"
      )}
    </td>
  );
}
