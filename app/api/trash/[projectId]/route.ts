import { noContent, route } from "@/lib/server/http";
import { purgeProject } from "@/lib/server/projects/trash";

/** Removes one project in the trash for good. */
export const DELETE = route<{ projectId: string }>("projects.delete", async (req, { projectId }) => {
  await purgeProject(projectId);
  return noContent();
});
