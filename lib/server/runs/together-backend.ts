// Together AI as a training backend (https://docs.together.ai/reference): files, fine-tunes, their
// events and metrics, cancel; trained models answer on its OpenAI-compatible chat completions.
// Plain fetch against the published REST API (no SDK of Together's), behind the TrainingBackend contract.
import { createHash } from "node:crypto";
import { openAsBlob } from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import { epochOf } from "../../training/events";
import { emptyPoint, type MetricPoint } from "../../training/types";
import type { BackendCheckpoint, BackendEvent, BackendJob, BackendProgress, CreateJobInput, TrainingBackend } from "./backend";

export const TOGETHER_DEFAULT_URL = "https://api.together.xyz/v1";

/** An error answer of Together's API, with its HTTP status and message. */
export class TogetherApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const STATUS: Record<string, BackendJob["status"]> = {
  pending: "validating",
  queued: "validating",
  running: "running",
  compressing: "running",
  uploading: "running",
  cancel_requested: "running",
  completed: "succeeded",
  error: "failed",
  user_error: "failed",
  cancelled: "cancelled",
};

interface TogetherEvent {
  created_at?: string | null;
  level?: string | null;
  message?: string | null;
  type?: string | null;
  hash?: string | null;
  step?: number | null;
  total_steps?: number | null;
  checkpoint_path?: string | null;
  model_path?: string | null;
}

interface TogetherJob {
  id: string;
  status: string;
  model?: string | null;
  model_output_name?: string | null;
  output_name?: string | null;
  suffix?: string | null;
  n_epochs?: number | null;
  token_count?: number | null;
  total_steps?: number | null;
  steps_completed?: number | null;
  events?: TogetherEvent[] | null;
  created_at?: string | null;
}

interface TogetherFile {
  id: string;
  processing_status?: string | null;
  validation_report?: { valid?: boolean; error?: string | null } | null;
}

/** How long an upload may wait for Together's check of the file. */
const FILE_CHECK_TIMEOUT_MS = 10 * 60_000;

/** A stable id for an event: Together's hash when it gives one, else a digest of what the event says. */
function eventId(e: TogetherEvent): string {
  if (e.hash) return e.hash;
  return createHash("sha256").update(JSON.stringify([e.created_at ?? "", e.type ?? "", e.message ?? "", e.step ?? null])).digest("hex").slice(0, 32);
}

