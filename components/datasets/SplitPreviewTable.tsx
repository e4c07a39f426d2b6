import { formatPercent } from "@/lib/gauge";
import { SPLITS } from "@/lib/schemas/common";
import type { SplitPreviewDto } from "@/lib/queries/datasets";
import { BAND_LABEL } from "@/components/gauge/NoToolGauge";
import { GAUGE_MAX } from "@/components/gauge/geometry";
import { formatCount } from "@/components/imports/labels";

/** Examples, the routing no_tool ratio and the follow-ups per split, after the split: bars on the gauge's 0–40% scale with the band marked. */
export function SplitPreviewTable({ preview }: { preview: SplitPreviewDto }) {
  return (
    <div className="split-preview" data-testid={preview.dryRun ? "split-preview-result" : "split-applied-result"}>
      <p className="small">
        {preview.dryRun ? "Would assign" : "Assigned"} <strong>{formatCount(preview.assigned)}</strong> examples. Per split afterwards:
      </p>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">Split</th>
            <th scope="col" className="num">
              Examples
            </th>
            <th scope="col">no_tool ratio</th>
            <th scope="col" className="num">
              <span className="sr-only">Ratio</span>
            </th>
            <th scope="col">Band</th>
            <th scope="col" className="num" title="Decisions after a tool result (answers / chained calls), not in the ratio">
              Follow-ups
            </th>
          </tr>
        </thead>
        <tbody>
          {[...SPLITS.filter((s) => s !== "unassigned"), "unassigned" as const].map((split) => {
            const row = preview.splits[split];
            if (!row) return null;
            const r = row.ratio;
            const width = r.ratio === null ? 0 : (Math.min(r.ratio, GAUGE_MAX) / GAUGE_MAX) * 100;
            return (
              <tr key={split} data-split={split} data-band={r.band} title={r.advice}>
                <th scope="row" className="row-head">
                  {split}
                </th>
                <td className="num">{formatCount(row.examples)}</td>
                <td className="split-bar-cell">
                  <div className="split-bar" aria-hidden="true">
                    <div className="split-bar-band" />
                    <div className={`split-bar-fill band-${r.band}`} style={{ width: `${width}%` }} />
                  </div>
                </td>
                <td className="num split-pct">{r.ratio === null ? "—" : formatPercent(r.ratio)}</td>
                <td>
                  <span className={`band-pill band-pill-${r.band}`}>{BAND_LABEL[r.band]}</span>
                </td>
                <td className="num" data-testid="split-followups">
                  {r.followUps ? `${formatCount(r.followUps.decisions)} (${formatCount(r.followUps.answers)} / ${formatCount(r.followUps.calls)})` : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">
        The green stripe on each bar marks the recommended 10–20% no_tool band. The ratio counts routing decisions (replies to a user
        message); follow-ups after a tool result (answers / chained calls) are counted apart.
      </p>
    </div>
  );
}
