import type { EvalDto } from "@/lib/schemas/evals";
import { plural } from "@/lib/client/format";
import { formatCount } from "./labels";

/** "312 / 1,000 answered · 3 requests failed": how far the eval is, and how many requests gave up. */
export function EvalProgress({ ev, compact }: { ev: EvalDto; compact?: boolean }) {
  const fraction = ev.status === "succeeded" ? 1 : ev.total > 0 ? ev.done / ev.total : ev.progress;
  const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const parts = [
    ev.total > 0
      ? `${formatCount(ev.done)} / ${formatCount(ev.total)} answered`
      : ev.status === "queued"
        ? "waiting for the worker"
        : "no examples",
  ];
  if (ev.failedRequests > 0) parts.push(`${plural(ev.failedRequests, "request")} failed`);
  const text = parts.join(" · ");
  return (
    <div className={`progress${compact ? " progress-compact" : " eval-progress"}`}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Eval progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${text}`}
        data-testid="eval-progress"
      >
        <div className={`progress-fill fill-${ev.status}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text small">
        {compact ? null : <strong>{pct}% </strong>}
        <span className={ev.failedRequests > 0 ? "warn-text" : "muted"} data-testid="eval-progress-text">
          {text}
        </span>
      </span>
    </div>
  );
}
