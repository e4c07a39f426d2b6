// Worker side, step 2: follow the remote job until it ends. Events are read incrementally: the API
// lists them newest first and `after` pages towards older ones, so we read from the newest down to
// the last event already stored. Metric points are unique per (run, step): re-reading is harmless.
import type OpenAI from "openai";
import { UnrecoverableError } from "bullmq";
import type { BackendId, RunConfig } from "../../schemas/runs";
import type { MetricPoint } from "../../training/types";
import { metricPointFromEvent, epochOf } from "../../training/events";
import { parseResultsCsv } from "../../training/results-csv";
import { db } from "../db";
import { jsonText, parseJsonText } from "../json-text";
import { failRun, isPermanent, type RunDeps } from "./submit";

type RemoteJob = OpenAI.FineTuning.FineTuningJob;
type RemoteEvent = OpenAI.FineTuning.FineTuningJobEvent;

const KNOWN: Record<string, string> = {
  validating_files: "validating",
  queued: "validating",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

export function pollBounds() {
  return { min: Number(process.env.TOOLTUNE_POLL_MIN_MS ?? 2000), max: Number(process.env.TOOLTUNE_POLL_MAX_MS ?? 30_000) };
}

/** Polls back off while nothing happens: a quarter of the time since the newest event, within bounds. */
export function nextPollDelay(msSinceLastEvent: number | null): number {
  const { min, max } = pollBounds();
  if (msSinceLastEvent === null) return min;
  return Math.min(max, Math.max(min, Math.round(msSinceLastEvent / 4)));
}

async function newEvents(client: OpenAI, jobId: string, lastStored: string | null): Promise<RemoteEvent[]> {
  const fresh: RemoteEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await client.fineTuning.jobs.listEvents(jobId, { limit: 100, ...(after ? { after } : {}) });
    for (const e of page.data) {
      if (e.id === lastStored) return fresh;
      fresh.push(e);
    }
    if (!page.has_more || page.data.length === 0) return fresh;
    after = page.data.at(-1)!.id;
  }
}

async function storePoints(runId: string, points: MetricPoint[]) {
  for (const p of points) {
    const { step, ...values } = p;
    const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
    await db().metricPoint.upsert({ where: { runId_step: { runId, step } }, create: { runId, step, ...values }, update: present });
  }
}

async function storeEvents(runId: string, events: RemoteEvent[], nEpochs: number | null) {
  const known = new Set(
    (await db().runEvent.findMany({ where: { runId, remoteId: { in: events.map((e) => e.id) } }, select: { remoteId: true } })).map((e) => e.remoteId),
  );
  const oldestFirst = events.slice().reverse();
  for (const e of oldestFirst) {
    if (known.has(e.id)) continue;
    await db().runEvent.create({
      data: { runId, remoteId: e.id, createdAt: new Date(e.created_at * 1000), level: e.level, type: e.type ?? "message", message: e.message, data: e.data ? jsonText(e.data) : null },
    });
  }
  const points = oldestFirst.filter((e) => e.type === "metrics").map((e) => metricPointFromEvent(e, nEpochs !== null ? { nEpochs } : {}));
  await storePoints(runId, points.filter((p): p is MetricPoint => p !== null));
  return points.at(-1) ?? null;
}

async function finish(client: OpenAI, runId: string, job: RemoteJob) {
  for await (const c of client.fineTuning.jobs.checkpoints.list(job.id, { limit: 100 })) {
    await db().checkpoint.upsert({
      where: { runId_remoteId: { runId, remoteId: c.id } },
      create: { runId, remoteId: c.id, step: c.step_number, model: c.fine_tuned_model_checkpoint, metrics: jsonText(c.metrics), createdAt: new Date(c.created_at * 1000) },
      update: {},
    });
  }
  for (const fileId of job.result_files ?? []) {
    const res = await client.files.content(fileId);
    await storePoints(runId, parseResultsCsv(Buffer.from(await res.arrayBuffer())));
  }
}

