// Worker side, step 2: follow the remote job until it ends, whatever the backend (backend.ts). Events
// are read incrementally, newest first down to the last event already stored, and stored once each;
// metric points are unique per (run, step): re-reading is harmless.
import { UnrecoverableError } from "bullmq";
import type { RunConfig } from "../../schemas/runs";
import type { MetricPoint } from "../../training/types";
import { epochOf } from "../../training/events";
import { db } from "../db";
import { jsonText, parseJsonText } from "../json-text";
import type { BackendEvent, BackendJob, TrainingBackend } from "./backend";
import { failRun, type RunDeps } from "./submit";

export function pollBounds() {
  return { min: Number(process.env.TOOLTUNE_POLL_MIN_MS ?? 2000), max: Number(process.env.TOOLTUNE_POLL_MAX_MS ?? 30_000) };
}

/** Polls back off while nothing happens: a quarter of the time since the newest event, within bounds. */
export function nextPollDelay(msSinceLastEvent: number | null): number {
  const { min, max } = pollBounds();
  if (msSinceLastEvent === null) return min;
  return Math.min(max, Math.max(min, Math.round(msSinceLastEvent / 4)));
}

async function storePoints(runId: string, points: MetricPoint[]) {
  for (const p of points) {
    const { step, ...values } = p;
    const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
    await db().metricPoint.upsert({ where: { runId_step: { runId, step } }, create: { runId, step, ...values }, update: present });
  }
}

async function storeEvents(runId: string, events: BackendEvent[]) {
  const known = new Set(
    (await db().runEvent.findMany({ where: { runId, remoteId: { in: events.map((e) => e.id) } }, select: { remoteId: true } })).map((e) => e.remoteId),
  );
  for (const e of events.slice().reverse()) {
    if (known.has(e.id)) continue;
    await db().runEvent.create({
      data: { runId, remoteId: e.id, createdAt: e.createdAt, level: e.level, type: e.type, message: e.message, data: e.data ? jsonText(e.data) : null },
    });
  }
}

async function finish(backend: TrainingBackend, runId: string, job: BackendJob) {
  const { checkpoints, points } = await backend.results(job);
  for (const c of checkpoints) {
    await db().checkpoint.upsert({
      where: { runId_remoteId: { runId, remoteId: c.remoteId } },
      create: { runId, remoteId: c.remoteId, step: c.step, model: c.model, metrics: jsonText(c.metrics), createdAt: c.createdAt },
      update: {},
    });
  }
  await storePoints(runId, points);
}

export async function monitorRun(runId: string, deps: RunDeps): Promise<void> {
  const run = await db().run.findUnique({ where: { id: runId } });
  if (!run) throw new UnrecoverableError(`run ${runId} no longer exists`);
  if (["succeeded", "failed", "cancelled"].includes(run.status)) return;
  if (!run.remoteJobId) return; // submit-run has not created it yet; it schedules monitoring itself
  const config = parseJsonText<RunConfig>(run.config);
  const backend = await deps.backend(run);
  try {
    const job = await backend.job(run.remoteJobId);
    const nEpochs = job.nEpochs ?? (typeof config.hyperparameters.n_epochs === "number" ? config.hyperparameters.n_epochs : null);
    const { events, points, totalSteps: reported } = await backend.progress(job.id, { eventId: run.lastEventId, step: run.currentStep }, nEpochs);
    await storeEvents(runId, events);
    await storePoints(runId, points);
    const last = points.at(-1) ?? null;
    const totalSteps = reported ?? run.totalSteps;
    const status = job.status ?? run.status; // unknown statuses (e.g. "paused") are shown, not guessed at
    if (status === "succeeded") await finish(backend, runId, job);
    const terminal = ["succeeded", "failed", "cancelled"].includes(status);
    await db().run.update({
      where: { id: runId },
      data: {
        status,
        remoteStatus: job.remoteStatus,
        lastEventId: events[0]?.id ?? run.lastEventId,
        totalSteps: totalSteps ?? null,
        currentStep: last ? Math.max(last.step, run.currentStep ?? 0) : run.currentStep,
        currentEpoch: last ? (last.epoch ?? (totalSteps && nEpochs ? epochOf(last.step, totalSteps, nEpochs) : null)) : run.currentEpoch,
        estimatedFinish: job.estimatedFinish,
        fineTunedModel: job.fineTunedModel,
        trainedTokens: job.trainedTokens,
        error: job.error ?? run.error,
        monitoredAt: new Date(),
        ...(terminal ? { finishedAt: new Date() } : {}),
      },
    });
    if (!terminal) {
      const newest = await db().runEvent.findFirst({ where: { runId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
      await deps.scheduleMonitor(runId, nextPollDelay(newest ? Date.now() - newest.createdAt.getTime() : null));
    }
  } catch (e) {
    if (backend.isPermanent(e)) {
      await failRun(runId, e.message);
      throw new UnrecoverableError(e.message);
    }
    // A pool agent that went away: its run resumes when it returns (the agent restarts from the last
    // checkpoint), unless it has been gone longer than the timeout.
    const lost = run.agentId ? await agentLostFor(run.agentId) : null;
    if (lost) {
      await failRun(runId, lost);
      throw new UnrecoverableError(lost);
    }
    throw e;
  }
}

/** Why a run on this agent is given up (gone longer than TOOLTUNE_AGENT_LOST_MS, default 30 minutes), or null. */
async function agentLostFor(agentId: string): Promise<string | null> {
  const limit = Number(process.env.TOOLTUNE_AGENT_LOST_MS ?? 30 * 60_000);
  const a = await db().gpuAgent.findUnique({ where: { id: agentId }, select: { name: true, online: true, lastSeenAt: true, lastError: true } });
  if (!a) return "the GPU agent this run was placed on is no longer registered";
  if (a.online || (a.lastSeenAt && Date.now() - a.lastSeenAt.getTime() < limit)) return null;
  return `the GPU agent ${a.name} has not answered for ${Math.round(limit / 60_000)} minutes (${a.lastError ?? "no answer"}); the run cannot go on`;
}

/** Cancels remotely when there is a remote job; otherwise locally (submit checks the flag before creating one). */
export async function cancelRunJob(runId: string, deps: RunDeps): Promise<void> {
  const run = await db().run.findUnique({ where: { id: runId } });
  if (!run || ["succeeded", "failed", "cancelled"].includes(run.status)) return;
  if (!run.remoteJobId) {
    await db().run.updateMany({ where: { id: runId, remoteJobId: null }, data: { status: "cancelled", finishedAt: new Date() } });
    return;
  }
  const backend = await deps.backend(run);
  try {
    await backend.cancel(run.remoteJobId);
  } catch (e) {
    if (!backend.isPermanent(e)) throw e; // a job that ended meanwhile cannot be cancelled: monitoring records how it ended
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
