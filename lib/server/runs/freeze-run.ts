// Worker side, step 0: freeze the run's dataset into files, exactly once per run. The files are
// written in a folder of their own and recorded on the row by compare-and-set: a second submitter
// (a redelivery after the lease expired) that loses the race throws its files away and uses the
// recorded ones, so a run never uploads two different snapshots.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { db } from "../db";
import { jsonText } from "../json-text";
import { freezeDataset, runDir, type FreezeProgress } from "./snapshot";
import { freezePreference } from "./dpo";
import { parseJsonText } from "../json-text";
import type { RunConfig } from "../../schemas/runs";

/** How often progress is written to the row while files are prepared. */
const PROGRESS_EVERY_MS = 1_000;

export interface FrozenFiles {
  trainFilePath: string;
  validFilePath: string | null;
}

/** The run's files: the recorded ones when it was frozen before, else freshly written and recorded. */
export async function freezeRun(run: { id: string; projectId: string; baseModel: string; config: string; trainFilePath: string; validFilePath: string | null }): Promise<FrozenFiles> {
  if (run.trainFilePath) return { trainFilePath: run.trainFilePath, validFilePath: run.validFilePath };
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const progress = (p: FreezeProgress) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    // Only while unfrozen: the progress never overwrites a recorded snapshot.
    pending = db().run.updateMany({ where: { id: run.id, trainFilePath: "" }, data: { snapshot: jsonText({ preparing: p }) } });
  };
  let frozen: Awaited<ReturnType<typeof freezeDataset>>;
  try {
    // A DPO run trains on preference pairs (an eval's failures), not on the train split.
    const method = parseJsonText<RunConfig>(run.config).method;
    frozen = method ? await freezePreference(run.id, run.projectId, method) : await freezeDataset(run.projectId, run.id, run.baseModel, progress);
  } catch (e) {
    const row = await db().run.findUnique({ where: { id: run.id }, select: { trainFilePath: true, validFilePath: true } });
    if (row?.trainFilePath) return row; // another submitter froze it meanwhile (and removed this attempt's files)
    throw e;
  }
  await pending.catch(() => {});
  const stored = await db().run.updateMany({
    where: { id: run.id, trainFilePath: "" },
    data: { snapshot: jsonText(frozen.snapshot), trainFilePath: frozen.trainFilePath, validFilePath: frozen.validFilePath },
  });
  if (stored.count === 1) {
    // Files of an attempt whose worker died mid-way are never recorded: remove them now.
    for (const entry of readdirSync(runDir(run.id))) if (entry !== path.basename(frozen.dir)) rmSync(path.join(runDir(run.id), entry), { recursive: true, force: true });
    return { trainFilePath: frozen.trainFilePath, validFilePath: frozen.validFilePath };
  }
  rmSync(frozen.dir, { recursive: true, force: true });
  const row = await db().run.findUniqueOrThrow({ where: { id: run.id }, select: { trainFilePath: true, validFilePath: true } });
  return { trainFilePath: row.trainFilePath, validFilePath: row.validFilePath };
}
