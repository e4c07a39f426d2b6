// /v1/fine-tunes: create, list, retrieve, cancel, events, checkpoints, metrics, and the model limits.
// Shapes: openapi.yaml FinetuneResponse (retrieve) and FinetuneResponseTruncated (create, list, cancel),
// FinetuneListEvents, FinetuneListCheckpoints; the metrics endpoint from docs.together.ai/reference/
// get-fine-tunes-id-metrics. None of the list endpoints pages (none documents a cursor or a limit).
import { randomBytes, randomUUID } from "node:crypto";
import { ApiError, badRequest } from "../openai-server/util";
import { FINE_TUNABLE } from "./models";
import { addEvent } from "./simulate";
import { parseScript } from "./scripts";
import type { Store } from "./store";
import type { Job, JobRecord, TrainingType } from "./types";
import { NOT_CANCELLABLE } from "./types";
import { validateCreate } from "./validate";

const iso = () => new Date().toISOString();

function checkFile(store: Store, id: string, param: "training_file" | "validation_file"): void {
  const file = store.files.get(id);
  if (!file) throw badRequest(`File ${id} not found. Upload it with POST /v1/files/upload first.`, param, "file_not_found");
  if (file.object.purpose !== "fine-tune")
    throw badRequest(`File ${id} has purpose '${file.object.purpose}'; fine-tuning needs a file uploaded with purpose 'fine-tune'.`, param);
  if (file.object.processing_status === "INVALID_FORMAT")
    throw badRequest(`File ${id} failed validation: ${file.object.validation_report?.error}`, param, "invalid_file_format");
}

/** `ft-<id>`, `ft-<id>:<step>`, `<output name>` or `<output name>:<step>` of one of our completed jobs. */
function findCheckpoint(store: Store, ref: string): { model: string; trainingType: TrainingType } | null {
  const m = /^(.*?)(?::(\d+))?$/.exec(ref);
  const name = m?.[1] ?? ref;
  const step = m?.[2] === undefined ? null : Number(m[2]);
  for (const rec of store.jobs.values()) {
    if (rec.job.status !== "completed" || (rec.job.id !== name && rec.job.model_output_name !== name)) continue;
    if (step !== null && !rec.checkpoints.some((c) => c.step === step)) return null;
    return { model: rec.job.model, trainingType: rec.job.training_type };
  }
  return null;
}

/** `<account>/<model basename>[-<suffix>]-<8 hex>`, fixed at creation (README.md, "output_name"). */
function outputName(store: Store, model: string, suffix: string | undefined): string {
  const base = model.split("/").pop() ?? model;
  return `${store.config.account}/${base}${suffix ? `-${suffix}` : ""}-${randomBytes(4).toString("hex")}`;
}

