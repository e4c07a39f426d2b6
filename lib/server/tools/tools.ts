// All writes to a project's tools go through here: each one validates, records a catalogue
// version in the same transaction, then re-validates the examples the change can affect.
import type { ToolDto, ToolInput, ToolPatch } from "../../schemas/tool";
import { toolInputSchema, toolPatchSchema } from "../../schemas/tool";
import { checkToolSchema } from "../../validation/tool-schema";
import { db } from "../db";
import { LIMITS } from "../../schemas/common";
import { AppError, invalid, notFound } from "../errors";
import { recordCatalogueVersion } from "../catalogue/versions";
import { revalidateProject, type RevalidationResult } from "../examples/revalidate";
import { requireProject } from "../projects/projects";
import { jsonText, parseJsonText } from "../json-text";
import { renameCallsInExamples, type RenameInExamplesResult } from "./rename-in-examples";

export interface ToolChangeResult {
  tool: ToolDto;
  catalogueVersion: number;
  revalidation: RevalidationResult;
  /** The tools whose examples were re-validated: the banner after saving links to their invalid examples. */
  affectedTools: string[];
  /** With renameInExamples: the examples whose calls were renamed (or, queued, how many the worker will rename). */
  renamedInExamples?: RenameInExamplesResult & { mode: "inline" | "queued" };
}

type ToolRow = { id: string; name: string; description: string; parameters: string; position: number; archived: boolean; updatedAt: Date };

export function toToolDto(t: ToolRow): ToolDto {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    parameters: parseJsonText<Record<string, unknown>>(t.parameters),
    position: t.position,
    archived: t.archived,
    updatedAt: t.updatedAt.toISOString(),
  };
}

export async function listTools(projectId: string): Promise<ToolDto[]> {
  await requireProject(projectId);
  const rows = await db().tool.findMany({ where: { projectId }, orderBy: { position: "asc" } });
  return rows.map(toToolDto);
}

export function checkSchemaOrThrow(parameters: unknown) {
  const issues = checkToolSchema(parameters);
  if (issues.length > 0) throw invalid(issues, "parameters");
}

export async function assertNameFree(projectId: string, name: string, exceptId?: string) {
  const clash = await db().tool.findFirst({ where: { projectId, name, NOT: exceptId ? { id: exceptId } : undefined }, select: { id: true } });
  if (clash) throw invalid([{ path: "name", message: `a tool named "${name}" already exists in this project` }]);
}

export async function createTool(projectId: string, input: ToolInput, authorId: string): Promise<ToolChangeResult> {
  const data = toolInputSchema.parse(input);
  await requireProject(projectId);
  checkSchemaOrThrow(data.parameters);
  await assertNameFree(projectId, data.name);
  await assertRoomForTools(projectId, 1);
  const { tool, version } = await db().$transaction(async (tx) => {
    const last = await tx.tool.aggregate({ where: { projectId }, _max: { position: true } });
    const tool = await tx.tool.create({
      data: { projectId, name: data.name, description: data.description, parameters: jsonText(data.parameters), position: (last._max.position ?? -1) + 1 },
    });
    const version = await recordCatalogueVersion(tx, projectId, authorId, `added ${data.name}`);
    return { tool, version };
  });
  const revalidation = await revalidateProject(projectId, { onlyTools: [data.name] });
  return { tool: toToolDto(tool), catalogueVersion: version, revalidation, affectedTools: [data.name] };
}

function describeChange(before: ToolRow, patch: ToolPatch): string | null {
  const parts: string[] = [];
  if (patch.name !== undefined && patch.name !== before.name) {
    parts.push(`renamed ${before.name} to ${patch.name}${patch.renameInExamples ? " (and in the examples that call it)" : ""}`);
  }
  if (patch.description !== undefined && patch.description !== before.description) parts.push("description");
  if (patch.parameters !== undefined && jsonText(patch.parameters) !== before.parameters) parts.push("parameters");
  if (patch.archived !== undefined && patch.archived !== before.archived) parts.push(patch.archived ? "archived" : "restored");
  if (parts.length === 0) return null;
  const name = patch.name ?? before.name;
  const fields: string[] = parts.filter((p) => p === "description" || p === "parameters");
  const others = parts.filter((p) => !fields.includes(p));
  const out = others.map((p) => (p.startsWith("renamed") ? p : `${p} ${name}`));
  if (fields.length > 0) out.push(`changed ${name}: ${fields.join(", ")}`);
  return out.join("; ");
}

