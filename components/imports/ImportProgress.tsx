import type { ImportJobDto } from "@/lib/schemas/imports";
import { ProgressBar } from "./ProgressBar";
import { formatBytes, formatCount } from "./labels";

/** The worker's phase and how far it is, as the API reports it (progress is 0..1 of the current phase). */
export function ImportProgress({ job }: { job: ImportJobDto }) {
  const { phase, detail, text } = describe(job);
  return (
    <div className="import-progress">
      <p className="import-phase" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> <strong>{phase}</strong> <span className="muted small">{detail}</span>
      </p>
      <ProgressBar value={job.progress} label={phase} text={text} testId="import-progress" />
    </div>
  );
}

function describe(job: ImportJobDto): { phase: string; detail: string; text: string } {
  if (job.status === "importing") {
    const of = Math.max(job.validCount, job.processed);
    return {
      phase: "Importing",
      detail: "writing the examples and tools in one transaction; they appear all at once when it finishes",
      text: `${formatCount(job.processed)} of ${formatCount(of)} records`,
    };
  }
  if (job.status === "uploaded") return { phase: "Queued", detail: "waiting for the worker to pick the file up", text: "not started" };
  // While analysing, the record count is only known at the end: until then the API reports how much of the file has been read.
  const text =
    job.total > 0
      ? `${formatCount(job.processed)} of ${formatCount(job.total)} records`
      : `${formatBytes(Math.round(job.progress * job.fileBytes))} of ${formatBytes(job.fileBytes)} read`;
  return { phase: "Analysing", detail: "parsing every record and checking it against the catalogue", text };
}
