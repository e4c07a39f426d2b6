import { historyPageSchema } from "@/lib/schemas/common";
import { listCatalogueVersions } from "@/lib/server/catalogue/versions";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { requireProject } from "@/lib/server/projects/projects";

/** ?limit=100&before=VERSION: the newest versions first, a page at a time. */
export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => {
  const page = parseWith(historyPageSchema, searchParams(req));
  await requireProject(projectId);
  return json(await listCatalogueVersions(projectId, page));
});
