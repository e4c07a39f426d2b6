// Phase 2 of an import (worker job "commit-import"): stage accepted records in StagedExample in
// short batches (other writers keep working), then in ONE transaction apply the tool plan, move the
// staged rows into Example (one statement) and mark the job done; staged rows are then deleted in
// batches. A failure or a killed worker leaves Example as it was: staged rows are deleted, and a
// retried job starts by deleting them.
// Staging goes through lib/server/bulk (prepared statements / unnest): Prisma's createMany was 85%
// of an import's time.
import { rmSync } from "node:fs";
import type { Split } from "../../schemas/common";
import type { ToolPlanEntry } from "../../datasets/tool-plan";
import { insertRows, newRowId, selectRows, writeSteps, BATCH, type Row } from "../bulk";
import { db, dbKind } from "../db";
import { parseJsonText } from "../json-text";
import { applyToolPlan } from "../catalogue/apply-tool-plan";
import { reviewStateAfterSave } from "../examples/derive";
import { refreshSearchIndex } from "../examples/search";
import { compileContext, type ValidationContext } from "../../validation/example";
import type { TargetKind } from "../../schemas/example";
import { importValidationContext, promptAfterPlan } from "./context";
import { readRecords } from "./records";
import { DuplicateFinder } from "./duplicates";
import { openPrepared, prepare, verdictFingerprint, type PreparedRecord } from "./prepared";
import { judgeRecord } from "./verdict";
import { preparedPathOf, type ImportFormat } from "./storage";

export interface CommitOptions {
  keepValid: boolean;
  skipDuplicates: boolean;
  split: Split;
}

/** The columns a staged row moves into Example: all it has but its job id (so derived columns follow DerivedColumns). */
function moveColumns(staged: Row): string {
  return Object.keys(staged).filter((c) => c !== "importJobId").map((c) => `"${c}"`).join(", ");
}

/** Stores the import's accepted records; returns how many. Then call indexImported (the worker and the CLI do). */
export async function commitImport(jobId: string, onProgress?: (done: number) => Promise<void> | void): Promise<number> {
  const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
  if (job.status === "done") {
    await finished(job); // a redelivered job after success (its cleanup may have died)
    return job.importedCount;
  }
  const options = parseJsonText<CommitOptions>(job.options);
  const plan = parseJsonText<ToolPlanEntry[]>(job.toolPlan);
  await deleteStaged(jobId);
  await db().importJob.update({ where: { id: jobId }, data: { status: "importing", processed: 0, importedCount: 0, skippedCount: 0 } });
  let stored = 0;
  try {
    const ctx = compileContext(await importValidationContext(job.projectId, plan));
    // A record whose system prompt is the project's own is stored without it (null = the project's prompt).
    const projectPrompt = await promptAfterPlan(job.projectId, plan);
    const { catalogueVersion } = await db().project.findUniqueOrThrow({ where: { id: job.projectId }, select: { catalogueVersion: true } });
    // Reserve a block of example numbers so concurrent labelling never collides with the import.
    const reserved = await db().project.update({
      where: { id: job.projectId },
      data: { nextExampleNumber: { increment: Math.max(job.validCount, 1) } },
      select: { nextExampleNumber: true },
    });
    let number = reserved.nextExampleNumber - Math.max(job.validCount, 1);
    const existing = await selectRows<{ contentHash: string }>(`SELECT "contentHash" FROM "Example" WHERE "projectId" = ?`, [job.projectId]);
    const dups = new DuplicateFinder(existing.map((e) => e.contentHash));
    let batch: Row[] = [];
    let columns = "";
    const createdAt = new Date();
    let staged = 0;
    let skipped = 0;
    let seen = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      if (!columns) columns = moveColumns(batch[0]);
      await insertRows("StagedExample", batch);
      staged += batch.length;
      batch = [];
      await db().importJob.update({ where: { id: jobId }, data: { processed: seen, importedCount: staged, skippedCount: skipped } });
      await onProgress?.(seen);
    };
    for await (const verdict of judged(job, ctx)) {
      seen += 1;
      if (!verdict.ok) {
        if (!options.keepValid) throw new Error(`line ${verdict.error.line} is rejected (${verdict.error.reason}) and "keep valid lines" was not chosen`);
        skipped += 1;
        continue;
      }
      const { derived, messagesText, exactHash, system, issuesText } = verdict;
      if (dups.check(verdict.line, derived.contentHash, exactHash) && options.skipDuplicates) {
        skipped += 1;
        continue;
      }
      if (number >= reserved.nextExampleNumber) {
        // More records are valid now than at analysis (the catalogue changed): reserve one more.
        number = (await db().project.update({ where: { id: job.projectId }, data: { nextExampleNumber: { increment: 1 } }, select: { nextExampleNumber: true } })).nextExampleNumber - 1;
      }
      batch.push({
        id: newRowId(),
        importJobId: jobId,
        projectId: job.projectId,
        number: number++,
        messages: messagesText,
        systemPrompt: system && system !== projectPrompt ? system : null,
        gold: verdict.gold,
        ...derived,
        split: options.split,
        // A plain reply still to be given a reason lands as a draft with that issue (verdict.ts).
        reviewState: issuesText === "[]" ? labelled(derived.targetKind) : "draft",
        invalid: issuesText !== "[]",
        issues: issuesText,
        validatedVersion: catalogueVersion,
        tags: "[]",
        source: `import:${job.fileName}`,
        createdById: job.createdById,
        createdAt,
      });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    // The move is one statement, but at 100,000 rows it outlasts Prisma's 5 s default on a busy machine.
    await db().$transaction(async (tx) => {
      await applyToolPlan(tx, job.projectId, plan, job.createdById, `import of ${job.fileName}`);
      if (columns) {
        await tx.$executeRawUnsafe(
          `INSERT INTO "Example" (${columns}, "version", "updatedById", "updatedAt")
           SELECT ${columns}, 1, "createdById", "createdAt" FROM "StagedExample" WHERE "importJobId" = ${dbKind() === "postgres" ? "$1" : "?"}`,
          jobId,
        );
      }
      await tx.importJob.update({ where: { id: jobId }, data: { status: "done", processed: seen, importedCount: staged, skippedCount: skipped, finishedAt: new Date() } });
    }, { timeout: 10 * 60_000, maxWait: 60_000 });
    stored = staged;
  } catch (e) {
    await deleteStaged(jobId);
    await db().importJob.update({ where: { id: jobId }, data: { status: "failed", message: (e as Error).message, finishedAt: new Date() } });
    throw e;
  }
  // The import is done from here on: a failed cleanup is retried by the next delivery, never a failed import.
  await finished(job);
  return stored;
}

