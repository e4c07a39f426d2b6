// All reads and writes of runs from the app go through here (and run-labels.ts, for the name, notes and tags people edit). The row is written and committed
// first, then the worker is asked (by id) to submit it; the app itself never waits on a backend.
import { createReadStream, existsSync } from "node:fs";
import { Readable } from "node:stream";
import type { RunCreate, RunDto, RunPreviewDto, MetricsPageDto, RunEventDto, CheckpointDto, RunConfig } from "../../schemas/runs";
import { METRICS_PAGE } from "../../schemas/runs";
import { LORA_BACKENDS, LORA_DEFAULTS, runCreateSchema, TERMINAL, type RunStatus } from "../../schemas/runs";
import { jobs } from "../../queue/contracts";
import { db } from "../db";
import { authorLabels } from "../authors";
import { poolInUse } from "./pool";
import { getPricing } from "../datasets/pricing";
import type { PriceTable } from "../../datasets/cost";
import { TRAINABLE } from "../examples/filters";
import { AppError, notFound } from "../errors";
import { jsonText, parseJsonText } from "../json-text";
import { requireProject } from "../projects/projects";
import { enqueue } from "../queue";
import { backendInfo, backendInfoLive } from "./backends";
import { previewSnapshot } from "./snapshot";
import type { HealthComputing } from "../datasets/request-health";
import { toRunDto, type RunRow } from "./dto";
import { bestEvalByRun, type EvalCandidate } from "./best-eval";
import { runTagsOf } from "./run-labels";
import type { EvalSummary } from "../../scoring/types";
import type { RunListQuery } from "../../schemas/runs";

/** The snapshot a run would take now with the backends to choose from; or the progress of counting its tokens (previewSnapshot). */
export async function previewRun(projectId: string, baseModel?: string): Promise<RunPreviewDto | HealthComputing> {
  await requireProject(projectId);
  const snapshot = await previewSnapshot(projectId, baseModel);
  if ("status" in snapshot) return snapshot;
  return { snapshot, backends: await backendInfoLive() };
}

async function decorate(rows: RunRow[]): Promise<RunDto[]> {
  const ids = rows.map((r) => r.id);
  const users = await authorLabels(rows.map((r) => r.createdById));
  const last = await Promise.all(
    ids.map(async (runId) => {
      const [t, v] = await Promise.all([
        db().metricPoint.findFirst({ where: { runId, trainLoss: { not: null } }, orderBy: { step: "desc" }, select: { trainLoss: true } }),
        db().metricPoint.findFirst({ where: { runId, OR: [{ fullValidLoss: { not: null } }, { validLoss: { not: null } }] }, orderBy: { step: "desc" }, select: { validLoss: true, fullValidLoss: true } }),
      ]);
      return { lastTrainLoss: t?.trainLoss ?? null, lastValidLoss: v?.fullValidLoss ?? v?.validLoss ?? null };
    }),
  );
  const bestEvals = await bestEvalsOf(ids);
  const agentIds = rows.flatMap((r) => [r.agentId, r.pinnedAgentId]).filter((x): x is string => !!x);
  const agents = agentIds.length ? await db().gpuAgent.findMany({ where: { id: { in: [...new Set(agentIds)] } }, select: { id: true, name: true, hourlyUsd: true } }) : [];
  const agentNames = new Map(agents.map((a) => [a.id, a.name]));
  const hourly = new Map(agents.map((a) => [a.id, a.hourlyUsd]));
  const prices = new Map<string, PriceTable>();
  for (const projectId of new Set(rows.map((r) => r.projectId))) prices.set(projectId, (await getPricing(projectId)).prices);
  const agentOf = (r: RunRow): RunDto["agent"] => {
    const id = r.agentId ?? r.pinnedAgentId;
    return id ? { id, name: agentNames.get(id) ?? "(removed agent)", pinned: r.pinnedAgentId !== null } : null;
  };
  return rows.map((r, i) =>
    toRunDto(
      r,
      { createdBy: r.createdById ? (users.get(r.createdById) ?? null) : null, ...last[i], agent: agentOf(r), tags: runTagsOf(r), bestEval: bestEvals.get(r.id) ?? null },
      { prices: prices.get(r.projectId)!, hourlyUsd: r.agentId ? hourly.get(r.agentId) : null },
    ),
  );
}

/** The best finished eval of each run (best-eval.ts says how "best" is decided). */
async function bestEvalsOf(runIds: string[]) {
  if (runIds.length === 0) return new Map();
  const rows = await db().eval.findMany({
    where: { runId: { in: runIds }, status: "succeeded", summary: { not: null } },
    select: { id: true, runId: true, name: true, model: true, createdAt: true, summary: true },
  });
  const candidates: EvalCandidate[] = rows.map((e) => {
    const s = parseJsonText<EvalSummary>(e.summary!);
    return { id: e.id, runId: e.runId!, name: e.name, model: e.model, createdAt: e.createdAt, summary: { exactMatch: s.exactMatch, falseToolCallRate: s.falseToolCallRate } };
  });
  return bestEvalByRun(candidates);
}

