// The dataset a run trains on: exported to files at creation, frozen with their hashes and counts.
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, statSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { ratioOf } from "../../gauge";
import { estimateCost, defaultEpochs } from "../../datasets/cost";
import type { DatasetSnapshot } from "../../schemas/runs";
import { db } from "../db";
import { TRAINABLE } from "../examples/filters";
import { exportLines } from "../datasets/export";
import { projectHealth } from "../datasets/health";
import { getPricing } from "../datasets/pricing";
import { dataDir } from "../files/data-dir";


/** Examples, and the no_tool ratio of their routing decisions with the follow-ups counted apart. */
async function splitCounts(projectId: string, split: "train" | "validation") {
  const agg = await db().example.aggregate({
    where: { projectId, split, ...TRAINABLE },
    _count: { _all: true },
    _sum: { routingCount: true, routingNoToolCount: true, followUpCount: true, followUpCallCount: true },
  });
  const f = agg._sum.followUpCount ?? 0;
  const c = agg._sum.followUpCallCount ?? 0;
  return { examples: agg._count._all, ratio: ratioOf(agg._sum.routingNoToolCount ?? 0, agg._sum.routingCount ?? 0, { decisions: f, answers: f - c, calls: c }) };
}

/** What a run would train on now (no files written). */
export async function previewSnapshot(projectId: string, baseModel?: string): Promise<DatasetSnapshot> {
  const [train, validation] = await Promise.all([splitCounts(projectId, "train"), splitCounts(projectId, "validation")]);
  const health = await projectHealth(projectId, "train", { encoding: "o200k_base", tokenLimit: 65_536 });
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

async function writeSplit(projectId: string, split: "train" | "validation", file: string) {
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  for await (const chunk of exportLines(projectId, { format: "openai", split })) {
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { sha256: hash.digest("hex"), bytes: statSync(file).size };
}

export function runDir(runId: string): string {
  return path.join(dataDir(), "runs", runId);
}

/** Writes the exact files the run will upload; returns them with the frozen snapshot. */
export async function freezeDataset(projectId: string, runId: string, baseModel: string) {
  const snapshot = await previewSnapshot(projectId, baseModel);
  const dir = runDir(runId);
  mkdirSync(dir, { recursive: true });
  const trainFilePath = path.join(dir, "train.jsonl");
  Object.assign(snapshot.train, await writeSplit(projectId, "train", trainFilePath));
  let validFilePath: string | null = null;
  if (snapshot.validation) {
    validFilePath = path.join(dir, "validation.jsonl");
    Object.assign(snapshot.validation, await writeSplit(projectId, "validation", validFilePath));
  }
  return { snapshot, trainFilePath, validFilePath };
}
