import { json, noContent, requireAuthor, route } from "@/lib/server/http";
import { discardImport, getImport } from "@/lib/server/imports/imports";

type P = { projectId: string; importId: string };

export const GET = route<P>(async (_req, { projectId, importId }) => json(await getImport(projectId, importId)));

export const DELETE = route<P>(async (req, { projectId, importId }) => {
  await requireAuthor(req);
  await discardImport(projectId, importId);
  return noContent();
});
