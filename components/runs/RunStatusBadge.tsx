import type { RunDto } from "@/lib/schemas/runs";
import { remoteNote, statusTone } from "./labels";

/** Our status, plus the backend's own when it says something ours does not ("paused"). */
export function RunStatusBadge({ run, testId }: { run: Pick<RunDto, "status" | "remoteStatus" | "cancelRequested">; testId?: string }) {
  const remote = remoteNote(run);
  const cancelling = run.cancelRequested && (run.status === "queued" || run.status === "validating" || run.status === "running");
  const tone = remote ? "warn" : statusTone(run.status);
  return (
    <span className={`status-pill tone-${tone}`} data-testid={testId} data-status={run.status}>
      {run.status}
      {remote ? <span title="The backend's own status"> · {remote}</span> : null}
      {cancelling ? " · cancelling" : null}
    </span>
  );
}
