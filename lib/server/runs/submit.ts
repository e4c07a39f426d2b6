// Worker side, step 1: freeze the dataset (freeze-run.ts), upload the files and create the remote job, exactly once per run.
// Each remote id is stored the moment it exists; before creating a job, an orphan from a worker that
// died between "created" and "stored" is looked up (by the run id in the job's metadata, or by the
// run's tag in the model suffix, as the backend can). The same rules hold for every backend (backend.ts).
import { UnrecoverableError } from "bullmq";
import type { RunConfig } from "../../schemas/runs";
import { db } from "../db";
import { AppError } from "../errors";
import { parseJsonText } from "../json-text";
import type { TrainingBackend } from "./backend";
import { freezeRun } from "./freeze-run";
import { pollBounds } from "./monitor";
import { placeRun, poolInUse } from "./pool";

export interface RunDeps {
  /** The backend a run talks to (for a GPU pool run, the agent it was placed on). */
  backend: (run: { backend: string; agentId: string | null }) => Promise<TrainingBackend>;
  scheduleMonitor: (runId: string, delayMs: number) => Promise<void>;
  /** Submits again later: a pool run waiting for a GPU. */
  scheduleSubmit: (runId: string, delayMs: number) => Promise<void>;
}

/** How long a submitter may take for uploads and job creation before another may take over. */
export function submitLeaseMs(): number {
  return Number(process.env.TOOLTUNE_SUBMIT_LEASE_MS ?? 5 * 60_000);
}

/** The suffix sent to the backend: the user's, plus a tag that makes the run findable in model names. */
export function remoteSuffix(userSuffix: string, runId: string): string {
  const tag = `tt${runId.slice(-8)}`;
  return userSuffix ? `${userSuffix}-${tag}` : tag;
}

export async function failRun(runId: string, message: string) {
  await db().run.updateMany({ where: { id: runId, status: { notIn: ["succeeded", "failed", "cancelled"] } }, data: { status: "failed", error: message, finishedAt: new Date() } });
}

class LeaseLost extends Error {}

export async function submitRun(runId: string, deps: RunDeps): Promise<void> {
  const run = await db().run.findUnique({ where: { id: runId } });
  if (!run) throw new UnrecoverableError(`run ${runId} no longer exists`);
  if (["succeeded", "failed", "cancelled"].includes(run.status)) return;
  if (run.cancelRequested && !run.remoteJobId) {
    await db().run.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } });
    return;
  }
  // The GPU pool: a run is placed on an agent before anything is uploaded; without a free agent it
  // stays queued, says why ("waiting for a GPU: …") and is submitted again a little later.
  if (run.backend === "gpu" && !run.agentId && (await poolInUse())) {
    // A DPO run starts from its parent's adapter, on the agent that trained it (pinned), which has the parent's base model.
    const placed = await placeRun(runId, parseJsonText<RunConfig>(run.config).method?.parentBaseModel ?? run.baseModel, run.pinnedAgentId);
    if ("impossible" in placed) {
      await failRun(runId, placed.impossible);
      throw new UnrecoverableError(placed.impossible);
    }
    if ("waiting" in placed) {
      // monitoredAt tells the reconciler the run is looked after; it resubmits it if this worker dies.
      await db().run.updateMany({ where: { id: runId, status: "queued" }, data: { remoteStatus: placed.waiting, monitoredAt: new Date() } });
      await deps.scheduleSubmit(runId, pollBounds().min);
      return;
    }
    run.agentId = placed.agentId;
    await db().run.update({ where: { id: runId }, data: { remoteStatus: null } });
  }
  // Claim: queued -> validating. A redelivered job finds it validating already and carries on, which
  // is safe because every step below is looked up before it is repeated.
  await db().run.updateMany({ where: { id: runId, status: "queued" }, data: { status: "validating", startedAt: new Date() } });
  // Two submitters at once (a redelivery and the reconciler) could both miss each other's new job:
  // only the holder of the lease submits; the other returns and monitoring follows the holder's job.
  const now = new Date();
  let leaseUntil = new Date(now.getTime() + submitLeaseMs());
  const lease = await db().run.updateMany({
    where: { id: runId, OR: [{ submitLeaseUntil: null }, { submitLeaseUntil: { lt: now } }] },
    data: { submitLeaseUntil: leaseUntil },
  });
  if (lease.count === 0) return;
  // Freezing and uploads can outlast the lease, and then another submitter may take it over. The
  // lease's own timestamp is the token: each renewal is a compare-and-set on it, and one that finds
  // the lease gone stops here, so only one submitter ever reaches job creation.
  const renewLease = async () => {
    const next = new Date(Date.now() + submitLeaseMs());
    const r = await db().run.updateMany({ where: { id: runId, submitLeaseUntil: leaseUntil }, data: { submitLeaseUntil: next } });
    if (r.count === 0) throw new LeaseLost();
    leaseUntil = next;
  };
  const config = parseJsonText<RunConfig>(run.config);
  let backend: TrainingBackend | null = null;
  try {
    const files = await freezeRun(run);
    await renewLease();
    backend = await deps.backend(run);
    let { trainFileId, validFileId, remoteJobId } = run;
    if (!trainFileId) {
      trainFileId = await backend.upload(files.trainFilePath);
      await db().run.update({ where: { id: runId }, data: { trainFileId } });
    }
    if (files.validFilePath && !validFileId) {
      validFileId = await backend.upload(files.validFilePath);
      await db().run.update({ where: { id: runId }, data: { validFileId } });
    }
    await renewLease();
    const suffix = remoteSuffix(config.suffix, runId);
    if (!remoteJobId) remoteJobId = await backend.findJob(runId, suffix);
    if (!remoteJobId) {
      if ((await db().run.findUniqueOrThrow({ where: { id: runId }, select: { cancelRequested: true } })).cancelRequested) {
        await db().run.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } });
        return;
      }
      remoteJobId = await backend.createJob({ runId, config, trainFileId, validFileId: validFileId ?? null, suffix });
    }
    await db().run.update({ where: { id: runId }, data: { remoteJobId, submitLeaseUntil: null } });
  } catch (e) {
    if (e instanceof LeaseLost) return; // another submitter holds the run now and carries on
    await db().run.updateMany({ where: { id: runId, submitLeaseUntil: leaseUntil }, data: { submitLeaseUntil: null } });
    if (e instanceof AppError) {
      // The dataset cannot be frozen (an empty train split): the run fails with the reason, on its page.
      await failRun(runId, `preparing the files failed: ${e.message}`);
      throw new UnrecoverableError(e.message);
    }
    if (backend?.isPermanent(e)) {
      await failRun(runId, e.message);
      throw new UnrecoverableError(e.message);
    }
    throw e; // 429, 5xx, timeouts: BullMQ retries with backoff
  }
  await deps.scheduleMonitor(runId, 0);
}
