// The job lifecycle, one tick at a time (README.md, "The simulated job"):
//   JOB_STATE_CREATING -> PENDING -> VALIDATING -> RUNNING (one training step per tick) -> WRITING_RESULTS
//   -> COMPLETED (the output model is READY), or FAILED (data, scripted fail_at), or CANCELLING -> CANCELLED,
//   or DELETING -> gone. State names are Fireworks' (gatewayJobState); the order is this server's choice.
// Losses come from the Together server's PRNG curve (lossAt, seeded by the job id) and go to the job's
// metrics file, a JSON Lines file behind `metricsFileSignedUrl` (README.md, "Losses").
import { lossAt } from "../together-server/simulate";
import { BASE_MODELS } from "./models";
import type { Store } from "./store";
import type { JobRecord, Status } from "./types";

const iso = () => new Date().toISOString();

function fail(rec: JobRecord, status: Status): void {
  Object.assign(rec.job, { state: "JOB_STATE_FAILED", status, updateTime: iso(), completedTime: iso() });
}

/** The learning rate used by `step`: linear warmup, then the scheduler (constant when unset, "the legacy constant schedule"). */
export function learningRateAt(rec: JobRecord, step: number): number {
  const { learningRate: peak, learningRateWarmupSteps: warm, lrScheduler } = rec.job;
  if (warm > 0 && step <= warm) return (peak * step) / warm;
  const kind = lrScheduler ? Object.keys(lrScheduler)[0] : "constant";
  if (kind === "constant") return peak;
  const args = (lrScheduler![kind] ?? {}) as { decayRatio?: number; minLrRatio?: number };
  const floor = peak * (args.minLrRatio ?? 0);
  const span = Math.max(1, Math.round((rec.totalSteps - warm) * (args.decayRatio || 1)));
  const progress = Math.min(1, (step - warm - 1) / Math.max(1, span - 1));
  const shape = kind === "linear" ? 1 - progress : 0.5 * (1 + Math.cos(Math.PI * progress));
  return floor + (peak - floor) * shape;
}

/** VALIDATING -> RUNNING, or FAILED when the data cannot be trained on. */
function validate(rec: JobRecord, store: Store): void {
  const { job } = rec;
  const datasetId = job.dataset.split("/").pop()!;
  const training = store.datasets.get(datasetId);
  if (!training || training.dataset.state !== "READY")
    return fail(rec, { code: "FAILED_PRECONDITION", message: `Dataset ${job.dataset} no longer exists or is not ready` });
  if (training.examples < store.config.minExamples)
    return fail(rec, {
      code: "INVALID_ARGUMENT",
      message: `Dataset ${job.dataset} has ${training.examples} examples; fine-tuning needs at least ${store.config.minExamples}`,
    });
  if (job.evaluationDataset) {
    const evaluation = store.datasets.get(job.evaluationDataset.split("/").pop()!);
    if (!evaluation || evaluation.dataset.state !== "READY")
      return fail(rec, { code: "FAILED_PRECONDITION", message: `Dataset ${job.evaluationDataset} no longer exists or is not ready` });
  }
  rec.stepsPerEpoch = Math.max(1, Math.ceil(training.examples / job.batchSizeSamples));
  rec.totalSteps = Math.max(1, rec.script.steps ?? job.epochs * rec.stepsPerEpoch);
  const q = new URLSearchParams({
    "X-Goog-Algorithm": "GOOG4-RSA-SHA256",
    "X-Goog-Expires": "604800",
    "X-Goog-Signature": rec.signature,
  });
  Object.assign(job, {
    state: "JOB_STATE_RUNNING",
    updateTime: iso(),
    metricsFileSignedUrl: `${store.origin}/signed/metrics/${store.config.account}/${rec.id}/metrics.jsonl?${q}`,
    jobProgress: { percent: 0, epoch: 0, totalInputRequests: training.examples, totalProcessedRequests: 0 },
  });
}

function trainStep(rec: JobRecord): void {
  const { job } = rec;
  const step = rec.step + 1;
  if (rec.script.failAt !== undefined && step >= rec.script.failAt)
    return fail(rec, {
      code: "INTERNAL",
      message: `Training failed at step ${step} because of an internal error (scripted by the test server).`,
    });
  rec.step = step;
  const epoch = Math.min(job.epochs - 1, Math.floor((step - 1) / rec.stepsPerEpoch));
  const timestamp = iso();
  rec.metrics.push({
    step,
    epoch,
    "train/loss": lossAt(rec.id, step, rec.totalSteps, "train"),
    "train/learning_rate": learningRateAt(rec, step),
    timestamp,
  });
  const epochEnd = step % rec.stepsPerEpoch === 0 || step === rec.totalSteps;
  if (rec.evaluates && epochEnd) rec.metrics.push({ step, epoch, "eval/loss": lossAt(rec.id, step, rec.totalSteps, "eval"), timestamp });
  const total = job.jobProgress.totalInputRequests ?? 0;
  job.jobProgress = {
    percent: Math.floor((100 * step) / rec.totalSteps),
    epoch,
    totalInputRequests: total,
    totalProcessedRequests: Math.min(total * job.epochs, step * job.batchSizeSamples),
  };
  job.updateTime = timestamp;
  if (step >= rec.totalSteps) job.state = "JOB_STATE_WRITING_RESULTS";
}

function complete(rec: JobRecord, store: Store): void {
  const { job } = rec;
  const now = iso();
  const base = BASE_MODELS.get(rec.base)!;
  store.models.set(job.outputModel, {
    name: job.outputModel,
    displayName: job.displayName.slice(0, 63),
    createTime: now,
    updateTime: now,
    kind: "HF_PEFT_ADDON",
    state: "READY",
    status: { code: "OK", message: "" },
    fineTuningJob: job.name,
    peftDetails: { baseModel: rec.base, r: job.loraRank, targetModules: base.targetModules },
    contextLength: base.contextLength,
    supportsTools: true,
    supportsLora: true,
    tunable: true,
  });
  Object.assign(job, { state: "JOB_STATE_COMPLETED", updateTime: now, completedTime: now });
  job.jobProgress = { ...job.jobProgress, percent: 100 };
}

/** Moves one job forward by one tick. Finished jobs do not move; a deleting job is removed. */
export function tick(rec: JobRecord, store: Store): void {
  const { job } = rec;
  switch (job.state) {
    case "JOB_STATE_CREATING":
      Object.assign(job, { state: "JOB_STATE_PENDING", updateTime: iso() });
      return;
    case "JOB_STATE_PENDING":
      Object.assign(job, { state: "JOB_STATE_VALIDATING", updateTime: iso() });
      return;
    case "JOB_STATE_VALIDATING":
      return validate(rec, store);
    case "JOB_STATE_RUNNING":
      return trainStep(rec);
    case "JOB_STATE_WRITING_RESULTS":
      return complete(rec, store);
    case "JOB_STATE_CANCELLING":
      Object.assign(job, {
        state: "JOB_STATE_CANCELLED",
        status: { code: "CANCELLED", message: "The job was cancelled by the user." },
        updateTime: iso(),
        completedTime: iso(),
      });
      return;
    case "JOB_STATE_DELETING":
      store.jobs.delete(rec.id);
      return;
    default:
      return;
  }
}
