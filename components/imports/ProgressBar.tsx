/** A labelled progress bar: `value` is 0..1; `text` says what the fraction is of ("120 of 300 records"). */
export function ProgressBar({ value, label, text, testId }: { value: number; label: string; text: string; testId?: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress">
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
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text small">
        <strong>{pct}%</strong> <span className="muted">{text}</span>
      </span>
    </div>
  );
}
