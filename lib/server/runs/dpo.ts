// DPO runs: preference training on a finished SFT run's model. The pairs are an eval's failures
// (chosen: the gold decision, rejected: what the model answered), frozen into an OpenAI
// preference-format file by the submit job (freezePreference), uploaded with purpose fine-tune and
// trained with method {type: "dpo"} on OpenAI or the GPU agent (which speaks the same API).
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import path from "node:path";
import { estimateCost } from "../../datasets/cost";
import { getEncoding } from "../../datasets/tokens";
import { ratioOf } from "../../gauge";
import { FAILURE_VERDICTS, type FailureVerdict } from "../../schemas/eval-failures";
import type { EvalConfig } from "../../schemas/evals";
import {
  DPO_BACKENDS,
  dpoRunCreateSchema,
  LORA_DEFAULTS,
  type DatasetSnapshot,
  type DpoPreviewDto,
  type DpoRunCreate,
  type RunConfig,
} from "../../schemas/runs";
import { toOpenAIPreference } from "../../formats/preference";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { jsonText, parseJsonText } from "../json-text";
import { requireProject } from "../projects/projects";
import { getPricing } from "../datasets/pricing";
import { failureCounts, failureRows } from "../evals/failures";
import { pairOf } from "../evals/preference-pairs";
import { backendInfo } from "./backends";
import { poolInUse } from "./pool";
import { runDir } from "./snapshot";
import { getRun, queueRun } from "./runs";
import type { RunDto } from "../../schemas/runs";

/** A finished SFT run of the project, whose model a DPO run starts from. */
async function requireSftParent(projectId: string, runId: string) {
  const parent = await db().run.findFirst({ where: { id: runId, projectId } });
  if (!parent) throw notFound("run", runId);
  const config = parseJsonText<RunConfig>(parent.config);
  if (config.method)
    throw new AppError("validation_failed", "a DPO run starts from a finished SFT run, and this run is itself a DPO run", {
      field: "parentRunId",
    });
  if (parent.status !== "succeeded" || !parent.fineTunedModel)
    throw new AppError("validation_failed", `a DPO run starts from a finished SFT run's model; this run is ${parent.status}`, {
      field: "parentRunId",
    });
  if (!DPO_BACKENDS.includes(config.backend))
    throw new AppError("validation_failed", `DPO runs train on ${DPO_BACKENDS.join(" and ")}; this run trained on ${config.backend}`, {
      field: "parentRunId",
    });
  return { parent, config };
}

/** The chosen evals, each of the project and finished; with their pair counts by verdict. */
async function evalsWithPairs(projectId: string, evalIds: string[]) {
  const rows = await db().eval.findMany({ where: { projectId, id: { in: evalIds } }, select: { id: true, name: true, status: true } });
  for (const id of evalIds) {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new AppError("validation_failed", `evalIds: there is no eval "${id}" in this project`, { field: "evalIds" });
    if (row.status !== "succeeded")
      throw new AppError("validation_failed", `evalIds: eval "${row.name}" is ${row.status}; only a finished eval's failures make pairs`, {
        field: "evalIds",
      });
  }
  const byVerdict = Object.fromEntries(FAILURE_VERDICTS.map((v) => [v, 0])) as Record<FailureVerdict, number>;
  for (const id of new Set(evalIds)) {
    const c = await failureCounts(id);
    for (const v of FAILURE_VERDICTS) byVerdict[v] += c[v];
  }
  return { evals: rows, byVerdict, pairs: FAILURE_VERDICTS.reduce((n, v) => n + byVerdict[v], 0) };
}

