import { listCatalogueVersions } from "@/lib/server/catalogue/versions";
import { json, route } from "@/lib/server/http";
import { requireProject } from "@/lib/server/projects/projects";

export const GET = route<{ projectId: string }>(async (_req, { projectId }) => {
  await requireProject(projectId);
  return json(await listCatalogueVersions(projectId));
});