export async function updateTool(projectId: string, toolId: string, patch: ToolPatch, authorId: string): Promise<ToolChangeResult> {
  const data = toolPatchSchema.parse(patch);
  await requireProject(projectId);
  const before = await db().tool.findFirst({ where: { id: toolId, projectId } });
  if (!before) throw notFound("tool", toolId);
  if (data.parameters !== undefined) checkSchemaOrThrow(data.parameters);
  if (data.name !== undefined && data.name !== before.name) await assertNameFree(projectId, data.name, toolId);
  const summary = describeChange(before, data);
  if (summary === null) {
    const project = await requireProject(projectId);
    return { tool: toToolDto(before), catalogueVersion: project.catalogueVersion, revalidation: { mode: "none", checked: 0, invalid: 0, newlyInvalid: 0 }, affectedTools: [] };
  }
  const { tool, version } = await db().$transaction(async (tx) => {
    const tool = await tx.tool.update({
      where: { id: toolId },
      data: { name: data.name, description: data.description, parameters: data.parameters === undefined ? undefined : jsonText(data.parameters), archived: data.archived },
    });
    const version = await recordCatalogueVersion(tx, projectId, authorId, summary);
    return { tool, version };
  });
  const inExamples = data.renameInExamples === true && tool.name !== before.name;
  if (!inExamples) {
    const affectedTools = [...new Set([before.name, tool.name])];
    const revalidation = await revalidateProject(projectId, { onlyTools: affectedTools });
    return { tool: toToolDto(tool), catalogueVersion: version, revalidation, affectedTools };
  }
  // Examples that already called the new name (flagged as unknown until now) are checked first; the
  // ones calling the old name are then rewritten, each validated as it is written.
  const revalidation = await revalidateProject(projectId, { onlyTools: [tool.name] });
  try {
    const renamedInExamples = await renameCallsInExamples(projectId, before.name, tool.name, authorId, version);
    return { tool: toToolDto(tool), catalogueVersion: version, revalidation, renamedInExamples, affectedTools: [tool.name] };
  } catch (e) {
    // Whatever was not rewritten still calls the old name: flag it, as a rename without the option would.
    await revalidateProject(projectId, { onlyTools: [before.name] });
    throw e;
  }
}

export async function reorderTools(projectId: string, order: string[], authorId: string): Promise<{ tools: ToolDto[]; catalogueVersion: number }> {
  await requireProject(projectId);
  const tools = await db().tool.findMany({ where: { projectId }, select: { id: true } });
  const ids = new Set(tools.map((t) => t.id));
  const given = new Set(order);
  if (given.size !== order.length || order.length !== ids.size || order.some((id) => !ids.has(id))) {
    throw new AppError("validation_failed", "order must list every tool of the project exactly once", { field: "order" });
  }
  const version = await db().$transaction(async (tx) => {
    for (const [position, id] of order.entries()) await tx.tool.update({ where: { id }, data: { position } });
    return recordCatalogueVersion(tx, projectId, authorId, "reordered tools");
  });
  return { tools: await listTools(projectId), catalogueVersion: version };
}

/** A project holds at most LIMITS.toolsPerProject tools (archived ones included). */
export async function assertRoomForTools(projectId: string, adding: number): Promise<void> {
  if (adding <= 0) return;
  const have = await db().tool.count({ where: { projectId } });
  if (have + adding > LIMITS.toolsPerProject) {
    throw new AppError("validation_failed", `a project holds at most ${LIMITS.toolsPerProject} tools; it has ${have}, and this would add ${adding}. split the catalogue across projects (archived tools count too: tools are never deleted, so old examples stay checkable)`, { field: "tools" });
  }
}