/** What "Start DPO run" would train on: pairs by verdict, and what it would cost where the backend prices it. */
export async function previewDpoRun(
  projectId: string,
  parentRunId: string,
  evalIds: string[],
  epochs: number | "auto" = "auto",
): Promise<DpoPreviewDto> {
  const { parent, config } = await requireSftParent(projectId, parentRunId);
  const { pairs, byVerdict } = await evalsWithPairs(projectId, evalIds);
  const enc = await getEncoding("o200k_base");
  let tokens = 0;
  for (const id of new Set(evalIds)) for await (const { line } of pairLines(projectId, id)) tokens += enc.count(line);
  const nEpochs = epochs === "auto" ? 3 : epochs;
  const { prices } = await getPricing(projectId);
  const priced = baseSnapshotOf(parent.fineTunedModel!, config.baseModel);
  const costUsd =
    config.backend === "openai" && prices[priced] ? estimateCost({ chargedTokens: tokens * nEpochs, model: priced, prices }).usd : null;
  return {
    parent: { id: parent.id, name: parent.name, backend: config.backend, model: parent.fineTunedModel! },
    pairs,
    byVerdict,
    costUsd,
    chargedTokens: tokens * nEpochs,
    warnings: warningsOf(pairs),
  };
}

/** "ft:gpt-4o-mini-2024-07-18:org:suffix:id" → the snapshot it was trained from (the price table's key). */
function baseSnapshotOf(fineTuned: string, fallback: string): string {
  return fineTuned.startsWith("ft:") ? (fineTuned.split(":")[1] ?? fallback) : fallback;
}

function warningsOf(pairs: number): string[] {
  const w = [
    "the pairs come from gold-split failures: judge the DPO model on a fresh gold set too, or its false-tool-call rate will look better than it is",
  ];
  if (pairs < 10) w.unshift(`only ${pairs} preference pairs: OpenAI needs at least 10`);
  return w;
}

export async function createDpoRun(
  projectId: string,
  parentRunId: string,
  input: DpoRunCreate,
  authorId: string,
  retryOfId: string | null = null,
): Promise<RunDto> {
  const data = dpoRunCreateSchema.parse(input);
  const project = await requireProject(projectId);
  const { parent, config: parentConfig } = await requireSftParent(projectId, parentRunId);
  const { pairs } = await evalsWithPairs(projectId, data.evalIds);
  if (pairs === 0)
    throw new AppError("validation_failed", "evalIds: the chosen evals have no failures, so there are no pairs to learn from", {
      field: "evalIds",
    });
  const backend = backendInfo().find((b) => b.id === parentConfig.backend)!;
  if (!backend.configured && !(parentConfig.backend === "gpu" && (await poolInUse())))
    throw new AppError(
      "validation_failed",
      `the ${backend.label} backend is not configured: set ${backend.missing.join(" and ")} in the server's environment`,
      { field: "backend" },
    );
  const config: RunConfig = {
    method: {
      type: "dpo",
      beta: data.beta,
      evalIds: [...new Set(data.evalIds)],
      validationShare: data.validationShare,
      parentRunId,
      parentBaseModel: parent.baseModel,
    },
    backend: parentConfig.backend,
    baseModel: parent.fineTunedModel!,
    hyperparameters: data.hyperparameters,
    suffix: data.suffix,
    seed: null,
    outputStyle: project.outputStyle === "native_tools" ? "native_tools" : "router_json",
    catalogueVersion: project.catalogueVersion,
    lora: parentConfig.backend === "gpu" ? (parentConfig.lora ?? LORA_DEFAULTS) : null,
  };
  const run = await db().run.create({
    data: {
      projectId,
      backend: config.backend,
      baseModel: config.baseModel,
      config: jsonText(config),
      snapshot: "{}",
      trainFilePath: "",
      createdById: authorId,
      parentRunId,
      retryOfId,
      // The adapter lives on the agent that trained it: a pool run waits for that one.
      pinnedAgentId: parent.agentId,
      name: data.name || null,
    },
  });
  // The row is committed; now the worker may pick it up (it freezes the pairs: freezePreference).
  await queueRun(run.id);
  return getRun(projectId, run.id);
}

