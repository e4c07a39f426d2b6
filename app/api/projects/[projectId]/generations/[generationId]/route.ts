import { json, route } from "@/lib/server/http";
import { getGeneration } from "@/lib/server/generate/generations";

export const GET = route<{ projectId: string; generationId: string }>("read", async (_req, { projectId, generationId }) =>
  json(await getGeneration(projectId, generationId)),
);
