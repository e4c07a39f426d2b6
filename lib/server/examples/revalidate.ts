// Re-validation after a catalogue or settings change. Small changes run inside the request so the
// flags appear at once; large ones go to the worker (lib/queue/contracts.ts: revalidate-project).
import { compileContext, validateMessages } from "../../validation/example";
import { jobs } from "../../queue/contracts";
import { db } from "../db";
import { enqueue } from "../queue";
import { validationContext } from "./context";
import { parseMessages } from "./dto";
import { jsonText } from "../json-text";
import { BATCH, selectRows, writeSteps, type Row } from "../bulk";

/** Above this many affected examples, re-validation moves to the worker (env TOOLTUNE_INLINE_REVALIDATION_LIMIT). */
export function inlineRevalidationLimit(): number {
  return Number(process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT ?? 2000);
}

export interface RevalidationResult {
  mode: "none" | "inline" | "queued";
  checked: number;
  /** Examples of those checked that are invalid now. */
  invalid: number;
  /** Examples that were valid before this change and are not now. */
  newlyInvalid: number;
}

function affectedWhere(projectId: string, onlyTools: string[] | null) {
  if (!onlyTools) return { projectId };
  return { projectId, OR: onlyTools.map((n) => ({ targetTools: { contains: `,${n},` } })) };
}

export async function revalidateProject(projectId: string, opts: { onlyTools: string[] | null }): Promise<RevalidationResult> {
  const where = affectedWhere(projectId, opts.onlyTools);
  const count = await db().example.count({ where });
  if (count === 0) return { mode: "none", checked: 0, invalid: 0, newlyInvalid: 0 };
  if (count <= inlineRevalidationLimit()) return { mode: "inline", ...(await revalidateExamples(projectId, opts.onlyTools)) };
  const { catalogueVersion } = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { catalogueVersion: true } });
  await db().project.update({ where: { id: projectId }, data: { revalidatingVersion: catalogueVersion } });
  const payload = { projectId, catalogueVersion, onlyTools: opts.onlyTools };
  try {
    await enqueue(jobs.revalidateProject.name, payload, jobs.revalidateProject.jobId(payload));
    return { mode: "queued", checked: 0, invalid: 0, newlyInvalid: 0 };
  } catch (e) {
    // No Redis: slower, but the flags must not go stale, so do the work here.
    console.warn(`[revalidate] ${(e as Error).message}; re-validating ${count} examples inline`);
    const result = await revalidateExamples(projectId, opts.onlyTools);
    await db().project.updateMany({ where: { id: projectId, revalidatingVersion: catalogueVersion }, data: { revalidatingVersion: null } });
    return { mode: "inline", ...result };
  }
}

/** The same filter as affectedWhere, as SQL for lib/server/bulk (`,name,` matched literally: `_` is a LIKE wildcard). */
function affectedSql(onlyTools: string[] | null): { sql: string; params: string[] } {
  if (!onlyTools) return { sql: "", params: [] };
  const like = (n: string) => `%,${n.replace(/[\\%_]/g, (c) => "\\" + c)},%`;
  return { sql: ` AND (${onlyTools.map(() => `"targetTools" LIKE ? ESCAPE '\\'`).join(" OR ")})`, params: onlyTools.map(like) };
}

export type AffectedRow = { id: string; number: number; messages: string; invalid: boolean | number; issues: string; targetTools: string };

/**
 * The examples a change of `onlyTools` can affect (all of the project's with null), in keyset
 * batches of BATCH by number: what re-validation rewrites and what the impact dry run
 * (lib/server/catalogue/impact.ts) only counts, so the two always look at the same rows.
 */
export async function* affectedBatches(
  projectId: string,
  onlyTools: string[] | null,
  timed: <T>(p: () => Promise<T>) => Promise<T> = (p) => p(),
): AsyncGenerator<{ rows: AffectedRow[]; from: number; to: number }> {
  const affected = affectedSql(onlyTools);
  let after = 0;
  for (;;) {
    const rows = await timed(() =>
      selectRows<AffectedRow>(
        `SELECT "id", "number", "messages", "invalid", "issues", "targetTools" FROM "Example" WHERE "projectId" = ? AND "number" > ?${affected.sql} ORDER BY "number" LIMIT ${BATCH}`,
        [projectId, after, ...affected.params],
      ),
    );
    if (rows.length === 0) return;
    const from = after;
    after = rows.at(-1)!.number;
    yield { rows, from, to: after };
  }
}

/**
 * Validates every affected example against the catalogue as it is now, in keyset batches read and
 * written through lib/server/bulk: only rows whose verdict changed are rewritten, and each batch's
 * validatedVersion is one set-based UPDATE. `timing.dbMs` adds up the time spent in the database.
 */
export async function revalidateExamples(
  projectId: string,
  onlyTools: string[] | null,
  onProgress?: (checked: number) => Promise<void> | void,
  timing: { dbMs: number } = { dbMs: 0 },
): Promise<Omit<RevalidationResult, "mode">> {
  const ctx = await validationContext(projectId);
  const compiled = compileContext(ctx);
  const affected = affectedSql(onlyTools);
  const timed = async <T>(p: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await p();
    } finally {
      timing.dbMs += performance.now() - t;
    }
  };
  const totals = { checked: 0, invalid: 0, newlyInvalid: 0 };
  for await (const { rows, from, to } of affectedBatches(projectId, onlyTools, timed)) {
    const changed: Row[] = [];
    const updatedAt = new Date();
    for (const r of rows) {
      const issues = validateMessages(parseMessages(r.messages), compiled);
      totals.checked += 1;
      if (issues.length > 0) totals.invalid += 1;
      if (issues.length > 0 && !r.invalid) totals.newlyInvalid += 1;
      const text = jsonText(issues);
      if (text !== r.issues)
        changed.push({ id: r.id, invalid: issues.length > 0, issues: text, validatedVersion: ctx.catalogueVersion, updatedAt });
    }
    await timed(() =>
      writeSteps([
        { update: "Example", key: "id", rows: changed, where: `t."projectId" = ?`, params: [projectId] },
        {
          // The rest of the page: each row is rewritten once (a changed row already has the version).
          sql: `UPDATE "Example" SET "validatedVersion" = ? WHERE "projectId" = ? AND "number" > ? AND "number" <= ? AND "validatedVersion" <> ?${affected.sql}`,
          params: [ctx.catalogueVersion, projectId, from, to, ctx.catalogueVersion, ...affected.params],
        },
      ]),
    );
    await onProgress?.(totals.checked);
  }
  return totals;
}
