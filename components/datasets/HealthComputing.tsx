import { progressLabel } from "@/lib/datasets/health-progress";
import type { HealthComputingDto } from "@/lib/queries/datasets";

/** A large split's report being computed by the worker: how far it is, or that no worker is running. */
export function HealthComputing({ progress, splitLabel }: { progress: HealthComputingDto; splitLabel: string }) {
  const { text, percent } = progressLabel(progress);
  return (
    <div className="stack" data-testid="health-computing">
      <div className="progress">
        <div
          className="progress-track"
          role="progressbar"
          aria-label={`Counting tokens in ${splitLabel}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%, ${text}`}
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="progress-text small" data-testid="health-progress-text">
          <strong>{percent}%</strong> <span className="muted">{text}</span>
        </span>
      </div>
      {!progress.workerRunning ? (
        <p className="banner banner-warn" role="alert" data-testid="health-worker-missing">
          The worker is not running, so the report of this split cannot be computed. Start it with <code>npm run worker</code> (
          <code>npm start</code> starts it with the app); this panel carries on by itself.
        </p>
      ) : (
        <p className="muted small" role="status">
          {progress.phase === "queued" ? "Waiting for the worker to start counting tokens in " : "The worker is counting tokens in "}
          {splitLabel}. You can leave this page: the report is kept for when you come back.
        </p>
      )}
    </div>
  );
}
