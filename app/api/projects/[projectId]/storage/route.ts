import { json, route } from "@/lib/server/http";
import { requireProject } from "@/lib/server/projects/projects";
import { projectStorage } from "@/lib/server/files/disk-usage";

type P = { projectId: string };

/** Disk used by the project's uploads and run files, with the upload limit and the project's quota. */
export const GET = route<P>("read", async (_req, { projectId }) => {
  await requireProject(projectId);
  return json(await projectStorage(projectId));
});
