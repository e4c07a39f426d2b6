import { z } from "zod";
import type { RatioDto } from "./stats";
import type { MetricPoint } from "../training/types";
import type { FailureVerdict } from "./eval-failures";

export const BACKENDS = ["openai", "gpu", "together", "fireworks"] as const;
export type BackendId = (typeof BACKENDS)[number];
/** Backends that train LoRA adapters with the settings of `loraSchema` (each takes what it supports). */
export const LORA_BACKENDS: readonly BackendId[] = ["gpu", "together", "fireworks"];

export const RUN_STATUSES = ["queued", "validating", "running", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];

const auto = z.literal("auto");
/** OpenAI's limits for supervised fine-tuning hyperparameters. */
export const hyperparametersSchema = z.object({
  n_epochs: z.union([auto, z.number().int().min(1, "n_epochs is at least 1").max(50, "n_epochs is at most 50")]).default("auto"),
  batch_size: z.union([auto, z.number().int().min(1, "batch_size is at least 1").max(256, "batch_size is at most 256")]).default("auto"),
  learning_rate_multiplier: z
    .union([auto, z.number().gt(0, "learning_rate_multiplier must be above 0").max(10, "learning_rate_multiplier is at most 10")])
    .default("auto"),
});
export type Hyperparameters = z.infer<typeof hyperparametersSchema>;

export const LORA_TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

/**
 * LoRA settings for the GPU agent (Unsloth or transformers + peft), sent as extra fields on job
 * creation. Defaults suit small models; the agent checks the same ranges (workers/gpu-agent).
 */
export const loraSchema = z.object({
  r: z.number().int().min(1, "r is at least 1").max(1024, "r is at most 1024").default(16),
  lora_alpha: z.number().gt(0, "lora_alpha must be above 0").max(65_536).default(16),
  lora_dropout: z.number().min(0).max(0.9, "lora_dropout is at most 0.9").default(0),
  load_in_4bit: z.boolean().default(true),
  max_seq_length: z.number().int().min(64, "max_seq_length is at least 64").max(262_144).default(2048),
  target_modules: z.union([z.literal("all-linear"), z.array(z.string().trim().min(1)).min(1, "name at least one module").max(64)]).default(LORA_TARGET_MODULES),
  chat_template: z.string().trim().min(1).max(200).nullable().default(null),
  learning_rate: z.number().gt(0, "learning_rate must be above 0").max(1).default(2e-4),
  max_steps: z.number().int().min(1).nullable().default(null),
  per_device_train_batch_size: z.number().int().min(1).max(256).default(2),
  gradient_accumulation_steps: z.number().int().min(1).max(1024).default(4),
  save_method: z.enum(["lora", "merged_16bit", "merged_4bit"]).default("lora"),
});
export type LoraSettings = z.infer<typeof loraSchema>;
export const LORA_DEFAULTS: LoraSettings = loraSchema.parse({});

export const runCreateSchema = z.object({
  backend: z.enum(BACKENDS).default("openai"),
  baseModel: z.string().trim().min(1, "choose a base model").max(1000, "the base model is at most 1,000 characters"),
  hyperparameters: hyperparametersSchema.default({ n_epochs: "auto", batch_size: "auto", learning_rate_multiplier: "auto" }),
  suffix: z
    .string()
    .max(40, "suffix is at most 40 characters (ToolTune appends a run tag; OpenAI allows 64)")
    .regex(/^[a-zA-Z0-9_-]*$/, "suffix may use letters, digits, '_' and '-'")
    .default(""),
  seed: z.number().int().min(0).max(2_147_483_647).nullable().default(null),
  /** LoRA backends only (LORA_BACKENDS). */
  lora: loraSchema.optional(),
  /** GPU pool only: the agent the run must run on (it waits for that one); null: any agent with the model. */
  agentId: z.string().trim().min(1).max(100).nullable().default(null),
});
export type RunCreate = z.input<typeof runCreateSchema>;

export const RUN_LABEL_LIMITS = { name: 120, notes: 10_000, tags: 20, tag: 40 } as const;

const normaliseTag = (t: string) => t.trim().toLowerCase().replace(/\s+/g, "-");

