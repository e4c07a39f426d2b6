import { json, route } from "@/lib/server/http";
import { generationSetup } from "@/lib/server/generate/create-generation";

export const GET = route<{ projectId: string }>("read", async (_req, { projectId }) => json(await generationSetup(projectId)));