async function requireRun(projectId: string, id: string) {
  const run = await db().run.findFirst({ where: { id, projectId } });
  if (!run) throw notFound("run", id);
  return run;
}

export async function getRun(projectId: string, id: string): Promise<RunDto> {
  return (await decorate([await requireRun(projectId, id)]))[0];
}

/** The newest 200 runs, or with `tag` the newest 200 carrying it (tags are stored as a JSON array of lowercase strings). */
export async function listRuns(projectId: string, query: Partial<RunListQuery> = {}): Promise<RunDto[]> {
  await requireProject(projectId);
  const tag = query.tag;
  const rows = await db().run.findMany({ where: { projectId, ...(tag ? { tags: { contains: JSON.stringify(tag) } } : {}) }, orderBy: { createdAt: "desc" }, take: 200 });
  // LIKE reads "_" as any character: keep only the runs that carry the tag itself.
  return decorate(tag ? rows.filter((r) => runTagsOf(r).includes(tag)) : rows);
}

/** A run as it will be stored, once every check of its settings passed (nothing written yet). */
export interface PreparedRun {
  data: ReturnType<typeof runCreateSchema.parse>;
  config: RunConfig;
}

/** Checks a run's settings against the backends and the project's data, and makes its frozen config. */
export async function prepareRun(projectId: string, input: RunCreate): Promise<PreparedRun> {
  const data = runCreateSchema.parse(input);
  const project = await requireProject(projectId);
  const backend = backendInfo().find((b) => b.id === data.backend)!;
  if (data.lora && !LORA_BACKENDS.includes(data.backend)) throw new AppError("validation_failed", `LoRA settings apply to ${LORA_BACKENDS.slice(0, -1).join(", ")} and ${LORA_BACKENDS.at(-1)} runs only`, { field: "lora" });
  const batch = data.hyperparameters.batch_size;
  // The GPU agent reads the batch size as its per-device batch (Together takes only batch_size).
  if (data.backend === "gpu" && data.lora && batch !== "auto" && data.lora.per_device_train_batch_size !== batch)
    throw new AppError("validation_failed", `batch size is given twice (hyperparameters ${batch}, LoRA ${data.lora.per_device_train_batch_size}); they are one setting`, { field: "lora.per_device_train_batch_size" });
  const pooled = data.backend === "gpu" && (await poolInUse());
  if (data.agentId !== null) {
    if (!pooled) throw new AppError("validation_failed", "an agent can be chosen only for runs on the GPU pool (register agents under GPU agents)", { field: "agentId" });
    if (!(await db().gpuAgent.findUnique({ where: { id: data.agentId }, select: { id: true } }))) throw new AppError("validation_failed", `there is no GPU agent "${data.agentId}"`, { field: "agentId" });
  }
  if (!backend.configured && !pooled) {
    throw new AppError("validation_failed", `the ${backend.label} backend is not configured: set ${backend.missing.join(" and ")} in the server's environment`, { field: "backend" });
  }
  const trainCount = await db().example.count({ where: { projectId, split: "train", ...TRAINABLE } });
  if (trainCount === 0) throw new AppError("validation_failed", "the train split is empty: assign a split under Data first", { field: "dataset" });
  const config: RunConfig = {
    backend: data.backend,
    baseModel: data.baseModel,
    hyperparameters: data.hyperparameters,
    suffix: data.suffix,
    seed: data.seed,
    outputStyle: project.outputStyle === "native_tools" ? "native_tools" : "router_json",
    catalogueVersion: project.catalogueVersion,
    lora: LORA_BACKENDS.includes(data.backend) ? (data.lora ?? LORA_DEFAULTS) : null,
  };
  return { data, config };
}

/** The row of a prepared run. No files yet (trainFilePath ""): the submit job freezes the dataset, so creating answers at once at any size. */
export function runRow(projectId: string, { data, config }: PreparedRun, authorId: string, extra: { retryOfId?: string | null; sweepId?: string; sweepLabel?: string } = {}) {
  return { projectId, backend: data.backend, baseModel: data.baseModel, config: jsonText(config), snapshot: "{}", trainFilePath: "", createdById: authorId, pinnedAgentId: data.agentId, retryOfId: extra.retryOfId ?? null, sweepId: extra.sweepId ?? null, sweepLabel: extra.sweepLabel ?? null };
}

/** Queues a stored run's submit job (its id derived from the run's, so it is queued once). */
export async function queueRun(runId: string): Promise<void> {
  await enqueue(jobs.submitRun.name, { runId }, jobs.submitRun.jobId({ runId }));
}

export async function createRun(projectId: string, input: RunCreate, authorId: string, retryOfId: string | null = null): Promise<RunDto> {
  const prepared = await prepareRun(projectId, input);
  // The row is committed; now the worker may pick it up.
  const run = await db().run.create({ data: runRow(projectId, prepared, authorId, { retryOfId }) });
  await queueRun(run.id);
  return getRun(projectId, run.id);
}

