import type { EvalDto } from "@/lib/schemas/evals";
import { plural } from "@/lib/client/format";
import { formatCount } from "./labels";
import { ProgressBar } from "@/components/ui/ProgressBar";

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
    <ProgressBar
      label="Eval progress"
      pct={pct}
      status={ev.status}
      text={text}
      compact={compact}
      testId="eval-progress"
      className="eval-progress"
      textClass={ev.failedRequests > 0 ? "warn-text" : "muted"}
    />
  );
}
