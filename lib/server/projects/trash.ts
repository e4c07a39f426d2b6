// Deleting a project moves it to the trash: it disappears from every list and route at once, its
// live training runs and evals are cancelled (they bill), and it can be restored for 30 days. Purging
// (after 30 days, or by emptying the trash) removes its rows and its files on disk.
import type { DeletionSummaryDto, TrashedProjectDto } from "../../schemas/project";
import { TERMINAL } from "../../schemas/runs";
import { EVAL_TERMINAL } from "../../schemas/evals";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { projectStorage } from "../files/disk-usage";
import { removeOwned } from "../files/data-dir";
import { importFilesOf } from "../imports/storage";
import { requestRunCancel } from "../runs/runs";
import { runDir } from "../runs/snapshot";
import { deleteProject } from "./projects";

export const TRASH_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

async function liveProject(id: string) {
  const p = await db().project.findFirst({ where: { id, deletedAt: null }, select: { id: true, name: true } });
  if (!p) throw notFound("project", id);
  return p;
}

/** Everything deleting the project takes with it, for the confirmation dialog. */
export async function deletionSummary(id: string): Promise<DeletionSummaryDto> {
  const p = await liveProject(id);
  const [tools, examples, catalogueVersions, imports, runs, liveRuns, evals, liveEvals, storage] = await Promise.all([
    db().tool.count({ where: { projectId: id } }),
    db().example.count({ where: { projectId: id } }),
    db().catalogueVersion.count({ where: { projectId: id } }),
    db().importJob.count({ where: { projectId: id } }),
    db().run.count({ where: { projectId: id } }),
    db().run.count({ where: { projectId: id, status: { notIn: [...TERMINAL] } } }),
    db().eval.count({ where: { projectId: id } }),
    db().eval.count({ where: { projectId: id, status: { notIn: [...EVAL_TERMINAL] } } }),
    projectStorage(id),
  ]);
  return { id, name: p.name, tools, examples, catalogueVersions, imports, runs, liveRuns, evals, liveEvals, diskBytes: storage.usedBytes, trashDays: TRASH_DAYS };
}

/** Moves a project to the trash, first asking every live run and eval to stop. */
export async function trashProject(id: string): Promise<DeletionSummaryDto> {
  const summary = await deletionSummary(id);
  const runs = await db().run.findMany({ where: { projectId: id, status: { notIn: [...TERMINAL] } }, select: { id: true } });
  for (const r of runs) await requestRunCancel(r.id);
  await db().eval.updateMany({ where: { projectId: id, status: "queued" }, data: { status: "cancelled", cancelRequested: true, finishedAt: new Date() } });
  await db().eval.updateMany({ where: { projectId: id, status: { notIn: [...EVAL_TERMINAL] } }, data: { cancelRequested: true } });
  const r = await db().project.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date() } });
  if (r.count === 0) throw notFound("project", id);
  return summary;
}

export async function listTrash(): Promise<TrashedProjectDto[]> {
  const rows = await db().project.findMany({
    where: { deletedAt: { not: null } },
    orderBy: { deletedAt: "desc" },
    take: 500,
    select: { id: true, name: true, deletedAt: true, _count: { select: { examples: true, runs: true, evals: true } } },
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    deletedAt: p.deletedAt!.toISOString(),
    purgeAt: new Date(p.deletedAt!.getTime() + TRASH_DAYS * DAY_MS).toISOString(),
    examples: p._count.examples,
    runs: p._count.runs,
    evals: p._count.evals,
  }));
}

export async function restoreProject(id: string): Promise<void> {
  const r = await db().project.updateMany({ where: { id, deletedAt: { not: null } }, data: { deletedAt: null } });
  if (r.count === 0) throw new AppError("not_found", `project "${id}" is not in the trash`);
}

/** Removes a trashed project for good: its files on disk, then its rows (in short batches). */
export async function purgeProject(id: string): Promise<void> {
  const p = await db().project.findFirst({ where: { id, deletedAt: { not: null } }, select: { id: true } });
  if (!p) throw new AppError("not_found", `project "${id}" is not in the trash`);
  const [imports, runs] = await Promise.all([
    db().importJob.findMany({ where: { projectId: id }, select: { filePath: true, answersPath: true } }),
    db().run.findMany({ where: { projectId: id }, select: { id: true } }),
  ]);
  for (const j of imports) importFilesOf(j).forEach(removeOwned);
  for (const r of runs) removeOwned(runDir(r.id));
  await deleteProject(id);
}

/** Empties the trash (or only what has been there past TRASH_DAYS), trashed examples too; returns how many projects went. */
export async function emptyTrash(opts: { expiredOnly?: boolean; now?: Date } = {}): Promise<number> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - TRASH_DAYS * DAY_MS);
  const rows = await db().project.findMany({ where: { deletedAt: opts.expiredOnly ? { lt: cutoff } : { not: null } }, select: { id: true } });
  for (const r of rows) await purgeProject(r.id);
  // Examples moved to a project's trash from the list (lib/server/examples/bulk.ts) go with the same rule.
  await db().trashedExample.deleteMany({ where: opts.expiredOnly ? { trashedAt: { lt: cutoff } } : {} });
  return rows.length;
}
