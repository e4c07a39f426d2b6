// The dataset a run trains on: exported to files by the submit job (never inside the request that
// creates the run), frozen with their hashes, counts and token totals.
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import path from "node:path";
import { ratioOf } from "../../gauge";
import { estimateCost, defaultEpochs } from "../../datasets/cost";
import { createHealthAccumulator, type HealthReport } from "../../datasets/health";
import { getEncoding } from "../../datasets/tokens";
import type { DatasetSnapshot } from "../../schemas/runs";
import { AppError } from "../errors";
import { TRAINABLE } from "../examples/filters";
import { projectTally } from "../stats";
import { exportLines } from "../datasets/export";
import type { HealthOptions } from "../datasets/health";
import { requestHealth, type HealthComputing } from "../datasets/request-health";
import { getPricing } from "../datasets/pricing";
import { cachedByData } from "../datasets/data-cache";
import { dataDir } from "../files/data-dir";

/** How a run's training file is measured: OpenAI's newer encoding and its per-example limit. */
const RUN_HEALTH: HealthOptions = { encoding: "o200k_base", tokenLimit: 65_536 };


/**
 * Examples, and the no_tool ratio of their routing decisions with the follow-ups counted apart: the
 * trainable groups (TRAINABLE: labelled or reviewed, valid) of the gauge's trigger-kept tally, a few
 * dozen rows at any size, instead of summing every example of the split.
 */
export async function splitCounts(projectId: string, split: "train" | "validation") {
  const sum = { examples: 0, routing: 0, routingNoTool: 0, followUps: 0, followUpCalls: 0 };
  for (const g of await projectTally(projectId)) {
    if (g.split !== split || g.invalid !== TRAINABLE.invalid || !TRAINABLE.reviewState.in.includes(g.reviewState)) continue;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += g[k];
  }
  const { followUps: f, followUpCalls: c } = sum;
  return { examples: sum.examples, ratio: ratioOf(sum.routingNoTool, sum.routing, { decisions: f, answers: f - c, calls: c }) };
}

type Counts = Awaited<ReturnType<typeof splitCounts>>;

/**
 * What a run would train on now (no files written; counts and tokens cached until the data or
 * catalogue change). A large train split's tokens are counted by the worker: meanwhile, its progress.
 */
export async function previewSnapshot(projectId: string, baseModel?: string): Promise<DatasetSnapshot | HealthComputing> {
  const [[train, validation], health] = await Promise.all([
    cachedByData(projectId, "run-preview-counts", () => Promise.all([splitCounts(projectId, "train"), splitCounts(projectId, "validation")])),
    requestHealth(projectId, "train", RUN_HEALTH),
  ]);
  if (health.status === "computing") return health;
  return snapshotOf(projectId, { train, validation, health: health.report, baseModel });
}

async function snapshotOf(projectId: string, p: { train: Counts; validation: Counts; health: HealthReport; baseModel?: string }): Promise<DatasetSnapshot> {
  const { train, validation, health, baseModel } = p;
  const { prices } = await getPricing(projectId);
  let costUsd: number | null = null;
  if (baseModel && prices[baseModel]) costUsd = estimateCost({ chargedTokens: health.chargedTokens, model: baseModel, prices }).usd;
  const warnings: string[] = [];
  if (train.examples < 10) warnings.push(`only ${train.examples} training examples: OpenAI needs at least 10 (clear gains start around 50–100)`);
  if (train.ratio.band === "below" || train.ratio.band === "above") warnings.push(train.ratio.advice);
  if (validation.examples === 0) warnings.push("no validation examples: the chart will show training loss only (assign a validation split under Data)");
  return {
    train: { ...train, sha256: "", bytes: 0 },
    validation: validation.examples > 0 ? { ...validation, sha256: "", bytes: 0 } : null,
    trainTokens: health.billingTokens,
    chargedTokens: health.chargedTokens,
    defaultEpochs: defaultEpochs(train.examples),
    longestExampleTokens: health.distributions.totalTokens?.max ?? null,
    costUsd,
    warnings,
  };
}

/**
 * Streams one split to a file; each line also goes to `onLine` (the health accumulator, the progress).
 * Through pipeline(), so a write that fails (the folder removed by a second submitter that won the
 * race, a full disk) rejects this promise instead of crashing the worker with an unhandled 'error'.
 */
async function writeSplit(projectId: string, split: "train" | "validation", file: string, onLine: (text: string) => void) {
  const hash = createHash("sha256");
  async function* chunks() {
    for await (const chunk of exportLines(projectId, { format: "openai", split })) {
      hash.update(chunk);
      for (const text of chunk.split("\n")) if (text) onLine(text);
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), createWriteStream(file));
  return { sha256: hash.digest("hex"), bytes: statSync(file).size };
}

export function runDir(runId: string): string {
  return path.join(dataDir(), "runs", runId);
}

export interface FreezeProgress {
  written: number;
  total: number;
}

/**
 * Writes the exact files the run will upload, in a folder of their own (a second attempt never
 * overwrites the first's files), and returns them with the frozen snapshot. The train split is
 * exported once: the same lines are hashed, written and measured for tokens.
 */
export async function freezeDataset(projectId: string, runId: string, baseModel: string, onProgress: (p: FreezeProgress) => void = () => {}) {
  const [train, validation] = await Promise.all([splitCounts(projectId, "train"), splitCounts(projectId, "validation")]);
  if (train.examples === 0) throw new AppError("validation_failed", "the train split is empty: assign a split under Data first", { field: "dataset" });
  const dir = path.join(runDir(runId), randomUUID().slice(0, 8));
  mkdirSync(dir, { recursive: true });
  try {
    const total = train.examples + validation.examples;
    let written = 0;
    const acc = createHealthAccumulator({ encoding: await getEncoding(RUN_HEALTH.encoding), tokenLimit: RUN_HEALTH.tokenLimit });
    const trainFilePath = path.join(dir, "train.jsonl");
    const trainFile = await writeSplit(projectId, "train", trainFilePath, (text) => {
      acc.add(JSON.parse(text), ++written);
      onProgress({ written, total });
    });
    const snapshot = await snapshotOf(projectId, { train, validation, health: acc.report(), baseModel });
    Object.assign(snapshot.train, trainFile);
    let validFilePath: string | null = null;
    if (snapshot.validation) {
      validFilePath = path.join(dir, "validation.jsonl");
      Object.assign(snapshot.validation, await writeSplit(projectId, "validation", validFilePath, () => onProgress({ written: ++written, total })));
    }
    return { snapshot, trainFilePath, validFilePath, dir };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true }); // no half-written files are left behind
    throw e;
  }
}
