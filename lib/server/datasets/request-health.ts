// What the health route answers at once: the report when it is known or quick to make, else the
// progress of the worker's job that is making it. The request never counts tokens of a large split.
import type { HealthReport } from "../../datasets/health";
import type { HealthProgress } from "../../datasets/health-progress";
import { jobs } from "../../queue/contracts";
import { AppError } from "../errors";
import { enqueue, queue, withRedis, workerConnected } from "../queue";
import { healthLineCount, projectHealth, type HealthOptions } from "./health";
import { dataState, storedReport, type HealthTarget } from "./health-store";
import type { ExportQuery } from "./export";

/** Splits of up to this many examples are measured inside the request (env TOOLTUNE_INLINE_HEALTH_LIMIT). */
export function inlineHealthLimit(): number {
  return Number(process.env.TOOLTUNE_INLINE_HEALTH_LIMIT ?? 2000);
}

/** A queued job that no worker has taken for this long, with no worker connected, means none is running. */
export const WORKER_MISSING_AFTER_MS = 3000;

export type HealthComputing = HealthProgress & {
  status: "computing";
  /** queued: no worker has started it yet; running: a worker is counting. */
  phase: "queued" | "running";
  /** false once the job has waited WORKER_MISSING_AFTER_MS with no worker connected to the queue. */
  workerRunning: boolean;
};

export type HealthAnswer = { status: "ready"; report: HealthReport } | HealthComputing;

export async function requestHealth(projectId: string, split: ExportQuery["split"], opts: HealthOptions): Promise<HealthAnswer> {
  const total = await healthLineCount(projectId, split);
  if (total <= inlineHealthLimit()) return { status: "ready", report: await projectHealth(projectId, split, opts) };
  const target: HealthTarget = { projectId, split, encoding: opts.encoding, tokenLimit: opts.tokenLimit };
  const state = await dataState(projectId);
  const stored = await storedReport(target, state);
  if (stored) return { status: "ready", report: stored };

  // The same id for the same question about the same data: a second tab joins the job already queued.
  const jobId = jobs.computeHealth.jobId({ ...target, state });
  await enqueue(jobs.computeHealth.name, { ...target, state }, jobId, { attempts: 2, removeOnComplete: true });
  const job = await withRedis("read the health job", () => queue().getJob(jobId));
  if (!job) {
    // Finished (and removed) between the two calls.
    const report = await storedReport(target, state);
    return report ? { status: "ready", report } : computing(0, total, "queued", true);
  }
  const jobState = await withRedis("read the health job", () => job.getState());
  if (jobState === "failed") {
    // Forget the failure so that asking again (Retry) queues a new job.
    await withRedis("remove the failed health job", () => job.remove()).catch(() => {});
    throw new AppError(
      "job_failed",
      `the worker could not compute the health report of ${split} (${job.failedReason || "no reason given"}); retry, and see the worker's log if it fails again`,
    );
  }
  if (jobState === "completed") {
    const report = await storedReport(target, state);
    if (report) return { status: "ready", report };
  }
  const progress = job.progress as Partial<HealthProgress> | number;
  const done = typeof progress === "object" && typeof progress.done === "number" ? progress.done : 0;
  const phase = jobState === "active" ? "running" : "queued";
  const waited = Date.now() - job.timestamp;
  const workerRunning =
    phase === "running" || waited < WORKER_MISSING_AFTER_MS || (await withRedis("list the workers", () => workerConnected()));
  return computing(done, total, phase, workerRunning);
}

const computing = (done: number, total: number, phase: HealthComputing["phase"], workerRunning: boolean): HealthComputing => ({
  status: "computing",
  done,
  total,
  phase,
  workerRunning,
});
