// Fireworks AI as a training backend (docs.fireworks.ai): datasets (created, then uploaded), supervised
// fine-tuning jobs, the per-step losses in the job's metrics file, cancel; the output model answers on
// Fireworks' OpenAI-compatible inference API. Plain fetch against the published REST API.
//
// Exactly once without metadata: the job's id and its output model are derived from the run's tag, so
// a create a worker lost is found with a GET of that id (404: never made), and a create repeated by
// mistake is refused by Fireworks (409) instead of making a second job. Datasets are named by the
// file's digest, so the same frozen file is uploaded once.
import { createHash } from "node:crypto";
import { createReadStream, openAsBlob } from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import { emptyPoint, type MetricPoint } from "../../training/types";
import type { BackendCheckpoint, BackendEvent, BackendJob, BackendProgress, CreateJobInput, TrainingBackend } from "./backend";

export const FIREWORKS_DEFAULT_URL = "https://api.fireworks.ai";

export class FireworksApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const STATE: Record<string, BackendJob["status"]> = {
  JOB_STATE_CREATING: "validating",
  JOB_STATE_PENDING: "validating",
  JOB_STATE_VALIDATING: "validating",
  JOB_STATE_RUNNING: "running",
  JOB_STATE_WRITING_RESULTS: "running",
  JOB_STATE_CANCELLING: "running",
  JOB_STATE_COMPLETED: "succeeded",
  JOB_STATE_FAILED: "failed",
  JOB_STATE_CANCELLED: "cancelled",
};

interface FireworksJob {
  name: string;
  state: string;
  displayName?: string;
  outputModel?: string;
  epochs?: number;
  status?: { code?: string | number; message?: string } | null;
  metricsFileSignedUrl?: string | null;
  jobProgress?: { percent?: number; epoch?: number } | null;
  createTime?: string;
  updateTime?: string;
  completedTime?: string;
}

/** Fireworks' resource ids: 1-63 of a-z, 0-9 and "-", starting with a letter, not ending with "-". */
function resourceId(text: string): string {
  const id = text.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+/g, "-").slice(0, 63).replace(/-+$/, "");
  return id || "tooltune";
}

const finite = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

async function sha256(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest("hex");
}

export class FireworksBackend implements TrainingBackend {
  readonly id = "fireworks" as const;

  constructor(
    private readonly baseURL: string,
    private readonly apiKey: string,
    private readonly account: string,
  ) {}

  /** The job as the last GET read it: a poll reads it in job() and again in progress(); one request does both. */
  private lastRead: { id: string; job: FireworksJob } | null = null;

  private async readJob(jobId: string, fresh: boolean): Promise<FireworksJob> {
    if (!fresh && this.lastRead?.id === jobId) return this.lastRead.job;
    const job = await this.call<FireworksJob>("GET", this.jobPath(jobId));
    this.lastRead = { id: jobId, job };
    return job;
  }

  private get accountPath() {
    return `/v1/accounts/${encodeURIComponent(this.account)}`;
  }

