// All reads and writes of import jobs go through here; the heavy work runs in the worker
// (analyse.ts, commit.ts), queued with ids only.
import { createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { detectFormat } from "../../formats";
import type { FormatId } from "../../formats/types";
import type { ImportCommit, ImportJobDto, ImportStatus } from "../../schemas/imports";
import { importCommitSchema } from "../../schemas/imports";
import type { ToolChoices, ToolPlanEntry } from "../../datasets/tool-plan";
import { planWithChoices } from "./tool-choices";
import { jobs } from "../../queue/contracts";
import { db } from "../db";
import { authorLabels } from "../authors";
import { AppError, notFound } from "../errors";
import { jsonText, parseJsonText } from "../json-text";
import { requireProject } from "../projects/projects";
import { enqueue } from "../queue";
import { checkFileReadable, sampleRecords } from "./records";
import { copyIntoDataDir, removeOwned } from "../files/data-dir";
import { uploadAllowance } from "../files/disk-usage";
import { assertRoomForTools } from "../tools/tools";
import { errorsPathOf, importFilesOf, saveStream, uploadsDir } from "./storage";

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["importJob"]["findFirst"]>>>;

/** Adds the uploader's label (ImportJob keeps only the user id). */
async function withAuthors<T extends { createdById: string | null }>(rows: T[]): Promise<(T & { createdBy: string | null })[]> {
  const labels = await authorLabels(rows.map((r) => r.createdById));
  return rows.map((r) => ({ ...r, createdBy: r.createdById ? (labels.get(r.createdById) ?? null) : null }));
}

export function toImportDto(j: Row & { createdBy?: string | null }): ImportJobDto {
  const options = parseJsonText<{ split?: string; needsReason?: number }>(j.options);
  const denominator = j.status === "importing" ? Math.max(j.validCount, 1) : Math.max(j.total, 1);
  return {
    id: j.id,
    status: j.status as ImportStatus,
    fileName: j.fileName,
    fileBytes: j.fileBytes,
    format: j.format as FormatId,
    detectedFormat: j.detectedFormat,
    detectReasons: parseJsonText(j.detectReasons),
    // Analysis reads the file twice: the first half of the bar is bytes read, the second records judged.
    progress:
      j.status === "done" || j.status === "ready"
        ? 1
        : j.status === "analysing" && j.total === 0
          ? Math.min(0.5, (0.5 * j.bytesRead) / Math.max(j.fileBytes, 1))
          : Math.min(1, j.processed / denominator),
    processed: j.processed,
    total: j.total,
    validCount: j.validCount,
    errorCount: j.errorCount,
    errorKinds: parseJsonText(j.errorKinds),
    errorSample: parseJsonText(j.errorSample),
    duplicateCount: j.duplicateCount,
    needsReasonCount: options.needsReason ?? 0,
    duplicateSample: parseJsonText(j.duplicateSample),
    toolPlan: parseJsonText(j.toolPlan),
    importedCount: j.importedCount,
    skippedCount: j.skippedCount,
    split: (options.split as ImportJobDto["split"]) ?? null,
    message: j.message,
    createdBy: j.createdBy ?? null,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

async function requireJob(projectId: string, id: string) {
  const job = await db().importJob.findFirst({ where: { id, projectId } });
  if (!job) throw notFound("import", id);
  return (await withAuthors([job]))[0];
}

export async function getImport(projectId: string, id: string): Promise<ImportJobDto> {
  return toImportDto(await requireJob(projectId, id));
}

export async function listImports(projectId: string): Promise<ImportJobDto[]> {
  await requireProject(projectId);
  const rows = await db().importJob.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 50 });
  return (await withAuthors(rows)).map(toImportDto);
}

/** Stores an uploaded file, detects its format (unless given) and queues the analysis. */
export async function createImport(
  projectId: string,
  input: { fileName: string; format: FormatId | "auto"; body: ReadableStream<Uint8Array> | null; declaredBytes?: number },
  authorId: string,
): Promise<ImportJobDto> {
  await requireProject(projectId);
  if (!input.body) throw new AppError("bad_request", "the request has no file in its body");
  const allowance = await uploadAllowance(projectId, path.basename(input.fileName), input.declaredBytes);
  const ext = input.fileName.toLowerCase().endsWith(".json") ? "json" : "jsonl";
  const filePath = path.join(/*turbopackIgnore: true*/ uploadsDir(), `${randomUUID()}.${ext}`);
  try {
    const fileBytes = await saveStream(input.body, filePath, allowance.limit, allowance.tooLarge);
    const id = await registerImport(projectId, { fileName: input.fileName, filePath, fileBytes, format: input.format }, authorId);
    await enqueue(jobs.analyseImport.name, { importJobId: id }, jobs.analyseImport.jobId({ importJobId: id, attempt: 0 }));
    return getImport(projectId, id);
  } catch (e) {
    removeOwned(filePath);
    throw e;
  }
}

/** Attaches a BFCL possible_answer file to an import of BFCL questions, and analyses it again. */
export async function attachAnswers(projectId: string, id: string, body: ReadableStream<Uint8Array> | null): Promise<ImportJobDto> {
  const job = await requireJob(projectId, id);
  if (!body) throw new AppError("bad_request", "the request has no answers file in its body");
  if (job.format !== "bfcl") throw new AppError("validation_failed", `answers go with BFCL question files; this import is ${job.format}`, { field: "format" });
  if (job.status === "importing" || job.status === "done") throw new AppError("conflict", `this import is ${job.status}`);
  const answersPath = path.join(/*turbopackIgnore: true*/ uploadsDir(), `${job.id}.answers.jsonl`);
  const allowance = await uploadAllowance(projectId, "the answers file");
  try {
    await saveStream(body, answersPath, allowance.limit, allowance.tooLarge);
  } catch (e) {
    removeOwned(answersPath);
    throw e;
  }
  await db().importJob.update({ where: { id }, data: { answersPath } });
  return reanalyseImport(projectId, id, "bfcl");
}

/**
 * A file given to the CLI (and its BFCL answers), copied into the uploads folder so that the import
 * owns what it later reads, reports beside and deletes; the user's file is only read.
 */
export async function copyLocalFile(source: string): Promise<{ filePath: string; fileBytes: number }> {
  const ext = source.toLowerCase().endsWith(".json") ? "json" : "jsonl";
  const filePath = path.join(/*turbopackIgnore: true*/ uploadsDir(), `${randomUUID()}.${ext}`);
  return { filePath, fileBytes: await copyIntoDataDir(source, filePath) };
}

/** Records an import of a file already in the uploads folder (an upload, or a CLI file copied in) with its detected format. */
export async function registerImport(
  projectId: string,
  input: { fileName: string; filePath: string; fileBytes: number; format: FormatId | "auto"; answersPath?: string },
  authorId: string,
): Promise<string> {
  await requireProject(projectId);
  if (input.fileBytes === 0) throw new AppError("bad_request", `${input.fileName} is empty`, { field: "file" });
  try {
    checkFileReadable(input.filePath, path.basename(input.fileName));
  } catch (e) {
    throw new AppError("validation_failed", (e as Error).message, { field: "file" });
  }
  const detected = detectFormat(await sampleRecords(input.filePath));
  const format = input.format === "auto" ? detected.format : input.format;
  const job = await db().importJob.create({
    data: {
      projectId,
      fileName: path.basename(input.fileName),
      filePath: input.filePath,
      fileBytes: input.fileBytes,
      format,
      detectedFormat: detected.format,
      detectReasons: jsonText(detected.reasons),
      answersPath: input.answersPath ?? null,
      status: "analysing",
      createdById: authorId,
    },
  });
  return job.id;
}

/** Queues the analysis again; `toolChoices` (merge a tool's variants, convert BFCL types) are checked, stored in the plan and kept by the analysis. */
export async function reanalyseImport(projectId: string, id: string, format: FormatId, toolChoices?: Record<string, ToolChoices>): Promise<ImportJobDto> {
  const job = await requireJob(projectId, id);
  if (job.status === "importing" || job.status === "done") throw new AppError("conflict", `this import is ${job.status}; it cannot be analysed again`);
  const toolPlan = toolChoices ? jsonText(planWithChoices(parseJsonText<ToolPlanEntry[]>(job.toolPlan), toolChoices)) : undefined;
  const attempt = Date.now();
  await db().importJob.update({ where: { id }, data: { format, status: "analysing", processed: 0, total: 0, bytesRead: 0, toolPlan } });
  await enqueue(jobs.analyseImport.name, { importJobId: id }, jobs.analyseImport.jobId({ importJobId: id, attempt }));
  return getImport(projectId, id);
}

/** The user's decisions on an analysed import; the worker then imports it atomically. */
export async function commitImportRequest(projectId: string, id: string, input: ImportCommit): Promise<ImportJobDto> {
  await claimCommit(projectId, id, input);
  await enqueue(jobs.commitImport.name, { importJobId: id }, jobs.commitImport.jobId({ importJobId: id }));
  return getImport(projectId, id);
}

/**
 * Checks the user's decisions against the analysis and moves the import from "ready" to
 * "importing" (compare-and-set), recording the plan and options commitImport will follow.
 * The app then queues commitImport; the CLI runs it in-process.
 */
export async function claimCommit(projectId: string, id: string, input: ImportCommit): Promise<void> {
  const data = importCommitSchema.parse(input);
  const job = await requireJob(projectId, id);
  if (job.status !== "ready") throw new AppError("conflict", `this import is ${job.status}; only an analysed import can be imported`);
  if (job.errorCount > 0 && !data.keepValid) {
    throw new AppError("validation_failed", `${job.errorCount} of ${job.total} records are rejected; choose to keep the valid ones, or fix the file and upload it again`, { field: "keepValid" });
  }
  if (job.validCount === 0) throw new AppError("validation_failed", "no record of this file can be imported", { field: "keepValid" });
  if (data.skipDuplicates && job.validCount <= job.duplicateCount) {
    throw new AppError("validation_failed", `all ${job.validCount} valid records repeat requests already seen; nothing would be imported (untick "skip duplicates" to import them anyway)`, { field: "skipDuplicates" });
  }
  const plan = planWithChoices(parseJsonText<ToolPlanEntry[]>(job.toolPlan), data.toolChoices, data.toolDecisions).map((e) =>
    e.action === "conflict" ? { ...e, decision: data.toolDecisions[e.name] ?? e.decision ?? "keep_existing" } : e,
  );
  const unknown = Object.keys(data.toolDecisions).filter((n) => !plan.some((e) => e.name === n && e.action === "conflict"));
  if (unknown.length > 0) throw new AppError("validation_failed", `toolDecisions names tools without a conflict: ${unknown.join(", ")}`, { field: "toolDecisions" });
  await assertRoomForTools(projectId, plan.filter((e) => e.action === "add").length);
  const claimed = await db().importJob.updateMany({
    where: { id, status: "ready" },
    data: {
      status: "importing",
      processed: 0,
      toolPlan: jsonText(plan),
      options: jsonText({ ...parseJsonText<object>(job.options), keepValid: data.keepValid, skipDuplicates: data.skipDuplicates, split: data.split }),
    },
  });
  if (claimed.count === 0) throw new AppError("conflict", "this import was started by someone else a moment ago");
}

/** The rejected records, one JSON line each ({line, kind, reason}), for download. */
export async function importErrorsStream(projectId: string, id: string): Promise<{ stream: ReadableStream; fileName: string }> {
  const job = await requireJob(projectId, id);
  const file = errorsPathOf(job.filePath);
  if (!job.filePath || !existsSync(file) || statSync(file).size === 0 && job.errorCount > 0) throw new AppError("not_found", "this import has no error report yet; wait for the analysis to finish");
  return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream, fileName: `${job.fileName}.rejected.jsonl` };
}

export async function discardImport(projectId: string, id: string): Promise<void> {
  const job = await requireJob(projectId, id);
  if (job.status === "importing") throw new AppError("conflict", "this import is running; wait for it to finish");
  if (job.status !== "done") await db().importJob.update({ where: { id }, data: { status: "cancelled", finishedAt: new Date() } });
  // Only ToolTune's own copies go: a path outside the data directory (an import recorded before CLI
  // files were copied in) is the user's file and stays.
  importFilesOf(job).forEach(removeOwned);
}
