// Phase 1 of an import (worker job "analyse-import"): read the file, store nothing in the project,
// report. Usually ONE pass: a record is judged as soon as it is read, against the catalogue as the
// tool plan will make it, because a tool's definition in the plan is fixed by its first declaration
// (or the catalogue's) and a record's own tools are collected before it is judged. When that cannot
// hold (a record called a tool no declaration had named yet; an earlier analysis chose to merge a
// tool's variants; the catalogue changed meanwhile) the file is judged again in a second pass against
// the final plan, as it always used to be. The judged records are kept beside the file (prepared.ts)
// for the commit.
import { createWriteStream } from "node:fs";
import type { RecordError, RecordResult, ToolDef } from "../../formats/types";
import { choicesOf, resolveEntry, ToolCollector, type ToolChoices, type ToolPlanEntry } from "../../datasets/tool-plan";
import { compileContext, type CatalogueEntry, type ValidationContext } from "../../validation/example";
import { db } from "../db";
import { jsonText, parseJsonText } from "../json-text";
import { currentCatalogue, importValidationContext } from "./context";
import { DuplicateFinder } from "./duplicates";
import { prepare, PreparedWriter, verdictFingerprint } from "./prepared";
import { readRecords } from "./records";
import { judgeRecord } from "./verdict";
import { errorsPathOf, preparedPathOf, type ImportFormat } from "./storage";

const PROGRESS_EVERY = 1000;

type Job = Awaited<ReturnType<ReturnType<typeof db>["importJob"]["findUniqueOrThrow"]>>;

/** The validation context as the plan will make it, grown as the file names new tools (mirrors catalogueAfterPlan). */
class GrowingContext {
  ctx: ValidationContext;
  private readonly known = new Set<string>();

  constructor(
    private readonly base: ValidationContext,
    private readonly catalogue: readonly ToolDef[],
    private readonly choices: Record<string, ToolChoices>,
  ) {
    for (const t of base.tools) this.known.add(t.name);
    this.ctx = compileContext(base);
  }

  add(declared: readonly ToolDef[]) {
    let tools: CatalogueEntry[] | null = null;
    for (const t of declared) {
      if (this.known.has(t.name)) continue;
      this.known.add(t.name);
      const existing = this.catalogue.find((c) => c.name === t.name);
      const entry = resolveEntry({ name: t.name, action: "add", imported: t, declared: t, existing, seenIn: 1, variants: 1 }, this.choices[t.name]);
      if (entry.action === "add") (tools ??= [...this.ctx.tools]).push({ name: t.name, parameters: entry.imported.parameters, archived: false });
    }
    if (tools) this.ctx = compileContext({ ...this.base, tools });
  }
}

/** One pass over the file: the verdicts, counts, duplicates, report and prepared records. */
class Judgement {
  readonly sample: RecordError[] = [];
  readonly kinds: Record<string, number> = {};
  valid = 0;
  needsReason = 0;
  seen = 0;
  /** A record called a tool by a name the context did not have (then or ever): its verdict may change with the final plan. */
  namedUnknownTool = false;
  readonly dups: DuplicateFinder;
  private readonly errors;
  readonly prepared: PreparedWriter;

  constructor(job: Job, existingHashes: string[]) {
    this.dups = new DuplicateFinder(existingHashes);
    this.errors = createWriteStream(errorsPathOf(job.filePath));
    this.prepared = new PreparedWriter(preparedPathOf(job.filePath));
  }

  private async reject(e: RecordError) {
    this.kinds[e.kind] = (this.kinds[e.kind] ?? 0) + 1;
    if (this.sample.length < 200) this.sample.push(e);
    this.errors.write(JSON.stringify(e) + "\n");
    await this.prepared.add({ ok: false, error: e });
  }

