// Queue contracts shared by producer (app) and consumer (worker). Payloads carry ids only.
import { createHash } from "node:crypto";
import { z } from "zod";
import { resolveDatabaseUrl } from "../server/database-url";

/**
 * One queue per database: installs (or a dev server and the test suite) that share a Redis must
 * never run each other's jobs against the wrong database. TOOLTUNE_QUEUE overrides the name.
 */
export function queueName(): string {
  if (process.env.TOOLTUNE_QUEUE) return process.env.TOOLTUNE_QUEUE;
  const url = resolveDatabaseUrl(process.env.DATABASE_URL);
  return `tooltune-${createHash("sha256").update(url).digest("hex").slice(0, 12)}`;
}

export const jobs = {
  revalidateProject: {
    name: "revalidate-project",
    payload: z.object({
      projectId: z.string(),
      catalogueVersion: z.number().int(),
      onlyTools: z.array(z.string()).nullable(),
    }),
    // BullMQ job ids may not contain ':'.
    jobId: (p: { projectId: string; catalogueVersion: number }) => `revalidate-${p.projectId}-v${p.catalogueVersion}`,
  },
  renameInExamples: {
    name: "rename-in-examples",
    payload: z.object({ projectId: z.string(), catalogueVersion: z.number().int(), from: z.string(), to: z.string(), authorId: z.string() }),
    jobId: (p: { projectId: string; catalogueVersion: number }) => `rename-${p.projectId}-v${p.catalogueVersion}`,
  },
  analyseImport: {
    name: "analyse-import",
    payload: z.object({ importJobId: z.string() }),
    jobId: (p: { importJobId: string; attempt: number }) => `import-analyse-${p.importJobId}-${p.attempt}`,
  },
  commitImport: {
    name: "commit-import",
    payload: z.object({ importJobId: z.string() }),
    jobId: (p: { importJobId: string }) => `import-commit-${p.importJobId}`,
  },
  submitRun: {
    name: "submit-run",
    payload: z.object({ runId: z.string() }),
    jobId: (p: { runId: string }) => `run-submit-${p.runId}`,
  },
  monitorRun: {
    name: "monitor-run",
    payload: z.object({ runId: z.string() }),
    // One id per poll: BullMQ refuses to add a job whose id it still holds.
    jobId: (p: { runId: string; seq: number }) => `run-monitor-${p.runId}-${p.seq}`,
  },
  cancelRun: {
    name: "cancel-run",
    payload: z.object({ runId: z.string() }),
    jobId: (p: { runId: string }) => `run-cancel-${p.runId}`,
  },
  runEval: {
    name: "run-eval",
    payload: z.object({ evalId: z.string() }),
    jobId: (p: { evalId: string; seq?: number }) => (p.seq === undefined ? `eval-${p.evalId}` : `eval-${p.evalId}-r${p.seq}`),
  },
  computeHealth: {
    name: "compute-health",
    // The options are part of what is asked for (ids and small enums); the examples are read by the worker.
    payload: z.object({
      projectId: z.string(),
      split: z.enum(["train", "validation", "all", "labelled"]),
      encoding: z.enum(["cl100k_base", "o200k_base"]),
      tokenLimit: z.number().int().positive(),
      /** The state of the data asked about (health-store.ts dataState): a job whose data has moved on since is skipped. */
      state: z.string(),
    }),
    // One job per (project, split, options, state of the data): two tabs asking at once share it.
    jobId: (p: { projectId: string; split: string; encoding: string; tokenLimit: number; state: string }) =>
      `health-${p.projectId}-${p.split}-${p.encoding}-${p.tokenLimit}-${p.state}`,
  },
  generateCandidates: {
    name: "generate-candidates",
    payload: z.object({ generationId: z.string() }),
    jobId: (p: { generationId: string; seq?: number }) => (p.seq === undefined ? `generate-${p.generationId}` : `generate-${p.generationId}-r${p.seq}`),
  },
  reconcileRuns: {
    name: "reconcile-runs",
    payload: z.object({}),
    jobId: () => "reconcile-runs",
  },
} as const;

export type RevalidatePayload = z.infer<typeof jobs.revalidateProject.payload>;
export type RenameInExamplesPayload = z.infer<typeof jobs.renameInExamples.payload>;
export type ComputeHealthPayload = z.infer<typeof jobs.computeHealth.payload>;

export function redisUrl(): string {
  return process.env.REDIS_URL || "redis://127.0.0.1:6379";
}
