// The job lifecycle, one tick at a time (README.md, "The simulated job"):
//   pending -> queued -> running (one training step per tick) -> compressing -> uploading -> completed,
//   or error (bad data, scripted fail_at), or cancel_requested -> cancelled.
// Statuses and event types are Together's (openapi.yaml FinetuneJobStatus, FinetuneEventType); event
// messages are this server's (Together publishes none). Losses come from a PRNG seeded by the job id and
// are served by GET /fine-tunes/{id}/metrics with the documented keys (train/loss, train/learning_rate,
// train/global_step), validation losses as eval/loss + eval/global_step rows at the n_evals points.
import { randomBytes } from "node:crypto";
import { hash32, prng } from "../openai-server/util";
import { nanodollars, pricePerMillion } from "./models";
import type { Store } from "./store";
import type { EventType, FineTuneEvent, JobRecord } from "./types";

const iso = () => new Date().toISOString();

export function addEvent(
  rec: JobRecord,
  type: EventType,
  message: string,
  extra: Partial<Pick<FineTuneEvent, "level" | "step" | "checkpoint_path" | "model_path">> = {},
): void {
  const { job } = rec;
  rec.events.push({
    object: "fine-tune-event",
    created_at: iso(),
    level: extra.level ?? "info",
    message,
    type,
    param_count: job.param_count,
    token_count: job.token_count,
    total_steps: rec.totalSteps,
    wandb_url: job.wandb_url ?? "",
    step: extra.step ?? rec.step,
    checkpoint_path: extra.checkpoint_path ?? "",
    model_path: extra.model_path ?? "",
    training_offset: 0,
    hash: randomBytes(16).toString("hex"),
  });
  job.updated_at = iso();
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The learning rate at `step` under the job's warmup and scheduler. */
export function learningRateAt(rec: JobRecord, step: number): number {
  const { learning_rate: peak, warmup_ratio, lr_scheduler } = rec.job;
  const total = rec.totalSteps;
  const warm = Math.floor(warmup_ratio * total);
  if (step <= warm && warm > 0) return (peak * step) / warm;
  // The rate used by `step`: the peak at the first step after warmup, the floor at the last step.
  const progress = total - warm <= 1 ? 0 : (step - warm - 1) / (total - warm - 1);
  const floor = peak * lr_scheduler.lr_scheduler_args.min_lr_ratio;
  if (lr_scheduler.lr_scheduler_type === "linear") return floor + (peak - floor) * (1 - progress);
  const cycles = lr_scheduler.lr_scheduler_args.num_cycles ?? 0.5;
  return floor + (peak - floor) * 0.5 * (1 + Math.cos(2 * Math.PI * cycles * progress));
}

/** Training (and validation) loss at `step`: a noisy decay seeded by (job id, step); same job, same curve. */
export function lossAt(jobId: string, step: number, totalSteps: number, kind: "train" | "eval"): number {
  const job = prng(hash32(jobId));
  const start = 1.6 + 1.2 * job();
  const floor = 0.05 + 0.15 * job();
  const r = prng(hash32(`${jobId}:${kind}:${step}`));
  const noise = r() + r() + r() - 1.5;
  const decay = Math.exp((-3.5 * step) / Math.max(1, totalSteps));
  const loss = floor + (start - floor) * decay * (1 + (kind === "train" ? 0.3 : 0.15) * noise);
  return round6(Math.max(0.0001, kind === "eval" ? loss * 1.08 + 0.02 : loss));
}

function fail(rec: JobRecord, message: string): void {
  Object.assign(rec.job, { status: "error", progress: { estimate_available: false, seconds_remaining: 0 } });
  addEvent(rec, "job_error", message, { level: "error" });
}

function price(rec: JobRecord, tokens: number): number {
  return nanodollars(tokens, pricePerMillion(rec.job.param_count, rec.job.training_type.type));
}

const secondsLeft = (rec: JobRecord, store: Store) => Math.ceil(((rec.totalSteps - rec.step + 3) * store.config.tickMs) / 1000);

/** queued -> running: downloads, the data checks, then training_start (or error). */
function start(rec: JobRecord, store: Store): void {
  const { job } = rec;
  job.status = "running";
  job.started_at = iso();
  job.queue_depth = 0;
  addEvent(rec, "job_start", `Job started at ${job.started_at}`);
  addEvent(rec, "model_downloading", `Downloading model data for ${job.model}`);
  addEvent(rec, "model_download_complete", `Model data downloaded for ${job.model}`);
  addEvent(rec, "training_data_downloading", `Downloading training data ${job.training_file}`);
  addEvent(rec, "training_data_download_complete", `Training data downloaded: ${job.trainingfile_numlines} lines`);
  if (job.validation_file) {
    addEvent(rec, "validation_data_downloading", `Downloading validation data ${job.validation_file}`);
    addEvent(rec, "validation_data_download_complete", "Validation data downloaded");
  }
  const training = store.files.get(job.training_file);
  const validation = job.validation_file ? store.files.get(job.validation_file) : undefined;
  if (!training) return fail(rec, `Training file ${job.training_file} no longer exists.`);
  if (job.validation_file && !validation) return fail(rec, `Validation file ${job.validation_file} no longer exists.`);
  for (const [what, file] of [
    ["Training", training],
    ["Validation", validation],
  ] as const) {
    if (!file) continue;
    store.settleFile(file);
    const report = file.object.validation_report;
    if (report && !report.valid) return fail(rec, `${what} file ${file.object.id} failed validation: ${report.error}`);
    if (report?.dataset_format === "preference_openai")
      return fail(rec, `${what} file ${file.object.id} is in the preference format, which only training_method dpo accepts.`);
  }
  if (training.examples < store.config.minExamples)
    return fail(
      rec,
      `Processing the training file ${job.training_file} resulted in only ${training.examples} samples. Our minimum is ${store.config.minExamples} samples.`,
    );
  rec.stepsPerEpoch = Math.max(1, Math.ceil(training.examples / job.batch_size));
  rec.totalSteps = Math.max(1, rec.script.steps ?? job.n_epochs * rec.stepsPerEpoch);
  const spread = (n: number) => [...new Set(Array.from({ length: n }, (_, k) => Math.max(1, Math.round(((k + 1) * rec.totalSteps) / n))))];
  rec.evalSteps = validation && job.n_evals > 0 ? spread(job.n_evals) : [];
  rec.checkpointSteps = spread(job.n_checkpoints);
  job.eval_steps = job.n_evals > 0 ? Math.max(1, Math.floor(rec.totalSteps / job.n_evals)) : 0;
  rec.trainTokens = training.tokens;
  rec.validTokens = validation?.tokens ?? 0;
  // "total tokens processed = (n_epochs × n_tokens_per_training_dataset) + (n_evals × n_tokens_per_validation_dataset)"
  job.token_count = rec.trainTokens * job.n_epochs + rec.validTokens * job.n_evals;
  if (job.wandb_url) addEvent(rec, "wandb_init", `Weights & Biases run initialized: ${job.wandb_url}`);
  addEvent(rec, "training_start", `Training started for model ${job.model}`);
  job.progress = { estimate_available: true, seconds_remaining: secondsLeft(rec, store) };
}

function trainStep(rec: JobRecord, store: Store): void {
  const { job } = rec;
  const step = rec.step + 1;
  if (rec.script.failAt !== undefined && step >= rec.script.failAt)
    return fail(rec, `Training failed at step ${step} because of an internal error (scripted by the test server).`);
  rec.step = step;
  const now = Date.now();
  rec.metrics.push({
    row: {
      "train/loss": lossAt(job.id, step, rec.totalSteps, "train"),
      "train/learning_rate": learningRateAt(rec, step),
      "train/global_step": step,
    },
    at: now,
  });
  if (rec.evalSteps.includes(step))
    rec.metrics.push({ row: { "eval/loss": lossAt(job.id, step, rec.totalSteps, "eval"), "eval/global_step": step }, at: now });
  if (step % rec.stepsPerEpoch === 0 || step === rec.totalSteps) {
    job.epochs_completed = Math.min(job.n_epochs, job.epochs_completed + 1);
    addEvent(rec, "epoch_complete", `Epoch completed, at step ${step}`, { step });
  }
  if (rec.checkpointSteps.includes(step) && step < rec.totalSteps) {
    const path = `s3://together-test/finetune/${job.id}/checkpoints/step-${step}`;
    rec.checkpoints.push({
      step,
      created_at: iso(),
      path,
      checkpoint_type: "Intermediate",
      checkpoint: job.training_type.type === "Lora" ? "adapter" : "model",
    });
    addEvent(rec, "checkpoint_save", `New checkpoint saved at step ${step}`, { step, checkpoint_path: path });
  }
  job.progress = { estimate_available: true, seconds_remaining: secondsLeft(rec, store) };
}

function complete(rec: JobRecord): void {
  const { job } = rec;
  job.model_output_path = `s3://together-test/finetune/${job.id}/${job.model_output_name}`;
  const at = iso();
  const final = rec.totalSteps;
  if (job.training_type.type === "Lora") {
    rec.checkpoints.push({
      step: final,
      created_at: at,
      path: `${job.model_output_path}/merged`,
      checkpoint_type: "Final Merged",
      checkpoint: "model",
    });
    rec.checkpoints.push({
      step: final,
      created_at: at,
      path: `${job.model_output_path}/adapter`,
      checkpoint_type: "Final Adapter",
      checkpoint: "adapter",
    });
  } else {
    rec.checkpoints.push({ step: final, created_at: at, path: job.model_output_path, checkpoint_type: "Final", checkpoint: "model" });
  }
  job.total_price = price(rec, job.token_count);
  job.status = "completed";
  job.progress = { estimate_available: false, seconds_remaining: 0 };
  addEvent(rec, "model_upload_complete", "Model upload complete", { model_path: job.model_output_path });
  addEvent(rec, "job_complete", `Job finished at ${iso()}`, { model_path: job.model_output_path });
}

/** Moves one job forward by one tick. Finished jobs do not move. */
export function tick(rec: JobRecord, store: Store): void {
  const { job } = rec;
  switch (job.status) {
    case "pending":
      job.status = "queued";
      job.updated_at = iso();
      return;
    case "queued":
      return start(rec, store);
    case "running":
      if (rec.step < rec.totalSteps) return trainStep(rec, store);
      job.status = "compressing";
      addEvent(rec, "training_complete", `Training completed for ${job.model} at ${iso()}`);
      addEvent(rec, "model_compressing", "Compressing output model");
      return;
    case "compressing":
      job.status = "uploading";
      addEvent(rec, "model_compression_complete", "Model compression complete");
      addEvent(rec, "model_uploading", "Uploading output model");
      return;
    case "uploading":
      return complete(rec);
    case "cancel_requested": {
      // "You will be billed for any completed training steps upon cancellation" (together-py cancel.py).
      const done = rec.totalSteps > 0 ? rec.step / rec.totalSteps : 0;
      job.total_price = price(rec, Math.round(job.token_count * done));
      job.status = "cancelled";
      job.progress = { estimate_available: false, seconds_remaining: 0 };
      addEvent(rec, "job_stopped", `Job was cancelled at ${iso()}`);
      return;
    }
    default:
      return;
  }
}
