// POST /v1/fine-tunes body checks: the request schema (openapi.yaml /fine-tunes post; together-typescript
// FineTuningCreateParams), the ranges of docs.together.ai/reference/cli/finetune and the model limits
// (models.ts). Where Together's Python SDK checks a value client-side (together-python
// resources/finetune.py create_finetune_request) its sentence is used; Together does not publish the
// server's own wording, so the other sentences are this server's.
import { ApiError, badRequest } from "../openai-server/util";
import { FINE_TUNABLE, type ModelLimits } from "./models";
import type { LoraType, LrScheduler, TrainingType } from "./types";

/** Every field of FineTuningCreateParams; anything else is refused. */
export const CREATE_KEYS = [
  "training_file",
  "validation_file",
  "model",
  "n_epochs",
  "n_checkpoints",
  "n_evals",
  "batch_size",
  "learning_rate",
  "lr_scheduler",
  "warmup_ratio",
  "max_grad_norm",
  "weight_decay",
  "suffix",
  "wandb_api_key",
  "wandb_base_url",
  "wandb_project_name",
  "wandb_name",
  "wandb_entity",
  "train_on_inputs",
  "training_method",
  "training_type",
  "from_checkpoint",
  "from_hf_model",
  "hf_model_revision",
  "hf_api_token",
  "hf_output_repo_name",
  "packing",
  "max_seq_length",
  "random_seed",
  "multimodal_params",
  "gradient_accumulation_steps",
  "early_stopping_enabled",
  "early_stopping_min_delta",
  "early_stopping_patience",
  "early_stopping_warmup_evals",
];

/** The API's suffix limit: "Must be at most 64 characters long" (together-typescript FineTuningCreateParams.suffix). */
export const SUFFIX_MAX = 64;

export interface CreateRequest {
  model: string;
  training_file: string;
  validation_file?: string;
  from_checkpoint?: string;
  n_epochs: number;
  n_checkpoints: number;
  n_evals: number;
  batch_size: number;
  learning_rate: number;
  lr_scheduler: LrScheduler;
  warmup_ratio: number;
  max_grad_norm: number;
  weight_decay: number;
  suffix?: string;
  train_on_inputs: boolean | "auto";
  training_type: TrainingType;
  packing: boolean;
  max_seq_length: number;
  random_seed: number | null;
  wandb_api_key?: string;
  wandb_project_name?: string;
  wandb_name?: string;
  limits: ModelLimits;
  params: number;
}

const bad = (message: string, param: string | null, code: string | null = "invalid_value") => badRequest(message, param, code);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

function integer(b: Record<string, unknown>, key: string, fallback: number): number {
  const v = b[key];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v))
    throw bad(`'${key}' must be an integer (got ${typeName(v)} ${JSON.stringify(v)})`, key, "invalid_type");
  return v;
}
function number(b: Record<string, unknown>, key: string, fallback: number): number {
  const v = b[key];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v)) throw bad(`'${key}' must be a number (got ${typeName(v)})`, key, "invalid_type");
  return v;
}
function string(b: Record<string, unknown>, key: string): string | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw bad(`'${key}' must be a string (got ${typeName(v)})`, key, "invalid_type");
  return v;
}
function boolean(b: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = b[key];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw bad(`'${key}' must be a boolean (got ${typeName(v)})`, key, "invalid_type");
  return v;
}
function range(value: number, key: string, min: number, max: number, label = key): void {
  if (value < min || value > max) throw bad(`${label} must be between ${min} and ${max} (got ${value})`, key);
}

