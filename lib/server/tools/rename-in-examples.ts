// "Rename in examples too": after a tool is renamed, every example of the project that calls the old
// name is rewritten to call the new one (its calls, the tool results that answer them, and BFCL gold
// answers), re-derived and re-validated, with a revision authored by the renamer, instead of being
// flagged invalid. Short transactions of BATCH examples, so labelling goes on meanwhile and no
// statement comes near SQLite's bound-parameter limit; an example saved by someone in between is
// read again and rewritten from their version (optimistic concurrency, as in updateExample).
import type { GoldAnswer } from "../../formats/types";
import type { Message } from "../../schemas/example";
import { validateMessages } from "../../validation/example";
import { UnrecoverableError } from "bullmq";
import { jobs, type RenameInExamplesPayload } from "../../queue/contracts";
import { db, dbKind } from "../db";
import { enqueue } from "../queue";
import { inlineRevalidationLimit } from "../examples/revalidate";
import { jsonText, parseJsonText } from "../json-text";
import { validationContext } from "../examples/context";
import { deriveColumns } from "../examples/derive";
import { parseMessages } from "../examples/dto";

/** Examples per transaction: one update each, then their revisions in one insert of BATCH × 6 values. */
const BATCH = 100;
const RETRIES = 3;
/** A batch takes well under a second; the margin is for a loaded machine, not for bigger batches. */
const TX_LIMITS = { maxWait: 10_000, timeout: 20_000 };

export interface RenameInExamplesResult {
  /** Examples rewritten (each has a new revision). */
  examples: number;
  /** Calls renamed across them. */
  calls: number;
  /** Of those examples, how many are invalid after the rename (for reasons other than the name). */
  invalid: number;
}

/** The messages with every call of `from` (and every tool result named `from`) renamed to `to`; null when nothing changes. */
export function renameInMessages(messages: readonly Message[], from: string, to: string): { messages: Message[]; calls: number } | null {
  let calls = 0;
  let touched = false;
  const out = messages.map((m): Message => {
    if (m.role === "tool" && m.name === from) {
      touched = true;
      return { ...m, name: to };
    }
    if (m.role !== "assistant" || m.decision.kind !== "tool_calls" || !m.decision.calls.some((c) => c.name === from)) return m;
    touched = true;
    const renamed = m.decision.calls.map((c) => (c.name === from ? (calls++, { ...c, name: to }) : c));
    return { ...m, decision: { ...m.decision, calls: renamed } };
  });
  return touched ? { messages: out, calls } : null;
}

function renameInGold(gold: string | null, from: string, to: string): string | null {
  if (gold === null) return null;
  const answers = parseJsonText<GoldAnswer[]>(gold);
  return answers.some((a) => a.name === from) ? jsonText(answers.map((a) => (a.name === from ? { ...a, name: to } : a))) : gold;
}

/**
 * One row's UPDATE … WHERE id AND version (optimistic concurrency), with version + 1. Raw SQL because
 * Prisma's updateMany costs about five times as much per row here; values are bound, never inlined.
 */
function updateStatement(row: { id: string; version: number }, data: Record<string, string | number | boolean | Date | null>): [string, ...unknown[]] {
  const pg = dbKind() === "postgres";
  const at = (i: number) => (pg ? `$${i}` : "?");
  const entries = Object.entries(data);
  // Bound as Prisma stores them: SQLite keeps booleans as 0/1 and DateTime as ISO text with an offset.
  const value = (v: (typeof entries)[number][1]) => (pg ? v : typeof v === "boolean" ? (v ? 1 : 0) : v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v);
  const sets = entries.map(([k], i) => `"${k}" = ${at(i + 1)}`).join(", ");
  const n = entries.length;
  return [
    `UPDATE "Example" SET ${sets}, "version" = "version" + 1 WHERE "id" = ${at(n + 1)} AND "version" = ${at(n + 2)}`,
    ...entries.map(([, v]) => value(v)),
    row.id,
    row.version,
  ];
}

type Row = { id: string; number: number; version: number; messages: string; gold: string | null; split: string; reviewState: string; tags: string };
const SELECT = { id: true, number: true, version: true, messages: true, gold: true, split: true, reviewState: true, tags: true } as const;