/** "Baseline", " LoRA r16 " → "baseline", "lora-r16": tags are lowercase, trimmed, inner spaces as "-", each once. */
export function normaliseRunTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseTag).filter(Boolean))];
}

const runTag = z
  .string()
  .transform(normaliseTag)
  .pipe(
    z
      .string()
      .max(RUN_LABEL_LIMITS.tag, `tags: a tag is at most ${RUN_LABEL_LIMITS.tag} characters`)
      .regex(/^[\p{L}\p{N}._:+\/-]*$/u, "tags: a tag may use letters, digits and . _ : + / -"),
  );

/**
 * What a person may change on a run: its name (empty clears it), notes and tags (normalised:
 * lowercase, no repeats). Each field is optional; one that is left out keeps its value.
 */
export const runPatchSchema = z
  .object({
    name: z
      .string()
      .trim()
      .max(RUN_LABEL_LIMITS.name, `name is at most ${RUN_LABEL_LIMITS.name} characters`)
      .nullable()
      .transform((v) => v || null)
      .optional(),
    notes: z
      .string()
      .max(RUN_LABEL_LIMITS.notes, `notes are at most ${RUN_LABEL_LIMITS.notes.toLocaleString("en-US")} characters`)
      .nullable()
      .transform((v) => (v?.trim() ? v : null))
      .optional(),
    tags: z
      .array(runTag)
      .transform((tags) => normaliseRunTags(tags))
      .pipe(z.array(z.string()).max(RUN_LABEL_LIMITS.tags, `tags: at most ${RUN_LABEL_LIMITS.tags} tags`))
      .optional(),
  })
  .strict()
  .refine((p) => p.name !== undefined || p.notes !== undefined || p.tags !== undefined, { message: "give a name, notes or tags to change", path: ["name"] });
export type RunPatch = z.input<typeof runPatchSchema>;

/** The runs list's filter (?tag=). */
export const runListQuerySchema = z.object({
  tag: z
    .string()
    .trim()
    .toLowerCase()
    .max(RUN_LABEL_LIMITS.tag, `tag is at most ${RUN_LABEL_LIMITS.tag} characters`)
    .optional()
    .transform((t) => t || undefined),
});
export type RunListQuery = z.output<typeof runListQuerySchema>;

/** Backends that run preference (DPO) training on a finished SFT run's model. */
export const DPO_BACKENDS: readonly BackendId[] = ["openai", "gpu"];
export const DPO_LIMITS = { evals: 10, betaMax: 2 } as const;

/**
 * "Start DPO run" on a finished SFT run: the evals whose failures become preference pairs (chosen:
 * the gold decision, rejected: the model's answer), beta (OpenAI's range: above 0, at most 2) and
 * the usual hyperparameters; a share of the pairs may be held out for validation.
 */
export const dpoRunCreateSchema = z
  .object({
    evalIds: z.array(z.string().trim().min(1).max(100)).min(1, "evalIds: choose at least one eval whose failures become pairs").max(DPO_LIMITS.evals, `evalIds: at most ${DPO_LIMITS.evals} evals`),
    beta: z.number().gt(0, "beta must be above 0").max(DPO_LIMITS.betaMax, `beta is at most ${DPO_LIMITS.betaMax}`).default(0.1),
    hyperparameters: hyperparametersSchema.default({ n_epochs: "auto", batch_size: "auto", learning_rate_multiplier: "auto" }),
    validationShare: z.number().min(0).max(0.5, "validationShare is at most 0.5").default(0),
    suffix: z
      .string()
      .max(40, "suffix is at most 40 characters (ToolTune appends a run tag; OpenAI allows 64)")
      .regex(/^[a-zA-Z0-9_-]*$/, "suffix may use letters, digits, '_' and '-'")
      .default(""),
    name: z.string().trim().max(RUN_LABEL_LIMITS.name).optional(),
  })
  .strict();
export type DpoRunCreate = z.input<typeof dpoRunCreateSchema>;

/** A DPO run's method settings, frozen in its config. */
export interface DpoMethodConfig {
  type: "dpo";
  beta: number;
  evalIds: string[];
  validationShare: number;
  parentRunId: string;
  /** The base model the parent SFT run trained from (a GPU pool places the run on an agent that has it). */
  parentBaseModel: string;
}