/** The OpenAI preference lines of one eval's failures (each with its newline), and whether the chosen answer is no_tool. */
async function* pairLines(projectId: string, evalId: string): AsyncGenerator<{ line: string; noTool: boolean }> {
  const ev = await db().eval.findFirstOrThrow({ where: { id: evalId, projectId }, select: { config: true } });
  const config = parseJsonText<EvalConfig>(ev.config);
  const wopts = { style: config.style, parallelToolCalls: config.style === "native_tools" ? config.parallelToolCalls : undefined };
  for await (const page of failureRows(evalId, {})) {
    for (const row of page) {
      const pair = pairOf(row, config, evalId);
      if (pair) yield { line: JSON.stringify(toOpenAIPreference(pair, wopts)) + "\n", noTool: pair.chosen.kind === "no_tool" };
    }
  }
}

/** Deterministic hold-out: a line goes to validation when its hash falls under the share. */
const heldOut = (line: string, share: number) => share > 0 && createHash("sha256").update(line).digest().readUInt32BE(0) / 2 ** 32 < share;

/**
 * Writes the run's preference files (train, and validation when a share is held out) in a folder of
 * their own, each distinct pair once, and the snapshot that describes them. Called by freezeRun.
 */
export async function freezePreference(
  runId: string,
  projectId: string,
  method: NonNullable<RunConfig["method"]>,
): Promise<{ snapshot: DatasetSnapshot; trainFilePath: string; validFilePath: string | null; dir: string }> {
  const dir = path.join(runDir(runId), randomUUID().slice(0, 8));
  mkdirSync(dir, { recursive: true });
  try {
    const seen = new Set<string>();
    const files = {
      train: { path: path.join(dir, "train.jsonl"), n: 0, noTool: 0, hash: createHash("sha256") },
      validation: { path: path.join(dir, "validation.jsonl"), n: 0, noTool: 0, hash: createHash("sha256") },
    };
    const out = { train: createWriteStream(files.train.path), validation: createWriteStream(files.validation.path) };
    // A write that fails (the folder removed by a second submitter that won the race, a full disk)
    // must reject this attempt, not crash the worker with an unhandled 'error': finished() reports it.
    for (const s of Object.values(out)) s.on("error", () => {});
    let tokens = 0;
    const enc = await getEncoding("o200k_base");
    for (const evalId of method.evalIds) {
      for await (const { line, noTool } of pairLines(projectId, evalId)) {
        const key = createHash("sha256").update(line).digest("hex");
        if (seen.has(key)) continue;
        seen.add(key);
        const which = heldOut(line, method.validationShare) ? "validation" : "train";
        const f = files[which];
        f.n += 1;
        // A chosen no_tool answer teaches restraint: the share the gauge would call no_tool.
        if (noTool) f.noTool += 1;
        f.hash.update(line);
        if (which === "train") tokens += enc.count(line);
        if (!out[which].write(line)) await Promise.race([once(out[which], "drain"), finished(out[which])]);
      }
    }
    for (const s of Object.values(out)) {
      s.end();
      await finished(s);
    }
    if (files.train.n === 0)
      throw new AppError("validation_failed", "the chosen evals have no failures left to make pairs of", { field: "evalIds" });
    const part = (f: typeof files.train) => ({
      examples: f.n,
      ratio: ratioOf(f.noTool, f.n),
      sha256: f.hash.digest("hex"),
      bytes: statSync(f.path).size,
    });
    const hasValid = files.validation.n > 0;
    if (!hasValid) rmSync(files.validation.path, { force: true });
    const snapshot: DatasetSnapshot = {
      train: part(files.train),
      validation: hasValid ? part(files.validation) : null,
      trainTokens: tokens,
      chargedTokens: tokens * 3,
      defaultEpochs: 3,
      longestExampleTokens: null,
      costUsd: null,
      warnings: warningsOf(files.train.n),
    };
    return { snapshot, trainFilePath: files.train.path, validFilePath: hasValid ? files.validation.path : null, dir };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
