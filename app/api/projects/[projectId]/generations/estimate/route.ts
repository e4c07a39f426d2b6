import { generationEstimateSchema } from "@/lib/schemas/generate";
import { json, parseBody, route } from "@/lib/server/http";
import { estimateGeneration } from "@/lib/server/generate/create-generation";

// A POST because the plan travels as a body; it writes nothing.
export const POST = route<{ projectId: string }>("read", async (req, { projectId }) =>
  json(await estimateGeneration(projectId, await parseBody(req, generationEstimateSchema))),
);
