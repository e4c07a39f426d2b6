// The job lifecycle, one tick at a time: validating_files -> queued -> running (one training step
// per tick, a metrics event each, a checkpoint per epoch) -> succeeded, or failed / paused by script.
// Event messages copy the real ones; losses come from a PRNG seeded by the job id, so the same job
// always produces the same curve.
import type { Checkpoint, DpoStepMetrics, JobError, JobEvent, JobRecord, StepMetrics } from "./types";
import type { Store } from "./store";
import { hash32, newId, nowSeconds, prng, pyFloat, round5 } from "./util";

export const MIN_EXAMPLES = 10;
const KEEP_CHECKPOINTS = 3; // "only the checkpoints for the last 3 epochs of the job are saved"

export function addEvent(rec: JobRecord, message: string, extra: Partial<Pick<JobEvent, "level" | "type" | "data">> = {}): void {
  rec.events.push({
    object: "fine_tuning.job.event",
    id: newId("ftevent-"),
    created_at: nowSeconds(),
    level: extra.level ?? "info",
    message,
    data: extra.data ?? {},
    type: extra.type ?? "message",
  });
}

export const noError = (store: Store): JobError | null => (store.config.errorNull ? null : { code: null, message: null, param: null });

/** Metrics of one step: a noisy exponential decay towards a floor, seeded by (job id, step). */
export function metricsAt(rec: JobRecord, step: number, withValidation: boolean): StepMetrics {
  const job = prng(hash32(rec.job.id));
  const start = 2 + 1.5 * job();
  const floor = 0.03 + 0.12 * job();
  const r = prng(hash32(`${rec.job.id}:${step}`));
  const noise = () => r() + r() + r() - 1.5; // roughly normal, sd 0.5
  const decay = Math.exp((-4 * step) / rec.totalSteps);
  const loss = (scale: number) => Math.max(0, floor + (start - floor) * decay * (1 + scale * noise()));
  const acc = (l: number) => Math.min(1, Math.max(0, 1 - l / (start * 1.6) + 0.06 * noise()));
  const train = loss(0.35);
  const m: StepMetrics = { step, train_loss: round5(train), train_mean_token_accuracy: round5(acc(train)) };
  const epochEnd = rec.epochEnds.includes(step);
  if (withValidation && (epochEnd || step % Math.max(1, Math.floor(rec.totalSteps / 10)) === 0)) {
    const valid = loss(0.2) * 1.1;
    m.valid_loss = round5(valid);
    m.valid_mean_token_accuracy = round5(acc(valid));
  }
  if (withValidation && epochEnd) {
    const full = floor * 1.2 + (start - floor) * decay * 1.1;
    m.full_valid_loss = round5(full);
    m.full_valid_mean_token_accuracy = round5(acc(full));
  }
  return m;
}

/**
 * A DPO step: the loss starts at ln 2 (the policy equals the reference: every margin 0) and falls as
 * the chosen answers' reward rises above the rejected ones'; accuracy climbs from a coin flip.
 */
export function dpoMetricsAt(rec: JobRecord, step: number, withValidation: boolean, beta: number): DpoStepMetrics {
  const r = prng(hash32(`${rec.job.id}:${step}`));
  const noise = () => r() + r() + r() - 1.5;
  const progress = 1 - Math.exp((-3 * step) / rec.totalSteps);
  const margin = Math.max(0, 40 * beta * progress * (1 + 0.2 * noise()));
  const chosen = margin * 0.3 + 0.05 * noise();
  const loss = Math.log(1 + Math.exp(-margin * 2)) + 0.01 * Math.abs(noise());
  const accuracy = Math.min(1, Math.max(0, 0.5 + 0.5 * progress + 0.05 * noise()));
  const m: DpoStepMetrics = {
    step,
    train_loss: round5(loss),
    "rewards/chosen": round5(chosen),
    "rewards/rejected": round5(chosen - margin),
    "rewards/margins": round5(margin),
    "rewards/accuracies": round5(accuracy),
  };
  if (withValidation && (rec.epochEnds.includes(step) || step % Math.max(1, Math.floor(rec.totalSteps / 10)) === 0)) {
    m.valid_loss = round5(loss * 1.1);
    m["valid_rewards/margins"] = round5(margin * 0.9);
    m["valid_rewards/accuracies"] = round5(Math.max(0, accuracy - 0.05));
  }
  return m;
}