export function createJob(body: unknown, store: Store) {
  const req = validateCreate(body, (ref) => findCheckpoint(store, ref));
  checkFile(store, req.training_file, "training_file");
  if (req.validation_file) checkFile(store, req.validation_file, "validation_file");
  const training = store.files.get(req.training_file)!;
  const now = iso();
  const id = `ft-${randomUUID()}`;
  const job: Job = {
    id,
    status: "pending",
    user_id: `user_${store.config.account}`,
    owner_address: `${store.config.account}@example.test`,
    created_at: now,
    updated_at: now,
    model: req.model,
    model_output_name: outputName(store, req.model, req.suffix),
    ...(req.suffix !== undefined ? { suffix: req.suffix } : {}),
    training_file: req.training_file,
    ...(req.validation_file ? { validation_file: req.validation_file } : {}),
    trainingfile_numlines: training.object.LineCount || training.pending?.report.nlines || 0,
    trainingfile_size: training.object.bytes,
    n_epochs: req.n_epochs,
    n_checkpoints: req.n_checkpoints,
    n_evals: req.n_evals,
    batch_size: req.batch_size,
    learning_rate: req.learning_rate,
    lr_scheduler: req.lr_scheduler,
    warmup_ratio: req.warmup_ratio,
    max_grad_norm: req.max_grad_norm,
    weight_decay: req.weight_decay,
    eval_steps: 0,
    train_on_inputs: req.train_on_inputs,
    training_method: { method: "sft", train_on_inputs: req.train_on_inputs },
    training_type: req.training_type,
    packing: req.packing,
    max_seq_length: req.max_seq_length,
    random_seed: req.random_seed,
    token_count: 0,
    param_count: req.params,
    total_price: 0,
    epochs_completed: 0,
    queue_depth:
      store.jobs.size === 0 ? 0 : [...store.jobs.values()].filter((r) => r.job.status === "pending" || r.job.status === "queued").length,
    progress: { estimate_available: false, seconds_remaining: 0 },
    ...(req.wandb_project_name ? { wandb_project_name: req.wandb_project_name } : {}),
    ...(req.wandb_name ? { wandb_name: req.wandb_name } : {}),
    ...(req.wandb_api_key
      ? { wandb_url: `https://wandb.ai/${store.config.account}/${req.wandb_project_name ?? "together"}/runs/${id}` }
      : {}),
    ...(req.from_checkpoint ? { from_checkpoint: req.from_checkpoint } : {}),
  };
  const rec: JobRecord = {
    job,
    script: parseScript(store.config.script, req.suffix),
    events: [],
    checkpoints: [],
    metrics: [],
    step: 0,
    totalSteps: 0,
    stepsPerEpoch: 1,
    evalSteps: [],
    checkpointSteps: [],
    trainTokens: 0,
    validTokens: 0,
  };
  addEvent(rec, "job_pending", "Fine tune request created");
  store.jobs.set(id, rec);
  store.jobsCreated++;
  return truncated(job);
}

export function getJob(store: Store, id: string): JobRecord {
  const rec = store.jobs.get(id);
  if (!rec) throw new ApiError(404, `Fine-tune job ${id} not found.`, "id", "not_found");
  return rec;
}

/** FinetuneResponseTruncated: create, list and cancel answers ("FineTuneTruncated object has no events"). */
export function truncated(job: Job) {
  return {
    id: job.id,
    status: job.status,
    created_at: job.created_at,
    updated_at: job.updated_at,
    ...(job.started_at ? { started_at: job.started_at } : {}),
    user_id: job.user_id,
    owner_address: job.owner_address,
    total_price: job.total_price,
    token_count: job.token_count,
    events: [],
    training_file: job.training_file,
    ...(job.validation_file ? { validation_file: job.validation_file } : {}),
    model: job.model,
    model_output_name: job.model_output_name,
    ...(job.suffix !== undefined ? { suffix: job.suffix } : {}),
    n_epochs: job.n_epochs,
    n_evals: job.n_evals,
    n_checkpoints: job.n_checkpoints,
    batch_size: job.batch_size,
    training_type: job.training_type,
    training_method: job.training_method,
    learning_rate: job.learning_rate,
    lr_scheduler: job.lr_scheduler,
    warmup_ratio: job.warmup_ratio,
    max_grad_norm: job.max_grad_norm,
    weight_decay: job.weight_decay,
    packing: job.packing,
    max_seq_length: job.max_seq_length,
    random_seed: job.random_seed,
    progress: job.progress,
    ...(job.wandb_project_name ? { wandb_project_name: job.wandb_project_name } : {}),
    ...(job.wandb_name ? { wandb_name: job.wandb_name } : {}),
    ...(job.from_checkpoint ? { from_checkpoint: job.from_checkpoint } : {}),
  };
}

/** FinetuneResponse: everything the spec lists for GET /fine-tunes/{id}, events included; no `suffix`. */
export function full(rec: JobRecord) {
  const {
    suffix: _suffix,
    owner_address: _owner,
    packing: _packing,
    max_seq_length: _seq,
    random_seed: _seed,
    wandb_name: _name,
    ...rest
  } = rec.job;
  return { ...rest, job_id: rec.job.id, events: rec.events };
}

