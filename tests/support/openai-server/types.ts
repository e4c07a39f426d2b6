// Shared shapes of the OpenAI test server. Objects sent over the wire follow the published spec
// (components/schemas FineTuningJob, FineTuningJobEvent, FineTuningJobCheckpoint, OpenAIFile,
// CreateChatCompletionResponse).
// Test-only: nothing under app/, lib/ or workers/ may import this directory.

export type JobStatus = "validating_files" | "queued" | "running" | "paused" | "succeeded" | "failed" | "cancelled";
export const TERMINAL: ReadonlySet<JobStatus> = new Set(["succeeded", "failed", "cancelled"]);

export type Auto<T> = "auto" | T;
export interface Hyperparameters {
  batch_size: Auto<number>;
  learning_rate_multiplier: Auto<number>;
  n_epochs: Auto<number>;
}

export interface JobError {
  code: string | null;
  message: string | null;
  param: string | null;
}

export interface FineTuningJob {
  object: "fine_tuning.job";
  id: string;
  model: string;
  created_at: number;
  finished_at: number | null;
  fine_tuned_model: string | null;
  organization_id: string;
  result_files: string[];
  status: JobStatus;
  validation_file: string | null;
  training_file: string;
  hyperparameters: Hyperparameters;
  trained_tokens: number | null;
  error: JobError | null;
  user_provided_suffix: string | null;
  seed: number;
  estimated_finish: number | null;
  integrations: unknown[];
  metadata: Record<string, string> | null;
  method: JobMethod;
  usage_metrics: null;
  shared_with_openai: boolean;
}

export interface DpoHyperparameters extends Hyperparameters {
  beta: Auto<number>;
}

/** FineTuneMethod as the job reports it: the supervised or the DPO method with its (resolved) hyperparameters. */
export type JobMethod =
  { type: "supervised"; supervised: { hyperparameters: Hyperparameters } } | { type: "dpo"; dpo: { hyperparameters: DpoHyperparameters } };

/**
 * A DPO step's metrics, in the names TRL's DPOTrainer logs (and the ToolTune GPU agent emits):
 * the DPO loss, the implicit rewards of the chosen and rejected answers, their margin and the share
 * of pairs where the chosen one wins; the valid_* ones at evaluations.
 */
export interface DpoStepMetrics {
  step: number;
  train_loss: number;
  "rewards/chosen": number;
  "rewards/rejected": number;
  "rewards/margins": number;
  "rewards/accuracies": number;
  valid_loss?: number;
  "valid_rewards/margins"?: number;
  "valid_rewards/accuracies"?: number;
}

export interface StepMetrics {
  step: number;
  train_loss: number;
  train_mean_token_accuracy: number;
  valid_loss?: number;
  valid_mean_token_accuracy?: number;
  full_valid_loss?: number;
  full_valid_mean_token_accuracy?: number;
}

export interface JobEvent {
  object: "fine_tuning.job.event";
  id: string;
  created_at: number;
  level: "info" | "warn" | "error";
  message: string;
  data: Record<string, unknown>;
  type: "message" | "metrics";
}

export interface Checkpoint {
  object: "fine_tuning.job.checkpoint";
  id: string;
  created_at: number;
  fine_tuned_model_checkpoint: string;
  fine_tuning_job_id: string;
  metrics: StepMetrics | DpoStepMetrics;
  step_number: number;
}

/** Test behaviour chosen by a job's suffix, its metadata.test_script, or the server's --script. */
export interface Script {
  failAt?: number;
  slowMs?: number;
  rateLimit?: number;
  pause?: boolean;
  steps?: number;
  epochs?: number;
}

export interface FileRecord {
  object: {
    id: string;
    object: "file";
    bytes: number;
    created_at: number;
    filename: string;
    purpose: string;
    status: "processed";
  };
  content: Buffer;
  examples: number;
  tokens: number;
  /** The first line that cannot train a chat model ("Line 4 has no assistant message to train on"). */
  chatProblem: string | null;
  /** "preference": every line is a FineTunePreferenceRequestInput (a DPO file); "chat": FineTuneChatRequestInput lines. */
  format: "chat" | "preference";
}

