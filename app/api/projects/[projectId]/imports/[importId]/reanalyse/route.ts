import { importReanalyseSchema } from "@/lib/schemas/imports";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { reanalyseImport } from "@/lib/server/imports/imports";

export const POST = route<{ projectId: string; importId: string }>(async (req, { projectId, importId }) => {
  await requireAuthor(req);
  const { format, toolChoices } = await parseBody(req, importReanalyseSchema);
  return json(await reanalyseImport(projectId, importId, format, toolChoices));
});
