import { json, noContent, route } from "@/lib/server/http";
import { discardImport, getImport } from "@/lib/server/imports/imports";

type P = { projectId: string; importId: string };

export const GET = route<P>("read", async (_req, { projectId, importId }) => json(await getImport(projectId, importId)));

export const DELETE = route<P>("imports.write", async (req, { projectId, importId }) => {
  await discardImport(projectId, importId);
  return noContent();
});