function lrScheduler(v: unknown): LrScheduler {
  if (v === undefined) return { lr_scheduler_type: "linear", lr_scheduler_args: { min_lr_ratio: 0 } };
  if (!isObject(v)) throw bad("'lr_scheduler' must be an object with lr_scheduler_type", "lr_scheduler", "invalid_type");
  const unknown = Object.keys(v).find((k) => k !== "lr_scheduler_type" && k !== "lr_scheduler_args");
  if (unknown) throw bad(`Unknown field 'lr_scheduler.${unknown}'`, `lr_scheduler.${unknown}`);
  const type = v.lr_scheduler_type;
  if (type !== "linear" && type !== "cosine")
    throw bad(`lr_scheduler_type must be one of linear, cosine (got ${JSON.stringify(type)})`, "lr_scheduler.lr_scheduler_type");
  const args = v.lr_scheduler_args === undefined ? {} : v.lr_scheduler_args;
  if (!isObject(args)) throw bad("'lr_scheduler.lr_scheduler_args' must be an object", "lr_scheduler.lr_scheduler_args", "invalid_type");
  const allowed = type === "cosine" ? ["min_lr_ratio", "num_cycles"] : ["min_lr_ratio"];
  const extra = Object.keys(args).find((k) => !allowed.includes(k));
  if (extra)
    throw bad(
      `Unknown field 'lr_scheduler.lr_scheduler_args.${extra}' for the ${type} scheduler`,
      `lr_scheduler.lr_scheduler_args.${extra}`,
    );
  const ratio = number(args, "min_lr_ratio", 0);
  if (ratio < 0 || ratio > 1)
    throw bad(`Min learning rate ratio should be between 0 and 1 (got ${ratio})`, "lr_scheduler.lr_scheduler_args.min_lr_ratio");
  if (type === "linear") return { lr_scheduler_type: "linear", lr_scheduler_args: { min_lr_ratio: ratio } };
  const cycles = number(args, "num_cycles", 0.5);
  if (cycles <= 0) throw bad(`Number of cycles should be greater than 0 (got ${cycles})`, "lr_scheduler.lr_scheduler_args.num_cycles");
  return { lr_scheduler_type: "cosine", lr_scheduler_args: { min_lr_ratio: ratio, num_cycles: cycles } };
}

function trainingType(v: unknown, model: string, limits: ModelLimits, inherited: TrainingType | null): TrainingType {
  if (v === undefined || v === null) {
    if (inherited) return inherited;
    // "If not provided, the job will default to LoRA training type"; together-python fills lora_r with the
    // model's max rank and lora_alpha with twice that.
    const r = limits.lora_training.max_rank;
    return { type: "Lora", lora_r: r, lora_alpha: r * 2, lora_dropout: 0, lora_trainable_modules: "all-linear" };
  }
  if (!isObject(v)) throw bad("'training_type' must be an object", "training_type", "invalid_type");
  if (v.type === "Full") {
    const extra = Object.keys(v).find((k) => k !== "type");
    if (extra) throw bad(`Unknown field 'training_type.${extra}' for Full training`, `training_type.${extra}`);
    if (!limits.supports_full_training) throw bad(`Full training is not supported for the selected model (${model}).`, "training_type");
    return { type: "Full" };
  }
  if (v.type !== "Lora") throw bad(`training_type.type must be one of Full, Lora (got ${JSON.stringify(v.type)})`, "training_type.type");
  const keys = ["type", "lora_r", "lora_alpha", "lora_dropout", "lora_trainable_modules"];
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra) throw bad(`Unknown field 'training_type.${extra}' for Lora training`, `training_type.${extra}`);
  for (const key of ["lora_r", "lora_alpha"])
    if (v[key] === undefined)
      throw bad(`Missing required field 'training_type.${key}'`, `training_type.${key}`, "missing_required_parameter");
  const r = integer(v, "lora_r", 0);
  range(r, "training_type.lora_r", 1, limits.lora_training.max_rank, "lora_r");
  const alpha = integer(v, "lora_alpha", 0);
  if (alpha < 1) throw bad(`lora_alpha must be at least 1 (got ${alpha})`, "training_type.lora_alpha");
  const dropout = number(v, "lora_dropout", 0);
  range(dropout, "training_type.lora_dropout", 0, 1, "lora_dropout");
  const modules = string(v, "lora_trainable_modules") ?? "all-linear";
  const known = [...limits.lora_training.target_modules, "all-linear"];
  const wrong = modules
    .split(",")
    .map((m) => m.trim())
    .find((m) => !known.includes(m));
  if (wrong !== undefined)
    throw bad(`Unknown LoRA trainable module '${wrong}'. Available modules: ${known.join(", ")}`, "training_type.lora_trainable_modules");
  const lora: LoraType = { type: "Lora", lora_r: r, lora_alpha: alpha, lora_dropout: dropout, lora_trainable_modules: modules };
  return lora;
}

/** What from_checkpoint resolves to: the model and training type of one of our completed jobs. */
export type CheckpointLookup = (ref: string) => { model: string; trainingType: TrainingType } | null;