export async function retryRun(projectId: string, id: string, authorId: string): Promise<RunDto> {
  const run = await requireRun(projectId, id);
  if (!TERMINAL.includes(run.status as RunStatus) || run.status === "succeeded") throw new AppError("conflict", `only a failed or cancelled run can be retried; this one is ${run.status}`);
  const c = parseJsonText<RunConfig>(run.config);
  if (c.method) {
    // A DPO run is retried as a DPO run on the same parent, pairs and settings (imported here: dpo.ts uses this module).
    const { createDpoRun } = await import("./dpo");
    const m = c.method;
    return createDpoRun(projectId, m.parentRunId, { evalIds: m.evalIds, beta: m.beta, validationShare: m.validationShare, hyperparameters: c.hyperparameters, suffix: c.suffix, name: run.name ?? undefined }, authorId, run.id);
  }
  return createRun(projectId, { backend: c.backend, baseModel: c.baseModel, hyperparameters: c.hyperparameters, suffix: c.suffix, seed: c.seed, ...(c.lora ? { lora: c.lora } : {}), agentId: run.pinnedAgentId }, authorId, run.id);
}

export async function cancelRun(projectId: string, id: string): Promise<RunDto> {
  const run = await requireRun(projectId, id);
  if (TERMINAL.includes(run.status as RunStatus)) throw new AppError("conflict", `this run is already ${run.status}`);
  await requestRunCancel(id);
  return getRun(projectId, id);
}

/** Marks a live run to stop and queues the job that cancels its remote training (it bills until then). */
export async function requestRunCancel(runId: string): Promise<void> {
  await db().run.update({ where: { id: runId }, data: { cancelRequested: true } });
  await enqueue(jobs.cancelRun.name, { runId }, jobs.cancelRun.jobId({ runId }));
}

export async function runMetrics(projectId: string, id: string, afterStep: number | null): Promise<MetricsPageDto> {
  const run = await requireRun(projectId, id);
  const points = await db().metricPoint.findMany({
    where: { runId: id, ...(afterStep !== null ? { step: { gt: afterStep } } : {}) },
    orderBy: { step: "asc" },
    take: METRICS_PAGE + 1,
    select: {
      step: true,
      epoch: true,
      trainLoss: true,
      validLoss: true,
      fullValidLoss: true,
      trainAccuracy: true,
      validAccuracy: true,
      fullValidAccuracy: true,
      learningRate: true,
      // A DPO run's rewards; an SFT run's points keep their shape.
      ...(run.parentRunId ? { rewardsChosen: true, rewardsRejected: true, rewardsMargins: true, rewardsAccuracy: true, validRewardsMargins: true, validRewardsAccuracy: true } : {}),
    },
  });
  const more = points.length > METRICS_PAGE;
  if (more) points.length = METRICS_PAGE;
  return { points, lastStep: points.at(-1)?.step ?? afterStep, status: run.status as RunStatus, more };
}

/** Levels the backends use for what a person should read: OpenAI and the GPU agent say "warn", some say "warning". */
const WARNING_LEVELS = ["warn", "warning", "error"];

/**
 * The run's events, oldest first: the last 500, or with `warnings` the first 100 warnings and errors,
 * which a long run's step events would otherwise push out of the last 500 (the trainer warns at the start).
 */
export async function runEvents(projectId: string, id: string, opts: { warnings?: boolean } = {}): Promise<RunEventDto[]> {
  await requireRun(projectId, id);
  const rows = opts.warnings
    ? await db().runEvent.findMany({ where: { runId: id, level: { in: WARNING_LEVELS } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 100 })
    : (await db().runEvent.findMany({ where: { runId: id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 })).reverse();
  return rows.map((e) => ({ id: e.remoteId, createdAt: e.createdAt.toISOString(), level: e.level, type: e.type, message: e.message }));
}

export async function runCheckpoints(projectId: string, id: string): Promise<CheckpointDto[]> {
  await requireRun(projectId, id);
  const rows = await db().checkpoint.findMany({ where: { runId: id }, orderBy: { step: "asc" } });
  return rows.map((c) => ({ id: c.remoteId, step: c.step, model: c.model, metrics: parseJsonText(c.metrics), createdAt: c.createdAt.toISOString() }));
}

export async function runFile(projectId: string, id: string, which: "train" | "validation") {
  const run = await requireRun(projectId, id);
  const file = which === "train" ? run.trainFilePath : run.validFilePath;
  if (!file || !existsSync(file)) throw new AppError("not_found", `this run has no ${which} file`);
  return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream, fileName: `run-${id}-${which}.jsonl` };
}

/** RunDtos of stored rows (their authors, last losses, agents and costs): for pages that list runs of their own, such as a sweep. */
export const runDtos = decorate;
