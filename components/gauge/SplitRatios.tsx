import { formatPercent } from "@/lib/gauge";
import type { Split } from "@/lib/schemas/common";
import type { RatioDto } from "@/lib/schemas/stats";
import { GAUGE_MAX } from "./geometry";
import { formatCount } from "@/lib/client/format";

const ORDER: Split[] = ["train", "validation", "gold", "unassigned"];

/** One small row per split: its routing ratio as a bar over the same 0–40% scale, with the band marked. */
export function SplitRatios({ perSplit }: { perSplit: Record<Split, RatioDto> }) {
  return (
    <table className="split-ratios" aria-label="no_tool ratio per split">
      <tbody>
        {ORDER.map((split) => {
          const r = perSplit[split];
          if (!r) return null;
          const width = r.ratio === null ? 0 : (Math.min(r.ratio, GAUGE_MAX) / GAUGE_MAX) * 100;
          return (
            <tr key={split} data-split={split} data-band={r.band} title={r.followUps?.decisions ? `${r.advice} (+ ${formatCount(r.followUps.decisions)} follow-ups after a tool result, not counted)` : r.advice}>
              <th scope="row">{split}</th>
              <td className="split-bar-cell">
                <div className="split-bar" aria-hidden="true">
                  <div className="split-bar-band" />
                  <div className={`split-bar-fill band-${r.band}`} style={{ width: `${width}%` }} />
                </div>
              </td>
              <td className="num split-pct">{r.ratio === null ? "—" : formatPercent(r.ratio)}</td>
              <td className="num muted small">
                {formatCount(r.noTool)}/{formatCount(r.decisions)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