export async function monitorRun(runId: string, deps: RunDeps): Promise<void> {
  const run = await db().run.findUnique({ where: { id: runId } });
  if (!run) throw new UnrecoverableError(`run ${runId} no longer exists`);
  if (["succeeded", "failed", "cancelled"].includes(run.status)) return;
  if (!run.remoteJobId) return; // submit-run has not created it yet; it schedules monitoring itself
  const config = parseJsonText<RunConfig>(run.config);
  try {
    const client = deps.client(run.backend as BackendId);
    const job = await client.fineTuning.jobs.retrieve(run.remoteJobId);
    const nEpochs = typeof job.hyperparameters?.n_epochs === "number" ? job.hyperparameters.n_epochs : typeof config.hyperparameters.n_epochs === "number" ? config.hyperparameters.n_epochs : null;
    const events = await newEvents(client, job.id, run.lastEventId);
    const last = await storeEvents(runId, events, nEpochs);
    const metricsEvent = events.find((e) => e.type === "metrics");
    const totalSteps = (metricsEvent?.data as { total_steps?: number } | undefined)?.total_steps ?? run.totalSteps;
    const status = KNOWN[job.status] ?? run.status; // unknown statuses (e.g. "paused") are shown, not guessed at
    if (status === "succeeded") await finish(client, runId, job);
    const terminal = ["succeeded", "failed", "cancelled"].includes(status);
    await db().run.update({
      where: { id: runId },
      data: {
        status,
        remoteStatus: job.status,
        lastEventId: events[0]?.id ?? run.lastEventId,
        totalSteps: totalSteps ?? null,
        currentStep: last?.step ?? run.currentStep,
        currentEpoch: last ? (last.epoch ?? (totalSteps && nEpochs ? epochOf(last.step, totalSteps, nEpochs) : null)) : run.currentEpoch,
        estimatedFinish: job.estimated_finish ? new Date(job.estimated_finish * 1000) : null,
        fineTunedModel: job.fine_tuned_model ?? null,
        trainedTokens: job.trained_tokens ?? null,
        // The real API sends error {code: null, message: null} on jobs that have not failed.
        error: job.error?.message ? `${job.error.message}${job.error.code ? ` (${job.error.code})` : ""}` : run.error,
        monitoredAt: new Date(),
        ...(terminal ? { finishedAt: new Date() } : {}),
      },
    });
    if (!terminal) {
      const newest = await db().runEvent.findFirst({ where: { runId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
      await deps.scheduleMonitor(runId, nextPollDelay(newest ? Date.now() - newest.createdAt.getTime() : null));
    }
  } catch (e) {
    if (isPermanent(e)) {
      await failRun(runId, e.message);
      throw new UnrecoverableError(e.message);
    }
    throw e;
  }
}

/** Cancels remotely when there is a remote job; otherwise locally (submit checks the flag before creating one). */
export async function cancelRunJob(runId: string, deps: RunDeps): Promise<void> {
  const run = await db().run.findUnique({ where: { id: runId } });
  if (!run || ["succeeded", "failed", "cancelled"].includes(run.status)) return;
  if (!run.remoteJobId) {
    await db().run.updateMany({ where: { id: runId, remoteJobId: null }, data: { status: "cancelled", finishedAt: new Date() } });
    return;
  }
  try {
    await deps.client(run.backend as BackendId).fineTuning.jobs.cancel(run.remoteJobId);
  } catch (e) {
    if (!isPermanent(e)) throw e; // a job that ended meanwhile cannot be cancelled: monitoring records how it ended
  }
  await deps.scheduleMonitor(runId, 0);
}

/** Picks up runs whose monitoring was lost (a worker died, Redis restarted): run every minute by each worker. */
export async function reconcileRuns(deps: RunDeps & { resubmit: (runId: string) => Promise<void> }, staleMs = 120_000): Promise<number> {
  const stale = new Date(Date.now() - staleMs);
  const runs = await db().run.findMany({
    where: { status: { in: ["queued", "validating", "running"] }, OR: [{ monitoredAt: null, createdAt: { lt: stale } }, { monitoredAt: { lt: stale } }] },
    select: { id: true, remoteJobId: true },
  });
  for (const r of runs) {
    if (r.remoteJobId) await deps.scheduleMonitor(r.id, 0);
    else await deps.resubmit(r.id);
  }
  return runs.length;
}
