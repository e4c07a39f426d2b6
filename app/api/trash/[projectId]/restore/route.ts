import { noContent, requireAuthor, route } from "@/lib/server/http";
import { restoreProject } from "@/lib/server/projects/trash";

/** Brings a project back from the trash, as it was. */
export const POST = route<{ projectId: string }>(async (req, { projectId }) => {
  await requireAuthor(req);
  await restoreProject(projectId);
  return noContent();
});
