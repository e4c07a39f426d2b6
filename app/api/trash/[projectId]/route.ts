import { noContent, requireAuthor, route } from "@/lib/server/http";
import { purgeProject } from "@/lib/server/projects/trash";

/** Removes one project in the trash for good. */
export const DELETE = route<{ projectId: string }>(async (req, { projectId }) => {
  await requireAuthor(req);
  await purgeProject(projectId);
  return noContent();
});
