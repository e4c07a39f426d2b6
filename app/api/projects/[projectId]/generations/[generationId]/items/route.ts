import { generationItemsQuerySchema } from "@/lib/schemas/generate";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { generationItems } from "@/lib/server/generate/generations";

export const GET = route<{ projectId: string; generationId: string }>("read", async (req, { projectId, generationId }) =>
  json(await generationItems(projectId, generationId, parseWith(generationItemsQuerySchema, searchParams(req)))),
);
