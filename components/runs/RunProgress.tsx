import type { RunDto } from "@/lib/schemas/runs";
import { etaMs, formatCount, formatDuration, preparingText, remoteNote } from "./labels";

const PHASE: Record<string, string> = {
  queued: "Waiting for the worker to prepare the files",
  validating: "Uploading the files and waiting for the backend to validate them",
};

/** How far training is: steps, epoch and time left (the backend's estimate, else the step rate so far). */
export function RunProgress({ run, now }: { run: RunDto; now: number }) {
  const { currentStep: step, totalSteps: total } = run;
  const fraction = run.status === "succeeded" ? 1 : (run.progress ?? (step !== null && total ? step / total : 0));
  const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const epochs = run.config.hyperparameters.n_epochs;
  const parts: string[] = [];
  if (step !== null) parts.push(total ? `step ${formatCount(step)} of ${formatCount(total)}` : `step ${formatCount(step)}`);
  if (run.currentEpoch !== null) {
    const e = Number.isInteger(run.currentEpoch) ? String(run.currentEpoch) : run.currentEpoch.toFixed(2);
    parts.push(typeof epochs === "number" ? `epoch ${e} of ${epochs}` : `epoch ${e}`);
  }
  const live = run.status === "running" || run.status === "validating" || run.status === "queued";
  const eta = live ? etaMs(run, now) : null;
  const remote = remoteNote(run);
  if (remote) parts.push(`${remote} on the backend`);
  else if (eta !== null && run.status === "running") parts.push(eta < 5_000 ? "finishing" : `about ${formatDuration(eta)} left`);
  const preparing = run.status === "validating" ? preparingText(run) : null; // queued: still waiting for a worker
  const phase = preparing ? preparing[0].toUpperCase() + preparing.slice(1) : PHASE[run.status];
  const text = parts.length > 0 ? parts.join(" · ") : (phase ?? (live ? "no steps reported yet" : "no steps were reported"));
  return (
    <div className="progress run-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%, ${text}`}
        data-testid="run-progress"
      >
        <div className={`progress-fill fill-${run.status}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text small">
        <strong>{pct}%</strong> <span className="muted">{text}</span>
      </span>
    </div>
  );
}
