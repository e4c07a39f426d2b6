import type { ReactNode } from "react";

interface Props {
  /** The bar's accessible name ("Eval progress"). */
  label: string;
  /** 0..100 */
  pct: number;
  /** Colours the fill (fill-running, fill-succeeded, …); none: the plain fill. */
  status?: string;
  /** The words beside the bar; also the bar's value text. */
  text: string;
  compact?: boolean;
  /** data-testid of the bar; the text's is `${testId}-text`. */
  testId?: string;
  /** Class of the text (warn-text when something failed). */
  textClass?: string;
  className?: string;
}

/** A long job's bar and its "12 / 20 done · …" line, as imports, evals and generations show them. */
export function ProgressBar({ label, pct, status, text, compact, testId, textClass = "muted", className }: Props): ReactNode {
  return (
    <div className={["progress", compact ? "progress-compact" : className].filter(Boolean).join(" ")}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${text}`}
        data-testid={testId}
      >
        <div className={status ? `progress-fill fill-${status}` : "progress-fill"} style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text small">
        {compact ? null : <strong>{pct}% </strong>}
        <span className={textClass} data-testid={testId ? `${testId}-text` : undefined}>
          {text}
        </span>
      </span>
    </div>
  );
}
