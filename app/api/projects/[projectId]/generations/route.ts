import { generationCreateSchema } from "@/lib/schemas/generate";
import { json, parseBody, route } from "@/lib/server/http";
import { createGeneration } from "@/lib/server/generate/create-generation";
import { getGeneration, listGenerations } from "@/lib/server/generate/generations";

type P = { projectId: string };

export const GET = route<P>("read", async (_req, { projectId }) => json(await listGenerations(projectId)));

export const POST = route<P>("examples.write", async (req, { projectId }, who) => {
  const { id } = await createGeneration(projectId, await parseBody(req, generationCreateSchema), who.userId);
  return json(await getGeneration(projectId, id), 201);
});