  private async call<T>(method: string, route: string, body?: unknown, opts: { auth?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (opts.auth !== false) headers.authorization = `Bearer ${this.apiKey}`;
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(60_000) };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const res = await fetch(route.startsWith("http") ? route : `${this.baseURL}${route}`, init);
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // a metrics file (JSON Lines) or a plain-text error: handled by the caller or quoted below
    }
    if (!res.ok) {
      const j = json as { message?: string; error?: { message?: string } } | null;
      throw new FireworksApiError(res.status, `Fireworks AI answered ${res.status}: ${j?.message ?? j?.error?.message ?? (text.slice(0, 300) || res.statusText)}`);
    }
    return (json ?? text) as T;
  }

  private jobPath(jobId: string) {
    return `${this.accountPath}/supervisedFineTuningJobs/${encodeURIComponent(jobId)}`;
  }

  /** Creates a dataset named by the file's digest and uploads the file, unless that dataset is READY already. */
  async upload(filePath: string): Promise<string> {
    const datasetId = resourceId(`tt-${path.basename(filePath, ".jsonl")}-${(await sha256(filePath)).slice(0, 16)}`);
    const name = `accounts/${this.account}/datasets/${datasetId}`;
    let state: string | undefined;
    try {
      state = (await this.call<{ state?: string }>("GET", `${this.accountPath}/datasets/${datasetId}`)).state;
    } catch (e) {
      if (!(e instanceof FireworksApiError && e.status === 404)) throw e;
      await this.call("POST", `${this.accountPath}/datasets`, { datasetId, dataset: { displayName: path.basename(filePath), userUploaded: {} } });
    }
    if (state !== "READY") {
      const form = new FormData();
      form.set("file", await openAsBlob(filePath), path.basename(filePath));
      await this.call("POST", `${this.accountPath}/datasets/${datasetId}:upload`, form);
    }
    return name;
  }

  private static jobIdOf(runId: string, suffix: string) {
    return resourceId(`${suffix}-${runId.slice(-8)}`);
  }

  async findJob(runId: string, suffix: string): Promise<string | null> {
    const id = FireworksBackend.jobIdOf(runId, suffix);
    try {
      await this.call("GET", this.jobPath(id));
      return id;
    } catch (e) {
      if (e instanceof FireworksApiError && e.status === 404) return null;
      throw e;
    }
  }

  async createJob({ runId, config, trainFileId, validFileId, suffix }: CreateJobInput): Promise<string> {
    const id = FireworksBackend.jobIdOf(runId, suffix);
    const lora = config.lora;
    const epochs = config.hyperparameters.n_epochs === "auto" ? 3 : config.hyperparameters.n_epochs;
    // LoRA ranks Fireworks takes: a power of 2 up to 64; a rank between two is rounded up.
    const rank = lora ? Math.min(64, 2 ** Math.ceil(Math.log2(Math.max(1, lora.r)))) : undefined;
    try {
      await this.call("POST", `${this.accountPath}/supervisedFineTuningJobs?supervisedFineTuningJobId=${id}`, {
        displayName: suffix,
        dataset: trainFileId,
        ...(validFileId ? { evaluationDataset: validFileId } : {}),
        baseModel: config.baseModel,
        outputModel: id,
        epochs,
        ...(rank ? { loraRank: rank } : {}),
        ...(lora ? { learningRate: lora.learning_rate } : {}),
        ...(config.hyperparameters.batch_size !== "auto" ? { batchSizeSamples: config.hyperparameters.batch_size } : {}),
      });
    } catch (e) {
      // The job was made by an attempt that died before storing it: it is this run's.
      if (!(e instanceof FireworksApiError && e.status === 409 && (await this.findJob(runId, suffix)))) throw e;
    }
    return id;
  }

  async job(jobId: string): Promise<BackendJob> {
    const j = await this.readJob(jobId, true);
    const status = STATE[j.state] ?? null;
    return {
      id: jobId,
      remoteStatus: j.state.replace(/^JOB_STATE_/, "").toLowerCase(),
      status,
      nEpochs: finite(j.epochs),
      fineTunedModel: status === "succeeded" ? (j.outputModel ?? null) : null,
      trainedTokens: null,
      estimatedFinish: null,
      error: status === "failed" ? `${j.status?.message || "the job failed"}${j.status?.code && j.status.code !== "OK" ? ` (${j.status.code})` : ""}` : null,
    };
  }

  /**
   * Fireworks keeps no event log: each state the job reaches becomes one event (its id is the state,
   * so it is stored once). Losses are in the job's metrics file (JSON Lines behind a signed URL).
   */
  async progress(jobId: string, since: { eventId: string | null; step: number | null }): Promise<BackendProgress> {
    const j = await this.readJob(jobId, false);
    const word = j.state.replace(/^JOB_STATE_/, "").toLowerCase().replace(/_/g, " ");
    const stateEvent: BackendEvent = {
      id: `state:${j.state}`,
      createdAt: new Date(j.updateTime ?? Date.now()),
      level: j.state === "JOB_STATE_FAILED" ? "error" : "info",
      type: "state",
      message: j.state === "JOB_STATE_FAILED" && j.status?.message ? `Job failed: ${j.status.message}` : `Job ${word}`,
      data: j.jobProgress ?? null,
    };
    const events = stateEvent.id === since.eventId ? [] : [stateEvent];
    const points: MetricPoint[] = [];
    if (j.metricsFileSignedUrl) {
      let text = "";
      try {
        text = await this.call<string>("GET", j.metricsFileSignedUrl, undefined, { auth: false });
      } catch (e) {
        if (!(e instanceof FireworksApiError && e.status === 404)) throw e; // 404: no step written yet
      }
      const byStep = new Map<number, MetricPoint>();
      for (const line of (typeof text === "string" ? text : "").split("\n")) {
        if (!line.trim()) continue;
        let row: Record<string, unknown>;
        try {
          row = JSON.parse(line);
        } catch {
          continue; // a line being written as we read
        }
        const step = finite(row.step);
        if (step === null || !Number.isInteger(step) || step < 0 || (since.step !== null && step < since.step)) continue;
        const p = byStep.get(step) ?? emptyPoint(step);
        p.trainLoss = finite(row["train/loss"]) ?? p.trainLoss;
        p.validLoss = finite(row["eval/loss"]) ?? p.validLoss;
        p.learningRate = finite(row["train/learning_rate"]) ?? p.learningRate;
        p.epoch = finite(row.epoch) ?? p.epoch;
        byStep.set(step, p);
      }
      points.push(...[...byStep.values()].sort((a, b) => a.step - b.step));
    }
    // The total is known for certain once the job is done; before, from the share of the work done.
    const last = points.at(-1)?.step ?? null;
    const percent = finite(j.jobProgress?.percent);
    const totalSteps = j.state === "JOB_STATE_COMPLETED" && last ? last : last && percent && percent > 0 && percent < 100 ? Math.round((last * 100) / percent) : null;
    return { events, points, totalSteps };
  }

  /** Fireworks keeps no intermediate checkpoints to list: the output model (the run's model) is what it serves. */
  async results(): Promise<{ checkpoints: BackendCheckpoint[]; points: MetricPoint[] }> {
    return { checkpoints: [], points: [] };
  }

  async cancel(jobId: string): Promise<void> {
    await this.call("POST", `${this.jobPath(jobId)}:cancel`, {});
  }

  isPermanent(e: unknown): e is FireworksApiError {
    return e instanceof FireworksApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 409 && e.status !== 429;
  }

  chat(): OpenAI {
    return new OpenAI({ apiKey: this.apiKey, baseURL: `${this.baseURL}/inference/v1`, maxRetries: 4, timeout: 60_000 });
  }
}