/** What "Start DPO run" would train on: the pairs of the chosen evals by verdict, and the cost where the backend prices it. */
export interface DpoPreviewDto {
  parent: { id: string; name: string | null; backend: string; model: string };
  pairs: number;
  byVerdict: Record<FailureVerdict, number>;
  /** USD, when the backend prices the parent's base model (OpenAI's price table); null otherwise. */
  costUsd: number | null;
  /** Tokens of the preference file (prompt and both answers, o200k estimate) times the epochs. */
  chargedTokens: number;
  warnings: string[];
}

export interface RunConfig {
  /** Absent: supervised fine-tuning (every run before DPO). */
  method?: DpoMethodConfig;
  backend: BackendId;
  baseModel: string;
  hyperparameters: Hyperparameters;
  suffix: string;
  seed: number | null;
  outputStyle: "router_json" | "native_tools";
  catalogueVersion: number;
  /** LoRA backends: the LoRA settings sent (absent on OpenAI runs and older rows). */
  lora?: LoraSettings | null;
}

export interface DatasetSnapshot {
  train: { examples: number; ratio: RatioDto; sha256: string; bytes: number };
  validation: { examples: number; ratio: RatioDto; sha256: string; bytes: number } | null;
  trainTokens: number;
  chargedTokens: number;
  defaultEpochs: number;
  /** Tokens of the longest training example (o200k estimate), for max_seq_length. */
  longestExampleTokens?: number | null;
  costUsd: number | null;
  warnings: string[];
}

/**
 * How a run's best eval is chosen (lib/server/runs/best-eval.ts), so the list can say it: the highest
 * exact match (the whole decision right: tool choice, arguments and no_tool in one number), then the
 * lower false-tool-call rate, then the larger sample, then the newer eval.
 */
export const BEST_EVAL_RULE = "highest exact match; ties: lower false-tool-call rate, more examples, newer";

/** The best finished eval of a run's models (final or checkpoint), by BEST_EVAL_RULE. */
export interface RunBestEvalDto {
  id: string;
  name: string;
  model: string;
  /** Exact match: the share of gold examples whose whole decision was right, n / d. */
  exactMatch: { n: number; d: number; value: number };
  falseToolCallRate: number | null;
  /** Finished evals of this run in all. */
  evals: number;
}

export interface RunDto {
  id: string;
  projectId: string;
  /** What people call the run (null: shown by its id and suffix). */
  name: string | null;
  notes: string | null;
  /** Lowercase, each once. */
  tags: string[];
  /** Null when no eval of the run has finished. */
  bestEval: RunBestEvalDto | null;
  backend: BackendId;
  baseModel: string;
  status: RunStatus;
  remoteStatus: string | null;
  config: RunConfig;
  /** Null while the worker prepares the files (see `preparing`). */
  snapshot: DatasetSnapshot | null;
  /** While the files are being written: examples written so far of the total (null until counted); null once frozen. */
  preparing: { written: number; total: number | null } | null;
  remoteJobId: string | null;
  fineTunedModel: string | null;
  trainedTokens: number | null;
  totalSteps: number | null;
  currentStep: number | null;
  currentEpoch: number | null;
  /** 0..1 or null before the backend reports steps. */
  progress: number | null;
  estimatedFinish: string | null;
  error: string | null;
  cancelRequested: boolean;
  retryOfId: string | null;
  /** A DPO run: the SFT run it trains on top of. */
  parentRunId: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cost: RunCostDto;
  /** The sweep that started this run, and its cell ("lr 0.0002 · r 8"). */
  sweep: { id: string; label: string } | null;
  /** Seconds from the start of training to its end (or now, while it runs); null before it starts. */
  wallSeconds: number | null;
  /** GPU pool runs: the agent it runs on (or is pinned to and waits for). */
  agent: { id: string; name: string; pinned: boolean } | null;
  /** Last train / validation loss seen, for lists. */
  lastTrainLoss: number | null;
  lastValidLoss: number | null;
}

