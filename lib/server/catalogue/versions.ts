// Every catalogue change goes through recordCatalogueVersion, inside the transaction that made it,
// so the version history is never behind the tools table.
import type { HistoryPage } from "../../schemas/common";
import type { CatalogueTool, CatalogueVersionDto } from "../../schemas/tool";
import { db, type Tx } from "../db";
import { jsonText, parseJsonText } from "../json-text";
import { authorLabel, authorSelect } from "../authors";

export async function recordCatalogueVersion(tx: Tx, projectId: string, authorId: string, summary: string): Promise<number> {
  const project = await tx.project.update({
    where: { id: projectId },
    data: { catalogueVersion: { increment: 1 } },
    select: { catalogueVersion: true },
  });
  const tools = await tx.tool.findMany({ where: { projectId }, orderBy: { position: "asc" } });
  const snapshot: CatalogueTool[] = tools.map((t) => ({
    name: t.name,
    description: t.description,
    parameters: parseJsonText<Record<string, unknown>>(t.parameters),
    archived: t.archived,
  }));
  await tx.catalogueVersion.create({
    data: { projectId, version: project.catalogueVersion, summary, tools: jsonText(snapshot), authorId },
  });
  return project.catalogueVersion;
}

/** The newest versions first, a page at a time (each holds a whole catalogue snapshot). */
export async function listCatalogueVersions(projectId: string, page: HistoryPage = { limit: 100 }): Promise<CatalogueVersionDto[]> {
  const rows = await db().catalogueVersion.findMany({
    where: { projectId, ...(page.before ? { version: { lt: page.before } } : {}) },
    orderBy: { version: "desc" },
    take: page.limit,
    include: { author: authorSelect },
  });
  return rows.map((r) => ({
    version: r.version,
    summary: r.summary,
    author: authorLabel(r.author)!,
    createdAt: r.createdAt.toISOString(),
    tools: parseJsonText<CatalogueTool[]>(r.tools),
  }));
}
