import { importReanalyseSchema } from "@/lib/schemas/imports";
import { json, parseBody, route } from "@/lib/server/http";
import { reanalyseImport } from "@/lib/server/imports/imports";

export const POST = route<{ projectId: string; importId: string }>("imports.write", async (req, { projectId, importId }) => {
  const { format, toolChoices } = await parseBody(req, importReanalyseSchema);
  return json(await reanalyseImport(projectId, importId, format, toolChoices));
});
