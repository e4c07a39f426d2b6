import { toolReorderSchema } from "@/lib/schemas/tool";
import { json, parseBody, route } from "@/lib/server/http";
import { reorderTools } from "@/lib/server/tools/tools";

export const POST = route<{ projectId: string }>("catalogue.write", async (req, { projectId }, who) => {
  const { order } = await parseBody(req, toolReorderSchema);
  return json(await reorderTools(projectId, order, who.userId));
});