export async function renameInExamples(projectId: string, from: string, to: string, authorId: string): Promise<RenameInExamplesResult> {
  const ctx = await validationContext(projectId);
  const totals: RenameInExamplesResult = { examples: 0, calls: 0, invalid: 0 };

  /** Rewrites rows in one transaction; returns the ids whose version moved on since they were read. */
  async function rewrite(rows: Row[]): Promise<string[]> {
    const planned = rows.flatMap((r) => {
      const renamed = renameInMessages(parseMessages(r.messages), from, to);
      return renamed ? [{ row: r, ...renamed }] : [];
    });
    if (planned.length === 0) return [];
    return db().$transaction(async (tx) => {
      const stale: string[] = [];
      const revisions = [];
      for (const { row, messages, calls } of planned) {
        const issues = validateMessages(messages, ctx);
        const text = jsonText(messages);
        const changed = await tx.$executeRawUnsafe(
          ...updateStatement(row, {
            messages: text,
            gold: renameInGold(row.gold, from, to),
            ...deriveColumns(messages),
            invalid: issues.length > 0,
            issues: jsonText(issues),
            validatedVersion: ctx.catalogueVersion,
            updatedById: authorId,
            updatedAt: new Date(),
          }),
        );
        if (changed === 0) {
          stale.push(row.id);
          continue;
        }
        totals.examples += 1;
        totals.calls += calls;
        if (issues.length > 0) totals.invalid += 1;
        const snapshot = jsonText({ messages, split: row.split, reviewState: row.reviewState, tags: parseJsonText(row.tags) });
        revisions.push({ exampleId: row.id, version: row.version + 1, authorId, snapshot });
      }
      if (revisions.length > 0) await tx.exampleRevision.createMany({ data: revisions });
      return stale;
    }, TX_LIMITS);
  }

  let after = -1;
  for (;;) {
    const rows = await db().example.findMany({
      where: { projectId, targetTools: { contains: `,${from},` }, number: { gt: after } },
      orderBy: { number: "asc" },
      take: BATCH,
      select: SELECT,
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.number;
    let stale = await rewrite(rows);
    for (let attempt = 1; stale.length > 0; attempt++) {
      if (attempt > RETRIES) throw new Error(`${stale.length} examples kept changing while ${from} was renamed in them; try again`);
      stale = await rewrite(await db().example.findMany({ where: { id: { in: stale } }, select: SELECT }));
    }
  }
  return totals;
}

/**
 * Renames in the request when few examples call the old name (up to TOOLTUNE_INLINE_REVALIDATION_LIMIT,
 * like re-validation), otherwise in the worker while the project shows "re-checking"; without Redis,
 * here. The rewrite is idempotent (it picks up whatever still calls the old name), so a retried or
 * resumed job finishes the work.
 */
export async function renameCallsInExamples(
  projectId: string,
  from: string,
  to: string,
  authorId: string,
  catalogueVersion: number,
): Promise<RenameInExamplesResult & { mode: "inline" | "queued" }> {
  const count = await db().example.count({ where: { projectId, targetTools: { contains: `,${from},` } } });
  if (count <= inlineRevalidationLimit()) return { mode: "inline", ...(await renameInExamples(projectId, from, to, authorId)) };
  await db().project.update({ where: { id: projectId }, data: { revalidatingVersion: catalogueVersion } });
  const payload = { projectId, catalogueVersion, from, to, authorId };
  try {
    await enqueue(jobs.renameInExamples.name, payload, jobs.renameInExamples.jobId(payload));
    return { mode: "queued", examples: count, calls: 0, invalid: 0 };
  } catch (e) {
    console.warn(`[rename] ${(e as Error).message}; renaming ${from} in ${count} examples inline`);
    const result = await renameInExamples(projectId, from, to, authorId);
    await db().project.updateMany({ where: { id: projectId, revalidatingVersion: catalogueVersion }, data: { revalidatingVersion: null } });
    return { mode: "inline", ...result };
  }
}

/** The worker's side of renameCallsInExamples. */
export async function renameInExamplesJob(p: RenameInExamplesPayload): Promise<RenameInExamplesResult> {
  const project = await db().project.findUnique({ where: { id: p.projectId }, select: { id: true } });
  if (!project) throw new UnrecoverableError(`project ${p.projectId} no longer exists`);
  const result = await renameInExamples(p.projectId, p.from, p.to, p.authorId);
  // Clear the "re-checking" flag unless a newer catalogue change has queued its own job.
  await db().project.updateMany({ where: { id: p.projectId, revalidatingVersion: { lte: p.catalogueVersion } }, data: { revalidatingVersion: null } });
  return result;
}
