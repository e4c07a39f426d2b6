// Shared shapes of the Fireworks AI test server. Objects on the wire follow Fireworks' published
// gateway schemas (docs.fireworks.ai/api-reference: gatewayDataset, gatewaySupervisedFineTuningJob,
// gatewayStatus, gatewayJobState) and the Stainless-generated SDK types (fw-ai-external/python-sdk
// src/fireworks/types/{dataset,supervised_fine_tuning_job,model}.py). Sources per field: README.md.
// Test-only: nothing under app/, lib/, workers/, components/ or cli/ may import this directory.
import type { ChatScript } from "../openai-server/types";
import type { Script } from "../together-server/types";

export type { Script };

/** gatewayJobState (create-supervised-fine-tuning-job reference); only these are ever set here. */
export type JobState =
  | "JOB_STATE_CREATING"
  | "JOB_STATE_PENDING"
  | "JOB_STATE_VALIDATING"
  | "JOB_STATE_RUNNING"
  | "JOB_STATE_WRITING_RESULTS"
  | "JOB_STATE_COMPLETED"
  | "JOB_STATE_FAILED"
  | "JOB_STATE_CANCELLING"
  | "JOB_STATE_CANCELLED"
  | "JOB_STATE_DELETING";
export const TERMINAL: ReadonlySet<JobState> = new Set(["JOB_STATE_COMPLETED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED"]);

/** gatewayCode, the google.rpc code names. */
export type StatusCode =
  | "OK"
  | "CANCELLED"
  | "UNKNOWN"
  | "INVALID_ARGUMENT"
  | "DEADLINE_EXCEEDED"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "PERMISSION_DENIED"
  | "UNAUTHENTICATED"
  | "RESOURCE_EXHAUSTED"
  | "FAILED_PRECONDITION"
  | "ABORTED"
  | "OUT_OF_RANGE"
  | "UNIMPLEMENTED"
  | "INTERNAL"
  | "UNAVAILABLE"
  | "DATA_LOSS";

/** gatewayStatus: `{ code, message }`, the job's (and dataset's) last outcome. */
export interface Status {
  code: StatusCode;
  message: string;
}

/** google.type.Money, as `estimatedCost` carries it (units is an int64, so a string on the wire). */
export interface Money {
  currencyCode: string;
  units: string;
  nanos: number;
}

/** gatewayDatasetState. */
export type DatasetState = "STATE_UNSPECIFIED" | "UPLOADING" | "READY";

/** gatewayDataset as sent (int64 fields are strings, as protojson writes them). */
export interface Dataset {
  name: string;
  displayName: string;
  createTime: string;
  updateTime: string;
  state: DatasetState;
  status: Status;
  exampleCount: string;
  estimatedTokenCount: string;
  userUploaded: Record<string, never>;
  format: "FORMAT_UNSPECIFIED" | "CHAT" | "COMPLETION" | "RL";
  createdBy: string;
}

export interface DatasetRecord {
  id: string;
  dataset: Dataset;
  /** The JSONL once uploaded (:upload, or PUT to the signed URL then :validateUpload). */
  content: Buffer | null;
  filename: string | null;
  /** The signed-URL flow: files announced by :getUploadEndpoint and what was PUT to them. */
  announced: Map<string, number>;
  staged: Map<string, Buffer>;
  /** Set from the file: lines, estimated tokens. */
  examples: number;
  tokens: number;
  /** Whether the client gave exampleCount at create (kept as given; else the file's line count). */
  clientCount: boolean;
}

/** The job as stored; the wire form is built by jobs.ts `wire()`. */
export interface SftJob {
  name: string;
  displayName: string;
  createTime: string;
  updateTime: string;
  completedTime?: string;
  dataset: string;
  evaluationDataset?: string;
  evalAutoCarveout: boolean;
  state: JobState;
  status: Status;
  createdBy: string;
  outputModel: string;
  baseModel?: string;
  warmStartFrom?: string;
  epochs: number;
  learningRate: number;
  learningRateWarmupSteps: number;
  maxContextLength: number;
  loraRank: number;
  batchSize?: number;
  batchSizeSamples: number;
  optimizerWeightDecay?: number;
  lrScheduler?: Record<string, unknown>;
  earlyStop: boolean;
  isTurbo: boolean;
  region: string;
  wandbConfig?: Record<string, unknown>;
  jobProgress: { percent: number; epoch: number; totalInputRequests?: number; totalProcessedRequests?: number };
  estimatedCost: Money;
  metricsFileSignedUrl?: string;
}

/** One line of the metrics file (JSON Lines). The key names are the test server's: see README.md. */
export type MetricsLine = Record<string, number | string>;

export interface JobRecord {
  id: string;
  job: SftJob;
  script: Script;
  step: number;
  totalSteps: number;
  stepsPerEpoch: number;
  /** Whether eval loss is logged (an evaluation dataset, or the automatic carve-out). */
  evaluates: boolean;
  metrics: MetricsLine[];
  /** The secret part of the metrics file's signed URL. */
  signature: string;
  /** Base model the job trains (the warm-start model's base when warmStartFrom is used). */
  base: string;
  /** Set on delete: the job disappears on the next tick. */
  deleting: boolean;
}

/** An output model (kind HF_PEFT_ADDON), created when its job completes. */
export interface OutputModel {
  name: string;
  displayName: string;
  createTime: string;
  updateTime: string;
  kind: "HF_PEFT_ADDON";
  state: "READY";
  status: Status;
  fineTuningJob: string;
  peftDetails: { baseModel: string; r: number; targetModules: string[] };
  contextLength: number;
  supportsTools: boolean;
  supportsLora: boolean;
  tunable: boolean;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  /** The bearer key every /v1 and /inference request must carry. */
  key?: string;
  /** The account id in every resource name (`accounts/<account>/...`). */
  account?: string;
  /** Milliseconds per simulation tick (one training step per tick). */
  tickMs?: number;
  /** No timer: jobs only move on advance() / POST /_test/advance. */
  manual?: boolean;
  /** A script applied to every request and job (same syntax as in a display name). */
  script?: string;
  /** Seconds in the Retry-After header of scripted 429s and 503s (default 1). */
  retryAfterSeconds?: number;
  /** Fewest examples a training dataset may have before the job fails validation (default 3, as documented). */
  minExamples?: number;
  /** Largest file :upload takes, in bytes (default 150 MiB, as documented). */
  maxUploadBytes?: number;
  /**
   * Whether a fine-tuned LoRA model answers chat only through a deployment (`<model>#<deployment>`),
   * as on Fireworks since serverless LoRA was withdrawn. Default false: the output model answers at once.
   */
  requireDeployment?: boolean;
  /** Scripted answers of POST /inference/v1/chat/completions (same shape as the OpenAI test server's). */
  chat?: ChatScript;
  /** Extra model names chat completions accept. */
  models?: string[];
}

export interface TestState {
  jobsCreated: number;
  jobs: { name: string; id: string; displayName: string; state: JobState; outputModel: string; step: number; totalSteps: number }[];
  datasets: { name: string; state: DatasetState; exampleCount: string }[];
  models: string[];
  requests: Record<string, number>;
  chat: { requests: number; failed: number; rejected: number; byRequest: Record<string, number> };
}