/** A run's cost so far, or at the end (`final`), and how it was reckoned ("1.20 h × $1.5/hour"). */
export interface RunCostDto {
  usd: number | null;
  final: boolean;
  basis: string;
}

export interface RunPreviewDto {
  snapshot: DatasetSnapshot;
  backends: BackendInfo[];
}

export interface BackendInfo {
  id: BackendId;
  label: string;
  configured: boolean;
  /** What to set when not configured, e.g. "OPENAI_API_KEY". */
  missing: string[];
  baseModels: string[];
  /** A problem worth showing next to the backend (e.g. the GPU agent did not answer). */
  note?: string;
  /** How the backend bills, so the cost estimate can be read. */
  costNote: string;
  /** The GPU pool's agents, when agents are registered (a run may be pinned to one). */
  agents?: { id: string; name: string; online: boolean; busy: number; slots: number; baseModels: string[] }[];
}

export interface RunEventDto {
  id: string;
  createdAt: string;
  level: string;
  type: string;
  message: string;
}

export interface CheckpointDto {
  id: string;
  step: number;
  model: string;
  metrics: Record<string, number | null>;
  createdAt: string;
}

/** One step of a run's curves (null = not measured at that step). */
export type MetricPointDto = MetricPoint;

/** Metric points after a cursor (step), for polling a live chart. */
export interface MetricsPageDto {
  points: MetricPointDto[];
  /** Pass back as ?afterStep= to get only newer points. */
  lastStep: number | null;
  status: RunStatus;
  /** More points follow lastStep than one page holds (METRICS_PAGE): ask again with ?afterStep=lastStep. */
  more: boolean;
}

/** The most metric points one request returns; a longer curve comes in several pages. */
export const METRICS_PAGE = 10_000;

/** The max_seq_length check with the model's own tokenizer (GPU agent), on this many of the longest training examples. */
export const TOKEN_CHECK_LINES = 200;

export const tokenCheckSchema = z
  .object({
    baseModel: runCreateSchema.shape.baseModel,
    agentId: runCreateSchema.shape.agentId,
    max_seq_length: loraSchema.shape.max_seq_length,
    chat_template: loraSchema.shape.chat_template,
  })
  .strict();
export type TokenCheckInput = z.input<typeof tokenCheckSchema>;

export type TokenCheckDto =
  | {
      status: "checked";
      /** The agent that tokenized them. */
      agent: string;
      baseModel: string;
      maxSeqLength: number;
      /** Examples sent (the longest by characters), of `trainExamples` in the train split. */
      checked: number;
      trainExamples: number;
      /** Tokens of the longest sample, with the model's tokenizer and chat template (tools included). */
      longest: number;
      /** Checked examples longer than max_seq_length; of those, cut (part of the reply kept) and left out (none kept). */
      over: number;
      truncated: number;
      dropped: number;
      /** The smallest multiple of 64 that fits every checked example. */
      fitsMaxSeqLength: number | null;
      /** The trainer's own warning for these examples, or null when all fit. */
      warning: string | null;
    }
  | { status: "unavailable"; agent: string | null; reason: string };
/** A run in a lineage (a DPO run's parent, an SFT run's DPO children). */
export interface LineageRunDto {
  id: string;
  name: string | null;
  status: string;
  model: string | null;
  method: "sft" | "dpo";
  createdAt: string;
}

/** A finished eval's headline rates, for the before/after of a DPO run. */
export interface LineageEvalDto {
  id: string;
  name: string;
  model: string;
  finishedAt: string | null;
  total: number;
  exactMatch: { n: number; d: number; value: number | null };
  /** Of gold no_tool examples: the model called a tool anyway. */
  falseToolCallRate: { n: number; d: number; value: number | null };
  /** Of gold tool-call examples: a valid call to another tool. */
  wrongToolRate: { n: number; d: number; value: number | null };
}

export interface RunLineageDto {
  /** A DPO run's parent SFT run, with its finished evals; null for an SFT run. */
  parent: (LineageRunDto & { evals: LineageEvalDto[] }) | null;
  /** This run's finished evals, oldest first. */
  evals: LineageEvalDto[];
  /** An SFT run's DPO runs, newest first. */
  children: LineageRunDto[];
}
