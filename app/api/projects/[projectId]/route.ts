import { projectPatchSchema } from "@/lib/schemas/project";
import { json, noContent, parseBody, route } from "@/lib/server/http";
import { getProject, updateProject } from "@/lib/server/projects/projects";
import { trashProject } from "@/lib/server/projects/trash";

type P = { projectId: string };

export const GET = route<P>("read", async (_req, { projectId }) => json(await getProject(projectId)));

export const PATCH = route<P>("projects.update", async (req, { projectId }) => {
  return json(await updateProject(projectId, await parseBody(req, projectPatchSchema)));
});

/** Moves the project to the trash (restorable for 30 days), cancelling its live runs and evals first. */
export const DELETE = route<P>("projects.delete", async (req, { projectId }) => {
  await trashProject(projectId);
  return noContent();
});
