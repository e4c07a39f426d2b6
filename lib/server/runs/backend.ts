// The contract every training backend implements (OpenAI's fine-tuning API, the ToolTune GPU agent,
// hosted services). submit.ts and monitor.ts hold the rules that make runs crash-safe (every remote id
// stored the moment it exists, a lookup before any create, events read incrementally and stored once,
// a cancel that outlives the worker); a backend only speaks its provider's API and maps its answers
// to these shapes. Errors: a backend throws the provider's error as it is; `isPermanent` says which
// ones retrying cannot fix (the run then fails with the error's own message).
import type OpenAI from "openai";
import type { BackendId, RunConfig } from "../../schemas/runs";
import type { MetricPoint } from "../../training/types";

/** A remote job as the run page needs it. */
export interface BackendJob {
  id: string;
  /** The provider's own word for the status, shown as it is. */
  remoteStatus: string;
  /** The run status it means, or null for a status this backend does not know (shown, not guessed at). */
  status: "validating" | "running" | "succeeded" | "failed" | "cancelled" | null;
  /** The job's resolved number of epochs, when the provider says. */
  nEpochs: number | null;
  fineTunedModel: string | null;
  trainedTokens: number | null;
  estimatedFinish: Date | null;
  /** Why it failed, in the provider's words (with its code), or null. */
  error: string | null;
}

/** One event of the job's log. */
export interface BackendEvent {
  /** Unique within the job and stable across reads: events are stored once by it. */
  id: string;
  createdAt: Date;
  level: string;
  type: string;
  message: string;
  data: unknown;
}

/** What a poll learns beyond the job itself. */
export interface BackendProgress {
  /** Events after the one stored last, newest first. */
  events: BackendEvent[];
  /** Loss points from `since.step` on (re-reading a step is harmless: points are stored per step), oldest first. */
  points: MetricPoint[];
  /** The job's total steps, when it says. */
  totalSteps: number | null;
}

export interface BackendCheckpoint {
  remoteId: string;
  step: number;
  /** The model id the checkpoint is served (and evaluated) as. */
  model: string;
  metrics: unknown;
  createdAt: Date;
}

export interface CreateJobInput {
  runId: string;
  config: RunConfig;
  trainFileId: string;
  validFileId: string | null;
  /** The model-name suffix: the user's with the run's tag (remoteSuffix), so a job is findable by it. */
  suffix: string;
}

export interface TrainingBackend {
  readonly id: BackendId;
  /** Uploads a frozen JSONL file for fine-tuning; returns the provider's file id. */
  upload(filePath: string): Promise<string>;
  /** The job this run created earlier but may not have stored (a worker killed between create and store), or null. */
  findJob(runId: string, suffix: string): Promise<string | null>;
  /** Creates the job; returns its id. Called only after findJob found none. */
  createJob(input: CreateJobInput): Promise<string>;
  job(jobId: string): Promise<BackendJob>;
  /**
   * Events after `since.eventId` (null: all) and loss points from `since.step` on (null: all).
   * `nEpochs` lets a backend place a point on an epoch when the provider does not say.
   */
  progress(jobId: string, since: { eventId: string | null; step: number | null }, nEpochs: number | null): Promise<BackendProgress>;
  /** Once the job succeeded: its checkpoints, and loss points only its result files hold. */
  results(job: BackendJob): Promise<{ checkpoints: BackendCheckpoint[]; points: MetricPoint[] }>;
  cancel(jobId: string): Promise<void>;
  /** True for an error that retrying cannot fix (a 4xx other than 408, 409, 429). */
  isPermanent(e: unknown): e is Error;
  /** The OpenAI-compatible chat-completions client that serves this backend's trained models (evals). */
  chat(): OpenAI;
}
