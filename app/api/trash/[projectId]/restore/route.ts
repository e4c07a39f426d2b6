import { noContent, route } from "@/lib/server/http";
import { restoreProject } from "@/lib/server/projects/trash";

/** Brings a project back from the trash, as it was. */
export const POST = route<{ projectId: string }>("projects.delete", async (req, { projectId }) => {
  await restoreProject(projectId);
  return noContent();
});