/** The results file: the real header and number format (see drone_ftjob_result_file.csv); a DPO step fills its losses only. */
export function resultsCsv(rows: (StepMetrics | DpoStepMetrics)[]): string {
  const cell = (x: number | undefined) => (x === undefined ? "" : pyFloat(x));
  const acc = (m: StepMetrics | DpoStepMetrics, k: "train_mean_token_accuracy" | "valid_mean_token_accuracy") =>
    "train_mean_token_accuracy" in m ? m[k] : undefined;
  const lines = rows.map((m) =>
    [
      String(m.step),
      cell(m.train_loss),
      cell(acc(m, "train_mean_token_accuracy")),
      cell(m.valid_loss),
      cell(acc(m, "valid_mean_token_accuracy")),
    ].join(","),
  );
  return ["step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy", ...lines].join("\n") + "\n";
}

function fail(rec: JobRecord, error: JobError): void {
  Object.assign(rec.job, { status: "failed", error, estimated_finish: null });
  addEvent(rec, error.message ?? "The job failed", { level: "error" });
}

function validate(rec: JobRecord, store: Store): void {
  const { job, script } = rec;
  const file = store.files.get(job.training_file);
  if (!file)
    return fail(rec, {
      code: "invalid_training_file",
      message: `Training file ${job.training_file} no longer exists.`,
      param: "training_file",
    });
  const dpo = job.method.type === "dpo";
  if (dpo && file.format !== "preference")
    return fail(rec, {
      code: "invalid_training_file",
      message:
        "Invalid file format. Line 1 is not a preference pair: the 'dpo' method trains on lines with 'input', 'preferred_output' and 'non_preferred_output'.",
      param: "training_file",
    });
  if (!dpo && file.format === "preference")
    return fail(rec, {
      code: "invalid_training_file",
      message: "Invalid file format. Line 1 is missing the 'messages' list (a preference file trains with method 'dpo').",
      param: "training_file",
    });
  if (file.chatProblem && !/^(babbage|davinci)-002$/.test(job.model))
    return fail(rec, { code: "invalid_training_file", message: `Invalid file format. ${file.chatProblem}.`, param: "training_file" });
  const n = file.examples;
  if (n < MIN_EXAMPLES)
    return fail(rec, {
      code: "invalid_n_examples",
      message: `Training file has ${n} example(s), but must have at least ${MIN_EXAMPLES} examples`,
      param: "training_file",
    });
  const hp = job.hyperparameters;
  // "auto" n_epochs as the OpenAI cookbook's data-prep notebook describes it: aim for 100..25000 examples seen.
  const autoEpochs = n * 3 < 100 ? Math.min(25, Math.floor(100 / n)) : n * 3 > 25000 ? Math.max(1, Math.floor(25000 / n)) : 3;
  const nEpochs = hp.n_epochs === "auto" ? (script.epochs ?? autoEpochs) : hp.n_epochs;
  const batch = hp.batch_size === "auto" ? Math.min(256, Math.max(1, Math.round(n * 0.002))) : hp.batch_size;
  const resolved = {
    batch_size: batch,
    learning_rate_multiplier: hp.learning_rate_multiplier === "auto" ? 2 : hp.learning_rate_multiplier,
    n_epochs: nEpochs,
  };
  job.hyperparameters = resolved;
  const beta = job.method.type === "dpo" ? job.method.dpo.hyperparameters.beta : null;
  job.method =
    beta !== null
      ? { type: "dpo", dpo: { hyperparameters: { ...resolved, beta: beta === "auto" ? 0.1 : beta } } }
      : { type: "supervised", supervised: { hyperparameters: { ...resolved } } };
  rec.totalSteps = Math.max(1, script.steps ?? nEpochs * Math.ceil(n / batch));
  rec.epochEnds = [...new Set(Array.from({ length: nEpochs }, (_, e) => Math.round(((e + 1) * rec.totalSteps) / nEpochs)))].filter(
    (s) => s > 0,
  );
  rec.tokens = file.tokens * nEpochs;
  job.status = "queued";
  addEvent(rec, "Files validated, moving job to queued state");
}

