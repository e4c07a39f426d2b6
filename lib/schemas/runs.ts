import { z } from "zod";
import type { RatioDto } from "./stats";
import type { MetricPoint } from "../training/types";

export const BACKENDS = ["openai", "gpu"] as const;
export type BackendId = (typeof BACKENDS)[number];

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

export const runCreateSchema = z.object({
  backend: z.enum(BACKENDS).default("openai"),
  baseModel: z.string().trim().min(1, "choose a base model").max(200),
  hyperparameters: hyperparametersSchema.default({ n_epochs: "auto", batch_size: "auto", learning_rate_multiplier: "auto" }),
  suffix: z
    .string()
    .max(40, "suffix is at most 40 characters (ToolTune appends a run tag; OpenAI allows 64)")
    .regex(/^[a-zA-Z0-9_-]*$/, "suffix may use letters, digits, '_' and '-'")
    .default(""),
  seed: z.number().int().min(0).max(2_147_483_647).nullable().default(null),
});
export type RunCreate = z.input<typeof runCreateSchema>;

export interface RunConfig {
  backend: BackendId;
  baseModel: string;
  hyperparameters: Hyperparameters;
  suffix: string;
  seed: number | null;
  outputStyle: "router_json" | "native_tools";
  catalogueVersion: number;
}

export interface DatasetSnapshot {
  train: { examples: number; ratio: RatioDto; sha256: string; bytes: number };
  validation: { examples: number; ratio: RatioDto; sha256: string; bytes: number } | null;
  trainTokens: number;
  chargedTokens: number;
  defaultEpochs: number;
  costUsd: number | null;
  warnings: string[];
}

export interface RunDto {
  id: string;
  projectId: string;
  backend: BackendId;
  baseModel: string;
  status: RunStatus;
  remoteStatus: string | null;
  config: RunConfig;
  snapshot: DatasetSnapshot;
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
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Last train / validation loss seen, for lists. */
  lastTrainLoss: number | null;
  lastValidLoss: number | null;
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
}
