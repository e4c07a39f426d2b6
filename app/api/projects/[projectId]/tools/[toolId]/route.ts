import { toolPatchSchema } from "@/lib/schemas/tool";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { updateTool } from "@/lib/server/tools/tools";

type P = { projectId: string; toolId: string };

export const PATCH = route<P>(async (req, { projectId, toolId }) => {
  const author = await requireAuthor(req);
  return json(await updateTool(projectId, toolId, await parseBody(req, toolPatchSchema), author));
});
