// The training backend of every server that speaks OpenAI's fine-tuning API: OpenAI itself, and the
// ToolTune GPU agent (which implements the same subset, plus LoRA settings as an extra field).
import { createReadStream } from "node:fs";
import path from "node:path";
import OpenAI, { APIError, toFile } from "openai";
import type { BackendId } from "../../schemas/runs";
import { metricPointFromEvent, totalStepsOfEvent } from "../../training/events";
import { parseResultsCsv } from "../../training/results-csv";
import type { MetricPoint } from "../../training/types";
import type { BackendCheckpoint, BackendJob, BackendProgress, CreateJobInput, TrainingBackend } from "./backend";

/** The run's id in the job's metadata: how a job created but never stored is found again. */
export const RUN_TAG_KEY = "tooltune_run";

const KNOWN: Record<string, BackendJob["status"]> = {
  validating_files: "validating",
  queued: "validating",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

/** API errors that retrying cannot fix. */
export function isPermanentApiError(e: unknown): e is APIError {
  return e instanceof APIError && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 409 && e.status !== 429;
}

export class OpenAICompatibleBackend implements TrainingBackend {
  constructor(
    readonly id: BackendId,
    private readonly client: OpenAI,
  ) {}

  async upload(filePath: string): Promise<string> {
    const f = await this.client.files.create({ file: await toFile(createReadStream(filePath), path.basename(filePath)), purpose: "fine-tune" });
    return f.id;
  }

  async findJob(runId: string): Promise<string | null> {
    for await (const job of this.client.fineTuning.jobs.list({ limit: 100, metadata: { [RUN_TAG_KEY]: runId } })) {
      if (job.metadata?.[RUN_TAG_KEY] === runId) return job.id;
    }
    return null;
  }

  async createJob({ runId, config, trainFileId, validFileId, suffix }: CreateJobInput): Promise<string> {
    const job = await this.client.fineTuning.jobs.create({
      model: config.baseModel,
      training_file: trainFileId,
      ...(validFileId ? { validation_file: validFileId } : {}),
      suffix,
      ...(config.seed !== null ? { seed: config.seed } : {}),
      metadata: { [RUN_TAG_KEY]: runId },
      // A DPO run: preference training with beta next to the usual hyperparameters (the GPU agent reads the same).
      method: config.method
        ? { type: "dpo", dpo: { hyperparameters: { ...config.hyperparameters, beta: config.method.beta } } }
        : { type: "supervised", supervised: { hyperparameters: config.hyperparameters } },
      // The GPU agent reads LoRA settings as an extra field; OpenAI would refuse it, so only there.
      ...(this.id === "gpu" && config.lora ? ({ lora: config.lora } as object) : {}),
    });
    return job.id;
  }

  async job(jobId: string): Promise<BackendJob> {
    const job = await this.client.fineTuning.jobs.retrieve(jobId);
    return {
      id: job.id,
      remoteStatus: job.status,
      status: KNOWN[job.status] ?? null,
      nEpochs: typeof job.hyperparameters?.n_epochs === "number" ? job.hyperparameters.n_epochs : null,
      fineTunedModel: job.fine_tuned_model ?? null,
      trainedTokens: job.trained_tokens ?? null,
      estimatedFinish: job.estimated_finish ? new Date(job.estimated_finish * 1000) : null,
      // The real API sends error {code: null, message: null} on jobs that have not failed.
      error: job.error?.message ? `${job.error.message}${job.error.code ? ` (${job.error.code})` : ""}` : null,
    };
  }

  /**
   * The API lists events newest first and `after` pages towards older ones: read down to the last one
   * stored. Losses arrive as events of type "metrics", so the points are those of the new events.
   */
  async progress(jobId: string, since: { eventId: string | null }, nEpochs: number | null): Promise<BackendProgress> {
    const raw: OpenAI.FineTuning.FineTuningJobEvent[] = [];
    let after: string | undefined;
    for (let done = false; !done; ) {
      const page = await this.client.fineTuning.jobs.listEvents(jobId, { limit: 100, ...(after ? { after } : {}) });
      for (const e of page.data) {
        if (e.id === since.eventId) {
          done = true;
          break;
        }
        raw.push(e);
      }
      if (!page.has_more || page.data.length === 0) done = true;
      else after = page.data.at(-1)!.id;
    }
    const events = raw.map((e) => ({ id: e.id, createdAt: new Date(e.created_at * 1000), level: e.level, type: e.type ?? "message", message: e.message, data: e.data ?? null }));
    const oldestFirst = raw.slice().reverse();
    const points = oldestFirst.map((e) => metricPointFromEvent(e, nEpochs !== null ? { nEpochs } : {})).filter((p): p is MetricPoint => p !== null);
    const totalSteps = raw.map(totalStepsOfEvent).find((n) => n !== null) ?? null;
    return { events, points, totalSteps };
  }

  async results(job: BackendJob): Promise<{ checkpoints: BackendCheckpoint[]; points: MetricPoint[] }> {
    const checkpoints: BackendCheckpoint[] = [];
    for await (const c of this.client.fineTuning.jobs.checkpoints.list(job.id, { limit: 100 })) {
      checkpoints.push({ remoteId: c.id, step: c.step_number, model: c.fine_tuned_model_checkpoint, metrics: c.metrics, createdAt: new Date(c.created_at * 1000) });
    }
    const points: MetricPoint[] = [];
    const remote = await this.client.fineTuning.jobs.retrieve(job.id);
    for (const fileId of remote.result_files ?? []) {
      const res = await this.client.files.content(fileId);
      points.push(...parseResultsCsv(Buffer.from(await res.arrayBuffer())));
    }
    return { checkpoints, points };
  }

  async cancel(jobId: string): Promise<void> {
    await this.client.fineTuning.jobs.cancel(jobId);
  }

  isPermanent(e: unknown): e is APIError {
    return isPermanentApiError(e);
  }

  chat(): OpenAI {
    return this.client;
  }
}
