import { toolReorderSchema } from "@/lib/schemas/tool";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { reorderTools } from "@/lib/server/tools/tools";

export const POST = route<{ projectId: string }>(async (req, { projectId }) => {
  const author = await requireAuthor(req);
  const { order } = await parseBody(req, toolReorderSchema);
  return json(await reorderTools(projectId, order, author));
});
