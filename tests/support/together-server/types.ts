// Shared shapes of the Together AI test server. Objects sent over the wire follow Together's OpenAPI
// spec (github.com/togethercomputer/openapi, components/schemas FileResponse, FinetuneResponse,
// FinetuneResponseTruncated, FineTuneEvent, FineTuneCheckpoint, ErrorData) and the Stainless-generated
// together-typescript types (src/resources/fine-tuning.ts). Sources per field: README.md.
// Test-only: nothing under app/, lib/, workers/, components/ or cli/ may import this directory.
import type { ChatScript } from "../openai-server/types";

/** FinetuneJobStatus (openapi.yaml). `user_error` appears in the Python SDK but not in the spec; never used here. */
export type JobStatus =
  "pending" | "queued" | "running" | "compressing" | "uploading" | "cancel_requested" | "cancelled" | "error" | "completed";
export const FINISHED: ReadonlySet<JobStatus> = new Set(["cancelled", "error", "completed"]);
/** together-py's `NON_CANCELLABLE_STATES` (lib/cli/api/fine_tuning/cancel.py), minus user_error. */
export const NOT_CANCELLABLE: ReadonlySet<JobStatus> = new Set(["cancel_requested", "cancelled", "error", "completed"]);

/** FinetuneEventType (openapi.yaml); only these are ever emitted. */
export type EventType =
  | "job_pending"
  | "job_start"
  | "job_stopped"
  | "model_downloading"
  | "model_download_complete"
  | "training_data_downloading"
  | "training_data_download_complete"
  | "validation_data_downloading"
  | "validation_data_download_complete"
  | "wandb_init"
  | "training_start"
  | "checkpoint_save"
  | "epoch_complete"
  | "training_complete"
  | "model_compressing"
  | "model_compression_complete"
  | "model_uploading"
  | "model_upload_complete"
  | "job_complete"
  | "job_error"
  | "cancel_requested";

export interface FineTuneEvent {
  object: "fine-tune-event";
  created_at: string;
  level: "info" | "warning" | "error";
  message: string;
  type: EventType;
  param_count: number;
  token_count: number;
  total_steps: number;
  wandb_url: string;
  step: number;
  checkpoint_path: string;
  model_path: string;
  training_offset: number;
  hash: string;
}

export interface LoraType {
  type: "Lora";
  lora_r: number;
  lora_alpha: number;
  lora_dropout: number;
  lora_trainable_modules: string;
}
export type TrainingType = { type: "Full" } | LoraType;
export interface TrainingMethodSft {
  method: "sft";
  train_on_inputs: boolean | "auto";
}
export interface LrScheduler {
  lr_scheduler_type: "linear" | "cosine";
  lr_scheduler_args: { min_lr_ratio: number; num_cycles?: number };
}

/** The job as stored; `retrieve` sends all of it but `suffix`, the truncated form sends a subset (jobs.ts). */
export interface Job {
  id: string;
  status: JobStatus;
  user_id: string;
  owner_address: string;
  created_at: string;
  updated_at: string;
  started_at?: string;
  model: string;
  model_output_name: string;
  model_output_path?: string;
  suffix?: string;
  training_file: string;
  validation_file?: string;
  trainingfile_numlines: number;
  trainingfile_size: number;
  n_epochs: number;
  n_checkpoints: number;
  n_evals: number;
  batch_size: number;
  learning_rate: number;
  lr_scheduler: LrScheduler;
  warmup_ratio: number;
  max_grad_norm: number;
  weight_decay: number;
  eval_steps: number;
  train_on_inputs: boolean | "auto";
  training_method: TrainingMethodSft;
  training_type: TrainingType;
  packing: boolean;
  max_seq_length: number;
  random_seed: number | null;
  token_count: number;
  param_count: number;
  total_price: number;
  epochs_completed: number;
  queue_depth: number;
  progress: { estimate_available: boolean; seconds_remaining: number };
  wandb_project_name?: string;
  wandb_name?: string;
  wandb_url?: string;
  from_checkpoint?: string;
}

export interface Checkpoint {
  step: number;
  created_at: string;
  path: string;
  checkpoint_type: "Intermediate" | "Final" | "Final Merged" | "Final Adapter";
  checkpoint?: "model" | "adapter";
}

/** One row of GET /fine-tunes/{id}/metrics: a flat dictionary of numbers. */
export type MetricsRow = Record<string, number>;

/** Test behaviour chosen by a job's suffix or the server's --script. */
export interface Script {
  failAt?: number;
  slowMs?: number;
  rateLimit?: number;
  serverError?: number;
  steps?: number;
}

export interface JobRecord {
  job: Job;
  script: Script;
  events: FineTuneEvent[]; // oldest first, as listed
  checkpoints: Checkpoint[]; // oldest first, as listed
  /** Metrics rows in the order they were logged, with the time each was logged (for logged_at filters). */
  metrics: { row: MetricsRow; at: number }[];
  step: number;
  totalSteps: number;
  stepsPerEpoch: number;
  evalSteps: number[];
  checkpointSteps: number[];
  trainTokens: number;
  validTokens: number;
}

/** FileResponse plus the validation pipeline fields (docs.together.ai/reference/upload-file). */
export interface TogetherFile {
  id: string;
  object: "file";
  created_at: number;
  filename: string;
  bytes: number;
  purpose: string;
  Processed: boolean;
  FileType: "jsonl" | "csv" | "parquet";
  LineCount: number;
  processing_status: "PENDING" | "COMPLETED" | "INVALID_FORMAT";
  validation_report?: ValidationReport;
}

export interface ValidationReport {
  valid: boolean;
  file_id: string;
  nlines: number;
  dataset_format?: string;
  dataset_has_sample_weights?: boolean;
  dataset_has_message_weights?: boolean;
  dataset_is_multimodal?: boolean;
  dataset_has_tools?: boolean;
  dataset_has_parallel_tool_calls?: boolean;
  dataset_has_reasoning?: boolean;
  error_type?: "INVALID_FORMAT";
  error?: string;
}

export interface FileRecord {
  object: TogetherFile;
  content: Buffer;
  /** The validation result, applied to `object` on the next tick (the upload answers PENDING). */
  pending: { report: ValidationReport; examples: number; tokens: number } | null;
  examples: number;
  tokens: number;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  /** The bearer key every /v1 request must carry. */
  key?: string;
  /** Milliseconds per simulation tick (one training step per tick). */
  tickMs?: number;
  /** No timer: jobs and file validation only move on advance() / POST /_test/advance. */
  manual?: boolean;
  /** A script applied to every request and job (same syntax as a suffix script). */
  script?: string;
  /** The account name in output names (`<account>/<model>-<suffix>-<hash>`). */
  account?: string;
  /** Seconds in the Retry-After header of scripted 429s and 503s (default 1). */
  retryAfterSeconds?: number;
  /** Fewest lines a training file may have before the job fails (default 1, as together-py's checker). */
  minExamples?: number;
  /** Order of GET /fine-tunes, events and checkpoints: the API documents none (default "oldest-first"). */
  listOrder?: "oldest-first" | "newest-first";
  /** Scripted answers of POST /v1/chat/completions (same shape as the OpenAI test server's). */
  chat?: ChatScript;
  /** Extra model names chat completions accept. */
  models?: string[];
}

export interface TestState {
  jobsCreated: number;
  jobs: { id: string; status: JobStatus; suffix: string | null; model_output_name: string }[];
  files: number;
  requests: Record<string, number>;
  chat: { requests: number; failed: number; rejected: number; byRequest: Record<string, number> };
}
