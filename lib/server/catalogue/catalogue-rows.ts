import type { CatalogueRow } from "../../catalogue/change";
import type { CatalogueTool } from "../../schemas/tool";
import { db } from "../db";
import { notFound } from "../errors";
import { parseJsonText } from "../json-text";

/** The project's tools as lib/catalogue works on them, in catalogue order. */
export async function catalogueRows(projectId: string): Promise<CatalogueRow[]> {
  const rows = await db().tool.findMany({ where: { projectId }, orderBy: { position: "asc" } });
  return rows.map((t) => ({ id: t.id, name: t.name, description: t.description, parameters: parseJsonText<Record<string, unknown>>(t.parameters), archived: t.archived, position: t.position }));
}

/** The tools catalogue version `version` froze; 404 when the project has no such version. */
export async function versionSnapshot(projectId: string, version: number): Promise<CatalogueTool[]> {
  const row = await db().catalogueVersion.findUnique({ where: { projectId_version: { projectId, version } }, select: { tools: true } });
  if (!row) throw notFound("catalogue version", String(version));
  return parseJsonText<CatalogueTool[]>(row.tools);
}