const ordered = <T>(items: T[], store: Store) => (store.config.listOrder === "newest-first" ? [...items].reverse() : items);

export function listJobs(store: Store) {
  return {
    data: ordered(
      [...store.jobs.values()].map((r) => truncated(r.job)),
      store,
    ),
  };
}

export function cancelJob(store: Store, id: string) {
  const rec = getJob(store, id);
  if (NOT_CANCELLABLE.has(rec.job.status))
    throw badRequest(`Fine-tune job ${id} cannot be cancelled: its status is '${rec.job.status}'.`, "id", "not_cancellable");
  rec.job.status = "cancel_requested";
  addEvent(rec, "cancel_requested", "Cancel requested by the user");
  return truncated(rec.job);
}

export const listEvents = (store: Store, id: string) => ({ data: ordered(getJob(store, id).events, store) });
export const listCheckpoints = (store: Store, id: string) => ({ data: ordered(getJob(store, id).checkpoints, store) });

function intParam(query: URLSearchParams, key: string): number | null {
  const raw = query.get(key);
  if (raw === null) return null;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`'${key}' must be an integer (got '${raw}')`, key, "invalid_type");
  return Number(raw);
}
function timeParam(query: URLSearchParams, key: string): number | null {
  const raw = query.get(key);
  if (raw === null) return null;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw badRequest(`'${key}' must be an ISO-8601 timestamp (got '${raw}')`, key, "invalid_type");
  return t;
}

/** GET /fine-tunes/{id}/metrics: rows in chronological order; `resolution` samples the train rows only. */
export function listMetrics(store: Store, id: string, query: URLSearchParams) {
  const rec = getJob(store, id);
  const known = ["global_step_from", "global_step_to", "logged_at_from", "logged_at_to", "resolution"];
  const extra = [...query.keys()].find((k) => !known.includes(k));
  if (extra) throw badRequest(`Unknown query parameter '${extra}'. Known: ${known.join(", ")}`, extra, "unknown_parameter");
  const from = intParam(query, "global_step_from");
  const to = intParam(query, "global_step_to");
  const after = timeParam(query, "logged_at_from");
  const before = timeParam(query, "logged_at_to");
  const resolution = intParam(query, "resolution");
  if (resolution !== null && resolution < 1)
    throw badRequest(`'resolution' must be at least 1 (got ${resolution})`, "resolution", "invalid_value");
  const step = (row: Record<string, number>) => row["train/global_step"] ?? row["eval/global_step"];
  const kept = rec.metrics.filter(
    ({ row, at }) =>
      (from === null || step(row) >= from) &&
      (to === null || step(row) <= to) &&
      (after === null || at >= after) &&
      (before === null || at <= before),
  );
  let rows = kept.map((m) => m.row);
  if (resolution !== null) {
    const train = rows.filter((r) => "train/loss" in r);
    if (train.length > resolution) {
      const picked = new Set(
        Array.from({ length: resolution }, (_, i) => train[Math.round((i * (train.length - 1)) / Math.max(1, resolution - 1))]),
      );
      rows = rows.filter((r) => !("train/loss" in r) || picked.has(r));
    }
  }
  return { metrics: rows.map((r) => ({ ...r })) };
}

/** GET /fine-tunes/models/limits?model_name=: FinetuneModelLimits of a base model. */
export function modelLimits(query: URLSearchParams) {
  const name = query.get("model_name");
  if (!name) throw badRequest("Missing required query parameter 'model_name'", "model_name", "missing_required_parameter");
  const entry = FINE_TUNABLE.get(name);
  if (!entry)
    throw new ApiError(
      404,
      `The model ${name} is not available for fine-tuning. See https://docs.together.ai/docs/fine-tuning/supported-models`,
      "model_name",
      "model_not_available",
    );
  return entry.limits;
}
