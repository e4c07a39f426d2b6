import { json, route } from "@/lib/server/http";
import { cancelGeneration } from "@/lib/server/generate/generations";

export const POST = route<{ projectId: string; generationId: string }>("examples.write", async (_req, { projectId, generationId }) =>
  json(await cancelGeneration(projectId, generationId)),
);