export function validateCreate(body: unknown, lookup: CheckpointLookup): CreateRequest {
  if (!isObject(body)) throw bad("The request body must be a JSON object.", null, null);
  const unknown = Object.keys(body).find((k) => !CREATE_KEYS.includes(k));
  if (unknown) throw bad(`Unrecognized request argument supplied: ${unknown}`, unknown, "unknown_parameter");
  const trainingFile = string(body, "training_file");
  if (!trainingFile) throw bad("Missing required field 'training_file'", "training_file", "missing_required_parameter");
  let model = string(body, "model");
  const fromCheckpoint = string(body, "from_checkpoint");
  let inherited: TrainingType | null = null;
  if (model !== undefined && fromCheckpoint !== undefined)
    throw bad("You must specify either a model or a checkpoint to start a job from, not both", "from_checkpoint");
  if (fromCheckpoint !== undefined) {
    const found = lookup(fromCheckpoint);
    if (!found)
      throw bad(
        `Checkpoint '${fromCheckpoint}' not found: expected a completed job id or output model name, optionally with :<step>`,
        "from_checkpoint",
      );
    model = found.model;
    inherited = found.trainingType;
  }
  if (model === undefined) throw bad("You must specify either a model or a checkpoint", "model", "missing_required_parameter");
  for (const key of ["from_hf_model", "hf_output_repo_name"])
    if (body[key] !== undefined)
      throw new ApiError(
        400,
        `This test server does not simulate '${key}' (a limit of the test server, not of the Together API).`,
        key,
        "unsupported_parameter",
      );
  const entry = FINE_TUNABLE.get(model);
  if (!entry)
    throw bad(
      `The model ${model} is not available for fine-tuning. See https://docs.together.ai/docs/fine-tuning/supported-models`,
      "model",
      "model_not_available",
    );
  const { limits, base } = entry;

  const nEpochs = integer(body, "n_epochs", 1);
  range(nEpochs, "n_epochs", 1, limits.max_num_epochs);
  const nCheckpoints = integer(body, "n_checkpoints", 1);
  if (nCheckpoints < 1 || nCheckpoints > nEpochs)
    throw bad(`n_checkpoints must be between 1 and n_epochs (${nEpochs}) (got ${nCheckpoints})`, "n_checkpoints");
  const nEvals = integer(body, "n_evals", 0);
  range(nEvals, "n_evals", 0, limits.max_num_evals);
  const validationFile = string(body, "validation_file");
  if (nEvals > 0 && !validationFile) throw bad("n_evals > 0 requires a validation_file", "validation_file", "missing_required_parameter");

  const learningRate = number(body, "learning_rate", 0.00001);
  range(learningRate, "learning_rate", limits.min_learning_rate, limits.max_learning_rate);
  const warmup = number(body, "warmup_ratio", 0);
  if (warmup < 0 || warmup > 1) throw bad(`Warmup ratio should be between 0 and 1 (got ${warmup})`, "warmup_ratio");
  const maxGradNorm = number(body, "max_grad_norm", 1);
  if (maxGradNorm < 0) throw bad(`Max gradient norm should be non-negative (got ${maxGradNorm})`, "max_grad_norm");
  const weightDecay = number(body, "weight_decay", 0);
  if (weightDecay < 0) throw bad(`Weight decay should be non-negative (got ${weightDecay})`, "weight_decay");
  const scheduler = lrScheduler(body.lr_scheduler);

  const suffix = string(body, "suffix");
  if (suffix !== undefined && suffix.length > SUFFIX_MAX)
    throw bad(`Suffix must be at most ${SUFFIX_MAX} characters long (got ${suffix.length})`, "suffix", "string_above_max_length");
  if (suffix !== undefined && !/^[A-Za-z0-9._-]*$/.test(suffix))
    throw bad("Suffix may only contain letters, digits, '.', '_' and '-'", "suffix");

  const type = trainingType(body.training_type, model, limits, inherited);
  const batchLimits = type.type === "Lora" ? limits.lora_training : limits.full_training!;
  const rawBatch = body.batch_size ?? "max";
  let batch: number;
  if (rawBatch === "max") batch = batchLimits.max_batch_size;
  else if (typeof rawBatch === "number" && Number.isInteger(rawBatch)) batch = rawBatch;
  else throw bad(`'batch_size' must be an integer or "max" (got ${JSON.stringify(rawBatch)})`, "batch_size", "invalid_type");
  if (batch > batchLimits.max_batch_size)
    throw bad(`Requested batch size of ${batch} is higher that the maximum allowed value of ${batchLimits.max_batch_size}.`, "batch_size");
  if (batch < batchLimits.min_batch_size)
    throw bad(`Requested batch size of ${batch} is lower that the minimum allowed value of ${batchLimits.min_batch_size}.`, "batch_size");

  const method = body.training_method ?? { method: "sft", train_on_inputs: "auto" };
  if (!isObject(method)) throw bad("'training_method' must be an object", "training_method", "invalid_type");
  if (method.method === "dpo")
    throw new ApiError(
      400,
      "This test server only simulates training_method 'sft', not 'dpo' (a limit of the test server).",
      "training_method.method",
      "unsupported_value",
    );
  if (method.method !== "sft")
    throw bad(`training_method must be one of sft, dpo (got ${JSON.stringify(method.method)})`, "training_method.method");
  const extraMethod = Object.keys(method).find((k) => k !== "method" && k !== "train_on_inputs");
  if (extraMethod) {
    if (["dpo_beta", "rpo_alpha", "simpo_gamma", "dpo_normalize_logratios_by_length", "dpo_reference_free"].includes(extraMethod))
      throw bad(`${extraMethod} is only supported for DPO training`, `training_method.${extraMethod}`);
    throw bad(`Unknown field 'training_method.${extraMethod}'`, `training_method.${extraMethod}`);
  }
  const onInputs = method.train_on_inputs ?? body.train_on_inputs ?? "auto";
  if (onInputs !== "auto" && typeof onInputs !== "boolean")
    throw bad(`train_on_inputs must be true, false or "auto" (got ${JSON.stringify(onInputs)})`, "training_method.train_on_inputs");

  const packing = boolean(body, "packing", true);
  const maxSeq = integer(body, "max_seq_length", limits.max_seq_length_sft);
  if (!packing && body.max_seq_length === undefined)
    throw bad("max_seq_length is required when packing is disabled", "max_seq_length", "missing_required_parameter");
  range(maxSeq, "max_seq_length", limits.min_max_seq_length, limits.max_seq_length_sft);
  const seed = body.random_seed === null ? null : integer(body, "random_seed", 0);
  const accumulation = integer(body, "gradient_accumulation_steps", 0);
  if (accumulation < 0) throw bad(`gradient_accumulation_steps must be non-negative (got ${accumulation})`, "gradient_accumulation_steps");
  if (body.multimodal_params !== undefined) {
    const mm = body.multimodal_params;
    if (!isObject(mm) || Object.keys(mm).some((k) => k !== "train_vision"))
      throw bad("'multimodal_params' must be {\"train_vision\": boolean}", "multimodal_params");
    if (boolean(mm, "train_vision", false) && !limits.supports_vision)
      throw bad(`train_vision is only available for vision-language models; ${model} is not one`, "multimodal_params.train_vision");
  }
  for (const key of [
    "wandb_api_key",
    "wandb_base_url",
    "wandb_project_name",
    "wandb_name",
    "wandb_entity",
    "hf_model_revision",
    "hf_api_token",
  ])
    string(body, key);

  const early = boolean(body, "early_stopping_enabled", false);
  const patience = integer(body, "early_stopping_patience", 1);
  const warmupEvals = body.early_stopping_warmup_evals === null ? 1 : integer(body, "early_stopping_warmup_evals", 1);
  number(body, "early_stopping_min_delta", 0);
  if (early) {
    if (!validationFile) throw bad("early_stopping_enabled requires a validation_file", "validation_file", "missing_required_parameter");
    if (nEvals < patience + warmupEvals + 1)
      throw bad(
        `n_evals must be at least early_stopping_patience + early_stopping_warmup_evals + 1 (${patience + warmupEvals + 1}) when early stopping is enabled (got ${nEvals})`,
        "n_evals",
      );
  }

  return {
    model,
    training_file: trainingFile,
    validation_file: validationFile,
    from_checkpoint: fromCheckpoint,
    n_epochs: nEpochs,
    n_checkpoints: nCheckpoints,
    n_evals: nEvals,
    batch_size: batch,
    learning_rate: learningRate,
    lr_scheduler: scheduler,
    warmup_ratio: warmup,
    max_grad_norm: maxGradNorm,
    weight_decay: weightDecay,
    suffix,
    train_on_inputs: onInputs as boolean | "auto",
    training_type: type,
    packing,
    max_seq_length: maxSeq,
    random_seed: seed,
    wandb_api_key: string(body, "wandb_api_key"),
    wandb_project_name: string(body, "wandb_project_name"),
    wandb_name: string(body, "wandb_name"),
    limits,
    params: base.params,
  };
}