export interface JobRecord {
  job: FineTuningJob;
  script: Script;
  events: JobEvent[]; // oldest first; the API lists them newest first
  checkpoints: Checkpoint[]; // oldest first
  rows: (StepMetrics | DpoStepMetrics)[];
  step: number;
  totalSteps: number;
  epochEnds: number[];
  tokens: number;
  pausedOnce: boolean;
  /** "ft:<model>:<org>:<suffix>:<id>", fixed at creation; checkpoints append ":ckpt-step-N". */
  modelName: string;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  /** The bearer key every /v1 request must carry. */
  key?: string;
  /** Milliseconds per simulation tick (one training step per tick). */
  tickMs?: number;
  /** No timer: jobs only move on POST /_test/advance. */
  manual?: boolean;
  /** A script applied to every request and job (same syntax as metadata.test_script). */
  script?: string;
  /** Organisation name used in fine-tuned model names. */
  org?: string;
  /** Value of the retry-after-ms header on scripted 429s. */
  retryAfterMs?: number;
  /** Send `error: null` on jobs that have not failed instead of the real API's all-null object. */
  errorNull?: boolean;
  /** Scripted answers of POST /v1/chat/completions (replaced at run time by POST /_test/chat). */
  chat?: ChatScript;
  /** Extra model names chat completions accept (besides the built-in ones and our fine-tuned models). */
  models?: string[];
}

/** One tool call of a scripted reply; `arguments` is sent verbatim (broken JSON included). */
export interface ChatToolCallScript {
  name: string;
  arguments: string;
}

/** What the assistant answers. Without `content` and `tool_calls` the content is "". */
export interface ChatReply {
  content?: string | null;
  tool_calls?: ChatToolCallScript[];
  /** Default: "tool_calls" when there are tool calls, else "stop" ("length" when max_tokens cut it). */
  finish_reason?: "stop" | "length" | "tool_calls" | "content_filter";
}

/** A scripted error: the first `times` requests matching the rule get it, later ones the reply. */
export interface ChatFail {
  status: 429 | 500 | 503;
  times: number;
}

export interface ChatRule {
  /** Substring of the text of the last user message ("" matches every request). */
  match: string;
  /** Only requests for this model (exact name). */
  model?: string;
  /** Default: the script's defaultReply. */
  reply?: ChatReply;
  fail?: ChatFail;
  /** Extra wait on top of latencyMs, in milliseconds. */
  delayMs?: number;
}

export interface ChatScript {
  /** First matching rule wins. */
  rules?: ChatRule[];
  /** When no rule matches (or the rule has no reply). Default: content "I can help with orders and accounts." */
  defaultReply?: ChatReply;
  /** Every chat answer (replies and scripted errors) waits this long, in milliseconds. Default 0. */
  latencyMs?: number;
}

/** One chat request as /_test/state reports it (the last 50 that passed validation). */
export interface ChatRequestSummary {
  model: string;
  temperature: number | null;
  max_tokens: number | null;
  max_completion_tokens: number | null;
  /** Number of tools sent. */
  tools: number;
  tool_choice: unknown;
  parallel_tool_calls: boolean | null;
  /** Number of messages sent. */
  messages: number;
  /** Text of the last user message (the key of byRequest). */
  user: string;
  /** 200, or the scripted error's status. */
  status: number;
}

export interface ChatState {
  /** Chat completions answered 200. */
  requests: number;
  /** Answered (200) chat completions by the text of their last user message. */
  byRequest: Record<string, number>;
  /** Scripted errors (429/500/503) answered. */
  failed: number;
  /** Requests refused by validation or model checks (400/404). */
  rejected: number;
  last: ChatRequestSummary[];
}

export interface TestState {
  jobsCreated: number;
  jobs: { id: string; status: JobStatus; metadata: Record<string, string> | null; suffix: string | null }[];
  files: number;
  requests: Record<string, number>;
  chat: ChatState;
}
