// Re-validation after a catalogue or settings change. Small changes run inside the request so the
// flags appear at once; large ones go to the worker (lib/queue/contracts.ts: revalidate-project).
import { validateMessages } from "../../validation/example";
import { jobs } from "../../queue/contracts";
import { db } from "../db";
import { enqueue } from "../queue";
import { validationContext } from "./context";
import { parseMessages } from "./dto";
import { jsonText } from "../json-text";

/** Above this many affected examples, re-validation moves to the worker (env TOOLTUNE_INLINE_REVALIDATION_LIMIT). */
export function inlineRevalidationLimit(): number {
  return Number(process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT ?? 2000);
}
const BATCH = 500;

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

/** Validates every affected example against the catalogue as it is now, in batches; writes only rows whose verdict changed. */
export async function revalidateExamples(
  projectId: string,
  onlyTools: string[] | null,
  onProgress?: (checked: number) => Promise<void> | void,
): Promise<Omit<RevalidationResult, "mode">> {
  const ctx = await validationContext(projectId);
  const where = affectedWhere(projectId, onlyTools);
  let after = 0;
  const totals = { checked: 0, invalid: 0, newlyInvalid: 0 };
  for (;;) {
    const rows = await db().example.findMany({
      where: { AND: [where, { number: { gt: after } }] },
      orderBy: { number: "asc" },
      take: BATCH,
      select: { id: true, number: true, messages: true, invalid: true, issues: true },
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.number;
    const updates = [];
    for (const r of rows) {
      const issues = validateMessages(parseMessages(r.messages), ctx);
      totals.checked += 1;
      if (issues.length > 0) totals.invalid += 1;
      if (issues.length > 0 && !r.invalid) totals.newlyInvalid += 1;
      const changed = jsonText(issues) !== r.issues;
      updates.push(
        db().example.update({
          where: { id: r.id },
          data: changed ? { invalid: issues.length > 0, issues: jsonText(issues), validatedVersion: ctx.catalogueVersion } : { validatedVersion: ctx.catalogueVersion },
        }),
      );
    }
    await db().$transaction(updates);
    await onProgress?.(totals.checked);
  }
  return totals;
}
