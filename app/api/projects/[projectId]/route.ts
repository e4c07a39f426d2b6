import { projectPatchSchema } from "@/lib/schemas/project";
import { json, noContent, parseBody, requireAuthor, route } from "@/lib/server/http";
import { deleteProject, getProject, updateProject } from "@/lib/server/projects/projects";

type P = { projectId: string };

export const GET = route<P>(async (_req, { projectId }) => json(await getProject(projectId)));

export const PATCH = route<P>(async (req, { projectId }) => {
  await requireAuthor(req);
  return json(await updateProject(projectId, await parseBody(req, projectPatchSchema)));
});

export const DELETE = route<P>(async (req, { projectId }) => {
  await requireAuthor(req);
  await deleteProject(projectId);
  return noContent();
});
