// Phase 1 of an import (worker job "analyse-import"): read the file twice, store nothing but the
// report. Pass 1 collects the tools the file declares; pass 2 judges every record against the
// catalogue as the tool plan would make it, and finds duplicates.
import { createWriteStream } from "node:fs";
import type { RecordError } from "../../formats/types";
import { choicesOf, ToolCollector, type ToolPlanEntry } from "../../datasets/tool-plan";
import { db } from "../db";
import { jsonText, parseJsonText } from "../json-text";
import { currentCatalogue, importValidationContext } from "./context";
import { readRecords } from "./records";
import { DuplicateFinder, judgeRecord } from "./verdict";
import { errorsPathOf, type ImportFormat } from "./storage";

const PROGRESS_EVERY = 1000;

export async function analyseImport(jobId: string, onProgress?: (done: number) => Promise<void> | void): Promise<void> {
  const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
  const format = job.format as ImportFormat;
  await db().importJob.update({ where: { id: jobId }, data: { status: "analysing", processed: 0, message: null } });

  const tools = new ToolCollector();
  let total = 0;
  for await (const { result, bytesRead } of readRecords(job.filePath, format, job.answersPath)) {
    total += 1;
    if (result.ok) tools.add(result.value.tools);
    if (total % PROGRESS_EVERY === 0) await db().importJob.update({ where: { id: jobId }, data: { bytesRead } });
  }
  // The total is known after the first pass: from here on progress is records judged of all records.
  await db().importJob.update({ where: { id: jobId }, data: { total, processed: Math.floor(total / 2) } });
  // Fix-up choices made on an earlier analysis of this file (reanalyseImport stores them in the plan) still hold.
  const plan = tools.plan(await currentCatalogue(job.projectId), choicesOf(parseJsonText<ToolPlanEntry[]>(job.toolPlan)));
  const ctx = await importValidationContext(job.projectId, plan);
  const existing = await db().example.findMany({ where: { projectId: job.projectId }, select: { contentHash: true } });
  const dups = new DuplicateFinder(existing.map((e) => e.contentHash));

  const errors = createWriteStream(errorsPathOf(job.filePath));
  const sample: RecordError[] = [];
  const kinds: Record<string, number> = {};
  let valid = 0;
  let needsReason = 0;
  let seen = 0;
  const reject = (e: RecordError) => {
    kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    if (sample.length < 200) sample.push(e);
    errors.write(JSON.stringify(e) + "\n");
  };
  for await (const { result } of readRecords(job.filePath, format, job.answersPath)) {
    seen += 1;
    if (!result.ok) reject(result.error);
    else {
      const verdict = judgeRecord(result.value, ctx);
      if (!verdict.ok) reject(verdict.error);
      else {
        valid += 1;
        // As the examples list's filter counts them (NEEDS_REASON in lib/server/examples/filters.ts).
        if (verdict.value.derived.needsReason && verdict.value.issues.length > 0) needsReason += 1;
        dups.check(result.value.line, verdict.value.derived.contentHash, verdict.value.exactHash);
      }
    }
    if (seen % PROGRESS_EVERY === 0) {
      await db().importJob.update({ where: { id: jobId }, data: { processed: Math.floor(total / 2 + seen / 2) } });
      await onProgress?.(seen);
    }
  }
  await new Promise<void>((resolve, reject) => errors.end((e?: Error | null) => (e ? reject(e) : resolve())));
  await db().importJob.update({
    where: { id: jobId },
    data: {
      status: "ready",
      total,
      processed: total,
      validCount: valid,
      errorCount: total - valid,
      duplicateCount: dups.count,
      toolPlan: jsonText(plan),
      errorSample: jsonText(sample),
      errorKinds: jsonText(kinds),
      duplicateSample: jsonText(dups.sample),
      // ImportJob has no column for it yet: the count is kept in options, which claimCommit extends.
      options: jsonText({ needsReason }),
      message: total === 0 ? "the file has no records" : null,
    },
  });
}
