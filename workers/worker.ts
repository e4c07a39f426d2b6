// Builds the BullMQ worker: parse payload -> call the processor with its dependencies.
import { Worker, UnrecoverableError, type Job } from "bullmq";
import IORedis from "ioredis";
import { jobs, queueName, redisUrl } from "../lib/queue/contracts";
import { db } from "../lib/server/db";
import { revalidateProjectJob } from "./processors/revalidate-project";
import { computeHealthJob } from "./processors/compute-health";
import { renameInExamplesJob } from "../lib/server/tools/rename-in-examples";
import { analyseImport } from "../lib/server/imports/analyse";
import { commitImport, indexImported } from "../lib/server/imports/commit";
import { submitRun, type RunDeps } from "../lib/server/runs/submit";
import { cancelRunJob, monitorRun } from "../lib/server/runs/monitor";
import { backendForRun } from "../lib/server/runs/backends";
import { enqueue } from "../lib/server/queue";
import { runEval, type EvalDeps } from "../lib/server/evals/run-eval";
import { chatClient } from "../lib/server/evals/clients";
import { redactUrl } from "../lib/redact";
import { runGeneration, type GenerationDeps } from "../lib/server/generate/run-generation";

/** What eval processors need: a chat-completions client for a target. */
export const evalDeps: EvalDeps = { client: chatClient };

/** What generation processors need: a chat-completions client for the teacher. */
export const generationDeps: GenerationDeps = { client: chatClient };

/** What run processors need: the backend client and a way to schedule the next poll. */
export const runDeps: RunDeps = {
  backend: backendForRun,
  scheduleMonitor: (runId, delayMs) =>
    enqueue(jobs.monitorRun.name, { runId }, jobs.monitorRun.jobId({ runId, seq: Date.now() }), { delay: delayMs, attempts: 10 }),
  // A fresh id each time: BullMQ ignores an id it still holds (the submit job that scheduled this one).
  scheduleSubmit: (runId, delayMs) => enqueue(jobs.submitRun.name, { runId }, `${jobs.submitRun.jobId({ runId })}-w${Date.now()}`, { delay: delayMs }),
};

async function processJob(job: Job): Promise<unknown> {
  switch (job.name) {
    case jobs.revalidateProject.name: {
      const parsed = jobs.revalidateProject.payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
      return revalidateProjectJob(parsed.data, { db: db(), progress: (checked) => job.updateProgress({ checked }) });
    }
    case jobs.renameInExamples.name: {
      const parsed = jobs.renameInExamples.payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
      return renameInExamplesJob(parsed.data);
    }
    case jobs.analyseImport.name:
    case jobs.commitImport.name: {
      const parsed = jobs.analyseImport.payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
      const id = parsed.data.importJobId;
      const onProgress = (done: number) => job.updateProgress({ done });
      try {
        if (job.name === jobs.analyseImport.name) return await analyseImport(id, onProgress);
        return await indexImported(id, await commitImport(id, onProgress));
      } catch (e) {
        // The import is marked failed with its message; retrying the same file would fail the same way.
        throw new UnrecoverableError((e as Error).message);
      }
    }
    case jobs.submitRun.name:
    case jobs.monitorRun.name:
    case jobs.cancelRun.name: {
      const parsed = jobs.submitRun.payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
      const run = job.name === jobs.submitRun.name ? submitRun : job.name === jobs.monitorRun.name ? monitorRun : cancelRunJob;
      return run(parsed.data.runId, runDeps);
    }
    case jobs.runEval.name: {
      const parsed = jobs.runEval.payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
      return runEval(parsed.data.evalId, evalDeps);
    }
    case jobs.generateCandidates.name: {
      const parsed = jobs.generateCandidates.payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
      return runGeneration(parsed.data.generationId, generationDeps);
    }
    case jobs.computeHealth.name: {
      const parsed = jobs.computeHealth.payload.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
      return computeHealthJob(parsed.data, { progress: (p) => job.updateProgress(p) });
    }
    default:
      throw new UnrecoverableError(`unknown job "${job.name}"`);
  }
}

export function createWorker(opts: { concurrency?: number } = {}) {
  // Workers need maxRetriesPerRequest: null so blocking commands survive Redis restarts.
  const connection = new IORedis(redisUrl(), { maxRetriesPerRequest: null });
  // A job held by a worker that died is handed to another after the lock expires (default 30 s).
  const lockDuration = Number(process.env.TOOLTUNE_WORKER_LOCK_MS ?? 30_000);
  const worker = new Worker(queueName(), processJob, { connection, concurrency: opts.concurrency ?? 8, lockDuration, stalledInterval: lockDuration });
  return { worker, connection };
}

/** Resolves when Redis answers PING, or rejects with a message that says what to start. */
export async function checkRedis(timeoutMs = 5000): Promise<void> {
  const probe = new IORedis(redisUrl(), { maxRetriesPerRequest: 0, connectTimeout: timeoutMs, lazyConnect: true, retryStrategy: () => null });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new Error(`cannot reach Redis at ${redactUrl(redisUrl())} (${(e as Error).message}). Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no`);
  } finally {
    probe.disconnect();
  }
}
