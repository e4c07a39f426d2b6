import { projectCreateSchema } from "@/lib/schemas/project";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { createProject, listProjects } from "@/lib/server/projects/projects";

export const GET = route(async () => json(await listProjects()));

export const POST = route(async (req) => {
  await requireAuthor(req);
  return json(await createProject(await parseBody(req, projectCreateSchema)), 201);
});