function trainStep(rec: JobRecord, store: Store): void {
  const { job, script } = rec;
  const step = rec.step + 1;
  if (script.failAt !== undefined && step >= script.failAt)
    return fail(rec, { code: "server_error", message: `The job failed due to an internal error at step ${step}.`, param: null });
  rec.step = step;
  const beta = job.method.type === "dpo" ? job.method.dpo.hyperparameters.beta : null;
  const m =
    beta !== null
      ? dpoMetricsAt(rec, step, job.validation_file !== null, beta === "auto" ? 0.1 : beta)
      : metricsAt(rec, step, job.validation_file !== null);
  rec.rows.push(m);
  let message = `Step ${step}/${rec.totalSteps}: training loss=${m.train_loss.toFixed(2)}`;
  if (m.valid_loss !== undefined) message += `, validation loss=${m.valid_loss.toFixed(2)}`;
  if ("full_valid_loss" in m && m.full_valid_loss !== undefined) message += `, full validation loss=${m.full_valid_loss.toFixed(2)}`;
  if ("rewards/margins" in m) message += `, reward margin=${m["rewards/margins"].toFixed(2)}`;
  addEvent(rec, message, { type: "metrics", data: { ...m, total_steps: rec.totalSteps } });
  if (rec.epochEnds.includes(step)) {
    const checkpoint: Checkpoint = {
      object: "fine_tuning.job.checkpoint",
      id: newId("ftckpt_"),
      created_at: nowSeconds(),
      fine_tuned_model_checkpoint: `${rec.modelName}:ckpt-step-${step}`,
      fine_tuning_job_id: job.id,
      metrics: m,
      step_number: step,
    };
    rec.checkpoints.push(checkpoint);
    if (rec.checkpoints.length > KEEP_CHECKPOINTS) rec.checkpoints.shift();
    addEvent(rec, `Checkpoint created at step ${step} with Snapshot ID: ${checkpoint.fine_tuned_model_checkpoint}`);
  }
  if (script.pause && !rec.pausedOnce && step === Math.max(1, Math.floor(rec.totalSteps / 2))) {
    rec.pausedOnce = true;
    Object.assign(job, { status: "paused", estimated_finish: null });
    addEvent(rec, "Fine-tuning job paused");
  } else {
    job.estimated_finish = nowSeconds() + Math.ceil(((rec.totalSteps - step + 1) * store.config.tickMs) / 1000);
  }
}

function succeed(rec: JobRecord, store: Store): void {
  const { job } = rec;
  const csv = resultsCsv(rec.rows);
  // Older (gpt-3.5) jobs served the results file base64-encoded; the cookbook b64-decodes it.
  const content = job.model.startsWith("gpt-3.5") ? Buffer.from(Buffer.from(csv).toString("base64")) : Buffer.from(csv);
  const file = store.addFile(content, "step_metrics.csv", "fine-tune-results");
  Object.assign(job, {
    status: "succeeded",
    fine_tuned_model: rec.modelName,
    finished_at: nowSeconds(),
    trained_tokens: rec.tokens,
    result_files: [file.object.id],
    estimated_finish: null,
  });
  addEvent(rec, `New fine-tuned model created: ${rec.modelName}`);
  addEvent(rec, "Evaluating model against our usage policies");
  addEvent(rec, "Usage policy evaluations completed, model is now enabled for sampling");
  addEvent(rec, "The job has successfully completed");
}

/** Moves one job forward by one tick. Paused and finished jobs do not move. */
export function tick(rec: JobRecord, store: Store): void {
  const { job } = rec;
  if (job.status === "validating_files") validate(rec, store);
  else if (job.status === "queued") {
    job.status = "running";
    if (rec.step === 0) addEvent(rec, "Fine-tuning job started");
    job.estimated_finish = nowSeconds() + Math.ceil(((rec.totalSteps - rec.step + 1) * store.config.tickMs) / 1000);
  } else if (job.status === "running") {
    if (rec.step >= rec.totalSteps) succeed(rec, store);
    else trainStep(rec, store);
  }
}