const finite = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export class TogetherBackend implements TrainingBackend {
  readonly id = "together" as const;

  constructor(
    private readonly baseURL: string,
    private readonly apiKey: string,
  ) {}

  private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${this.apiKey}`, accept: "application/json" }, signal: AbortSignal.timeout(60_000) };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
    const res = await fetch(`${this.baseURL}${route}`, init);
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: the message below quotes the start of the text
    }
    if (!res.ok) {
      const err = (json as { error?: { message?: string } | string; message?: string } | null) ?? null;
      const message = typeof err?.error === "string" ? err.error : (err?.error?.message ?? err?.message ?? text.slice(0, 300));
      throw new TogetherApiError(res.status, `Together AI answered ${res.status}: ${message || res.statusText}`);
    }
    return json as T;
  }

  /**
   * Uploads, then waits for Together's check of the file (it answers PENDING and checks it after the
   * upload): a file it finds invalid fails the run with Together's own words, naming the line.
   */
  async upload(filePath: string): Promise<string> {
    const name = path.basename(filePath);
    const form = new FormData();
    form.set("file", await openAsBlob(filePath), name);
    form.set("file_name", name);
    form.set("purpose", "fine-tune");
    let file = await this.call<TogetherFile>("POST", "/files/upload", form);
    const deadline = Date.now() + FILE_CHECK_TIMEOUT_MS;
    for (let delay = 200; ; delay = Math.min(delay * 2, 5_000)) {
      const status = file.processing_status?.toUpperCase();
      if (!status || status === "COMPLETED") return file.id;
      if (status === "INVALID_FORMAT" || status === "FAILED") {
        throw new TogetherApiError(400, `Together AI refused ${name}: ${file.validation_report?.error ?? status.toLowerCase().replace("_", " ")}`);
      }
      if (Date.now() > deadline) throw new Error(`Together AI has not finished checking ${name} after ${FILE_CHECK_TIMEOUT_MS / 60_000} minutes (still ${status}); the run is retried`);
      await new Promise((r) => setTimeout(r, delay));
      file = await this.call<TogetherFile>("GET", `/files/${encodeURIComponent(file.id)}`);
    }
  }

  /** Together keeps no metadata on a job: the run's tag is in the suffix, which the output model name carries. */
  async findJob(runId: string, suffix: string): Promise<string | null> {
    const list = await this.call<{ data?: TogetherJob[] | null }>("GET", "/fine-tunes");
    // The tag remoteSuffix appends (submit.ts): "tt" and the run id's last 8 characters.
    const tag = `tt${runId.slice(-8)}`;
    const mine = (list.data ?? []).filter((j) => j.suffix === suffix || (j.model_output_name ?? j.output_name ?? "").includes(tag));
    return mine[0]?.id ?? null;
  }

  async createJob({ config, trainFileId, validFileId, suffix }: CreateJobInput): Promise<string> {
    const lora = config.lora;
    const epochs = config.hyperparameters.n_epochs === "auto" ? 3 : config.hyperparameters.n_epochs;
    const job = await this.call<TogetherJob>("POST", "/fine-tunes", {
      training_file: trainFileId,
      ...(validFileId ? { validation_file: validFileId, n_evals: 10 } : {}),
      model: config.baseModel,
      n_epochs: epochs,
      ...(config.hyperparameters.batch_size !== "auto" ? { batch_size: config.hyperparameters.batch_size } : {}),
      ...(lora ? { learning_rate: lora.learning_rate } : {}),
      suffix,
      training_method: { method: "sft" },
      training_type: lora
        ? { type: "Lora", lora_r: lora.r, lora_alpha: lora.lora_alpha, lora_dropout: lora.lora_dropout, lora_trainable_modules: lora.target_modules === "all-linear" ? "all-linear" : lora.target_modules.join(",") }
        : { type: "Full" },
    });
    return job.id;
  }

  async job(jobId: string): Promise<BackendJob> {
    const j = await this.call<TogetherJob>("GET", `/fine-tunes/${encodeURIComponent(jobId)}`);
    const failedWith = [...(j.events ?? [])].reverse().find((e) => /error/i.test(e.type ?? "") || /^error$/i.test(e.level ?? ""));
    const status = STATUS[j.status] ?? null;
    return {
      id: j.id,
      remoteStatus: j.status,
      status,
      nEpochs: finite(j.n_epochs),
      fineTunedModel: status === "succeeded" ? (j.model_output_name ?? j.output_name ?? null) : null,
      // Tokens processed (epochs × training tokens + evals × validation tokens), as the test server
      // reads Together's reference; the Python SDK's comment calls it the "dataset token count".
      trainedTokens: finite(j.token_count),
      estimatedFinish: null,
      error: status === "failed" ? (failedWith?.message ?? `the job ended with status ${j.status}`) : null,
    };
  }

  async progress(jobId: string, since: { eventId: string | null; step: number | null }, nEpochs: number | null): Promise<BackendProgress> {
    const id = encodeURIComponent(jobId);
    const listed = (await this.call<{ data?: TogetherEvent[] | null }>("GET", `/fine-tunes/${id}/events`)).data ?? [];
    // Listed oldest first: the new ones are those after the last one stored.
    const all = listed.map((e) => ({ raw: e, id: eventId(e) }));
    const from = since.eventId ? all.findIndex((e) => e.id === since.eventId) + 1 : 0;
    const events: BackendEvent[] = all
      .slice(from)
      .map(({ raw, id: eid }) => ({ id: eid, createdAt: raw.created_at ? new Date(raw.created_at) : new Date(), level: (raw.level || "info").toLowerCase(), type: raw.type ?? "message", message: raw.message ?? "", data: raw.step != null ? { step: raw.step, total_steps: raw.total_steps ?? null } : null }))
      .reverse();
    const totalSteps = [...listed].reverse().map((e) => finite(e.total_steps)).find((n) => n !== null) ?? null;
    const query = since.step !== null ? `?global_step_from=${since.step}` : "";
    const rows = (await this.call<{ metrics?: Record<string, number>[] | null }>("GET", `/fine-tunes/${id}/metrics${query}`)).metrics ?? [];
    const byStep = new Map<number, MetricPoint>();
    for (const r of rows) {
      const step = finite(r["train/global_step"]) ?? finite(r["eval/global_step"]) ?? finite(r.global_step);
      if (step === null || !Number.isInteger(step) || step < 0) continue;
      const p = byStep.get(step) ?? emptyPoint(step);
      p.trainLoss = finite(r["train/loss"]) ?? p.trainLoss;
      p.learningRate = finite(r["train/learning_rate"]) ?? p.learningRate;
      p.validLoss = finite(r["eval/loss"]) ?? p.validLoss;
      if (p.epoch === null && totalSteps && nEpochs) p.epoch = epochOf(step, totalSteps, nEpochs);
      byStep.set(step, p);
    }
    return { events, points: [...byStep.values()].sort((a, b) => a.step - b.step), totalSteps };
  }

  /**
   * Together serves the final model only (its output name); intermediate checkpoints are selectors to
   * continue training from, logged as checkpoint_save events. So the run keeps the final checkpoint.
   */
  async results(job: BackendJob): Promise<{ checkpoints: BackendCheckpoint[]; points: MetricPoint[] }> {
    const list = await this.call<{ data?: { step?: number; created_at?: string; path?: string; checkpoint_type?: string }[] | null }>("GET", `/fine-tunes/${encodeURIComponent(job.id)}/checkpoints`);
    const final = (list.data ?? []).filter((c) => /^final/i.test(c.checkpoint_type ?? "") && typeof c.path === "string");
    const chosen = final.find((c) => /adapter/i.test(c.checkpoint_type ?? "")) ?? final[0];
    const checkpoints =
      chosen && job.fineTunedModel
        ? [{ remoteId: chosen.path!, step: finite(chosen.step) ?? 0, model: job.fineTunedModel, metrics: { type: chosen.checkpoint_type ?? null }, createdAt: chosen.created_at ? new Date(chosen.created_at) : new Date() }]
        : [];
    return { checkpoints, points: [] };
  }

  async cancel(jobId: string): Promise<void> {
    await this.call("POST", `/fine-tunes/${encodeURIComponent(jobId)}/cancel`);
  }

  isPermanent(e: unknown): e is TogetherApiError {
    return e instanceof TogetherApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 409 && e.status !== 429;
  }

  chat(): OpenAI {
    return new OpenAI({ apiKey: this.apiKey, baseURL: this.baseURL, maxRetries: 4, timeout: 60_000 });
  }
}
