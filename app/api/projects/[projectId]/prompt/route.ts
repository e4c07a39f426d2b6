import { json, route } from "@/lib/server/http";
import { projectPrompt } from "@/lib/server/projects/prompt";

export const GET = route<{ projectId: string }>("read", async (_req, { projectId }) => json(await projectPrompt(projectId)));
