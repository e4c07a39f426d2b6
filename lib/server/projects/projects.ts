// All reads and writes of projects go through here.
import type { ProjectCreate, ProjectDto, ProjectListItemDto, ProjectPatch } from "../../schemas/project";
import { projectCreateSchema, projectPatchSchema } from "../../schemas/project";
import { LIMITS } from "../../schemas/common";
import { BATCH, writeSteps } from "../bulk";
import { db } from "../db";
import { notFound } from "../errors";
import { projectSelect, toProjectDto } from "./project-dto";
import { revalidateProject } from "../examples/revalidate";
import { projectSummaries } from "./summary";

export async function listProjects(): Promise<ProjectListItemDto[]> {
  // Oldest first as always; past LIMITS.projectsListed, the newest ones are the ones shown.
  const total = await db().project.count({ where: { deletedAt: null } });
  const rows = await db().project.findMany({ where: { deletedAt: null }, select: projectSelect, orderBy: { createdAt: "asc" }, skip: Math.max(0, total - LIMITS.projectsListed), take: LIMITS.projectsListed });
  const summaries = await projectSummaries(rows.map((r) => r.id));
  return rows.map((r) => ({ ...toProjectDto(r), summary: summaries.get(r.id)! }));
}

export async function getProject(id: string): Promise<ProjectDto> {
  const row = await db().project.findFirst({ where: { id, deletedAt: null }, select: projectSelect });
  if (!row) throw notFound("project", id);
  return toProjectDto(row);
}

export async function createProject(input: ProjectCreate): Promise<ProjectDto> {
  const data = projectCreateSchema.parse(input);
  const row = await db().project.create({ data, select: projectSelect });
  return toProjectDto(row);
}

export async function updateProject(id: string, patch: ProjectPatch): Promise<ProjectDto> {
  const data = projectPatchSchema.parse(patch);
  const before = await db().project.findFirst({ where: { id, deletedAt: null }, select: { parallelToolCalls: true, outputStyle: true } });
  if (!before) throw notFound("project", id);
  if (data.systemPromptOverride !== undefined && data.systemPromptOverride?.trim() === "") data.systemPromptOverride = null;
  await db().project.update({ where: { id }, data });
  // Parallel calls and the output style change which targets are valid.
  const parallelChanged = data.parallelToolCalls !== undefined && data.parallelToolCalls !== before.parallelToolCalls;
  const styleChanged = data.outputStyle !== undefined && data.outputStyle !== before.outputStyle;
  if (parallelChanged || styleChanged) {
    await revalidateProject(id, { onlyTools: null });
  }
  return getProject(id);
}

/**
 * Deletes a project's rows for good (the trash calls it when purging; users delete through
 * trashProject, which can be undone). Its examples (with their revisions) and eval results go
 * first in batches of BATCH, each a short transaction, so a 100,000-example project never holds the
 * write lock for long; then the project row cascades the rest. A delete that dies half-way leaves a
 * smaller project that the next delete finishes.
 */
export async function deleteProject(id: string): Promise<void> {
  if (!(await db().project.findUnique({ where: { id }, select: { id: true } }))) throw notFound("project", id);
  const batches = [
    `DELETE FROM "Example" WHERE "id" IN (SELECT "id" FROM "Example" WHERE "projectId" = ? ORDER BY "number" DESC LIMIT ${BATCH})`,
    `DELETE FROM "EvalResult" WHERE "id" IN (SELECT r."id" FROM "EvalResult" r JOIN "Eval" e ON e."id" = r."evalId" WHERE e."projectId" = ? LIMIT ${BATCH})`,
    `DELETE FROM "GenerationItem" WHERE "id" IN (SELECT i."id" FROM "GenerationItem" i JOIN "Generation" g ON g."id" = i."generationId" WHERE g."projectId" = ? LIMIT ${BATCH})`,
  ];
  for (const sql of batches) while ((await writeSteps([{ sql, params: [id] }]))[0] > 0);
  const r = await db().project.deleteMany({ where: { id } });
  if (r.count === 0) throw notFound("project", id);
}

/** Throws 404 unless the project exists (and is not in the trash); returns what validation needs. */
export async function requireProject(id: string) {
  const p = await db().project.findFirst({
    where: { id, deletedAt: null },
    select: { id: true, name: true, outputStyle: true, parallelToolCalls: true, systemPromptOverride: true, catalogueVersion: true },
  });
  if (!p) throw notFound("project", id);
  return p;
}
