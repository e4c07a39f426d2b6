import { projectCreateSchema } from "@/lib/schemas/project";
import { json, parseBody, route } from "@/lib/server/http";
import { createProject, listProjects } from "@/lib/server/projects/projects";

export const GET = route("read", async () => json(await listProjects()));

export const POST = route("projects.create", async (req) => {
  return json(await createProject(await parseBody(req, projectCreateSchema)), 201);
});
