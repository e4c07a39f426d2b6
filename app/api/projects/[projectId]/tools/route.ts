import { toolInputSchema } from "@/lib/schemas/tool";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { createTool, listTools } from "@/lib/server/tools/tools";

type P = { projectId: string };

export const GET = route<P>(async (_req, { projectId }) => json(await listTools(projectId)));

export const POST = route<P>(async (req, { projectId }) => {
  const author = await requireAuthor(req);
  return json(await createTool(projectId, await parseBody(req, toolInputSchema), author), 201);
});
