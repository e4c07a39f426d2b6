import { toolPatchSchema } from "@/lib/schemas/tool";
import { json, parseBody, route } from "@/lib/server/http";
import { updateTool } from "@/lib/server/tools/tools";

type P = { projectId: string; toolId: string };

export const PATCH = route<P>("catalogue.write", async (req, { projectId, toolId }, who) => {
  return json(await updateTool(projectId, toolId, await parseBody(req, toolPatchSchema), who.userId));
});