  async judge(result: RecordResult, ctx: ValidationContext) {
    this.seen += 1;
    if (!result.ok) return this.reject(result.error);
    const verdict = judgeRecord(result.value, ctx, this);
    if (!verdict.ok) return this.reject(verdict.error);
    this.valid += 1;
    // As the examples list's filter counts them (NEEDS_REASON in lib/server/examples/filters.ts).
    if (verdict.value.derived.needsReason && verdict.value.issues.length > 0) this.needsReason += 1;
    this.dups.check(result.value.line, verdict.value.derived.contentHash, verdict.value.exactHash);
    await this.prepared.add(prepare(verdict.value));
  }

  async end() {
    await new Promise<void>((resolve, reject) => this.errors.end((e?: Error | null) => (e ? reject(e) : resolve())));
    await this.prepared.end();
  }

  /** The commit may use the prepared records when it judges with the same fingerprint. */
  seal(fingerprint: string) {
    this.prepared.seal(fingerprint);
  }
}

export async function analyseImport(jobId: string, onProgress?: (done: number) => Promise<void> | void): Promise<void> {
  const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
  const format = job.format as ImportFormat;
  await db().importJob.update({ where: { id: jobId }, data: { status: "analysing", processed: 0, total: 0, bytesRead: 0, message: null } });

  // Fix-up choices made on an earlier analysis of this file (reanalyseImport stores them in the plan) still hold.
  const choices = choicesOf(parseJsonText<ToolPlanEntry[]>(job.toolPlan));
  const catalogue = await currentCatalogue(job.projectId);
  const existing = (await db().example.findMany({ where: { projectId: job.projectId }, select: { contentHash: true } })).map((e) => e.contentHash);
  // Merged variants depend on every declaration in the file: only a second pass can judge against them.
  const onePass = !Object.values(choices).some((c) => c.variantChoice === "merge");
  const growing = new GrowingContext(await importValidationContext(job.projectId, []), catalogue, choices);

  const tools = new ToolCollector();
  let pass = new Judgement(job, existing);
  for await (const { result, bytesRead } of readRecords(job.filePath, format, job.answersPath)) {
    if (result.ok) {
      tools.add(result.value.tools);
      growing.add(result.value.tools);
    }
    if (onePass) await pass.judge(result, growing.ctx);
    else pass.seen += 1;
    if (pass.seen % PROGRESS_EVERY === 0) {
      await db().importJob.update({ where: { id: jobId }, data: { bytesRead } });
      await onProgress?.(pass.seen);
    }
  }
  const total = pass.seen;
  await pass.end();

  const plan = tools.plan(catalogue, choices);
  const ctx = compileContext(await importValidationContext(job.projectId, plan));
  const fingerprint = verdictFingerprint(job, ctx);
  if (!onePass || pass.namedUnknownTool || verdictFingerprint(job, growing.ctx) !== fingerprint) {
    // The total is known after the first pass: from here on progress is records judged of all records.
    await db().importJob.update({ where: { id: jobId }, data: { total, processed: Math.floor(total / 2) } });
    pass = new Judgement(job, existing);
    for await (const { result } of readRecords(job.filePath, format, job.answersPath)) {
      await pass.judge(result, ctx);
      if (pass.seen % PROGRESS_EVERY === 0) {
        await db().importJob.update({ where: { id: jobId }, data: { processed: Math.floor(total / 2 + pass.seen / 2) } });
        await onProgress?.(pass.seen);
      }
    }
    await pass.end();
  }
  pass.seal(fingerprint);

  await db().importJob.update({
    where: { id: jobId },
    data: {
      status: "ready",
      total,
      processed: total,
      validCount: pass.valid,
      errorCount: total - pass.valid,
      duplicateCount: pass.dups.count,
      toolPlan: jsonText(plan),
      errorSample: jsonText(pass.sample),
      errorKinds: jsonText(pass.kinds),
      duplicateSample: jsonText(pass.dups.sample),
      // ImportJob has no column for it yet: the count is kept in options, which claimCommit extends.
      options: jsonText({ needsReason: pass.needsReason }),
      message: total === 0 ? "the file has no records" : null,
    },
  });
}
