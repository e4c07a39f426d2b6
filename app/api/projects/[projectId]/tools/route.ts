import { toolInputSchema } from "@/lib/schemas/tool";
import { json, parseBody, route } from "@/lib/server/http";
import { createTool, listTools } from "@/lib/server/tools/tools";

type P = { projectId: string };

export const GET = route<P>("read", async (_req, { projectId }) => json(await listTools(projectId)));

export const POST = route<P>("catalogue.write", async (req, { projectId }, who) => {
  return json(await createTool(projectId, await parseBody(req, toolInputSchema), who.userId), 201);
});