/**
 * After a commit, the text search catches up with the new rows (refreshSearchIndex) in the worker,
 * so the first search after a large import is not the one to wait for it. The import is done either
 * way, so a failure only warns.
 */
export async function indexImported(jobId: string, stored: number): Promise<void> {
  await refreshSearchIndex(stored).catch((e) => console.warn(`import ${jobId}: indexing ${stored} new examples for search failed: ${(e as Error).message}`));
}

/** The review state of an imported example without issues (reviewStateAfterSave with nothing requested). */
function labelled(targetKind: TargetKind) {
  return reviewStateAfterSave({ requested: undefined, stored: undefined, targetKind, issues: [] });
}

/**
 * Every record's verdict, in file order: the analysis's prepared records when they were judged
 * against this same context (the usual case), else the file read and judged again (the catalogue,
 * a tool decision or the file changed since the analysis).
 */
async function* judged(job: { filePath: string; answersPath: string | null; format: string }, ctx: ValidationContext): AsyncGenerator<PreparedRecord> {
  const prepared = await openPrepared(preparedPathOf(job.filePath), verdictFingerprint(job, ctx));
  if (prepared) {
    yield* prepared;
    return;
  }
  for await (const { result } of readRecords(job.filePath, job.format as ImportFormat, job.answersPath)) {
    const verdict = result.ok ? judgeRecord(result.value, ctx) : result;
    yield verdict.ok ? prepare(verdict.value) : verdict;
  }
}

/** After the move: the staged rows and the analysis's judged records are of no further use. */
async function finished(job: { id: string; filePath: string }): Promise<void> {
  rmSync(preparedPathOf(job.filePath), { force: true });
  await deleteStaged(job.id);
}

/**
 * Staged rows go in short batches: deleting 100,000 at once would hold the write lock. On SQLite,
 * when no other import has rows staged, one DELETE without WHERE empties the table at once instead
 * (the truncate optimisation: 30 ms instead of 1 s at 100,000 rows).
 */
async function deleteStaged(jobId: string): Promise<void> {
  if (dbKind() === "sqlite") {
    await writeSteps([{ sql: `DELETE FROM "StagedExample"`, unlessAnyRow: { sql: `SELECT 1 FROM "StagedExample" WHERE "importJobId" <> ? LIMIT 1`, params: [jobId] } }]);
  }
  const sql = `DELETE FROM "StagedExample" WHERE "id" IN (SELECT "id" FROM "StagedExample" WHERE "importJobId" = ? LIMIT ${BATCH})`;
  while ((await writeSteps([{ sql, params: [jobId] }]))[0] > 0);
}
