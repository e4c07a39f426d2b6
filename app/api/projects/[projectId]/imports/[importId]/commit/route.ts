import { importCommitSchema } from "@/lib/schemas/imports";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { commitImportRequest } from "@/lib/server/imports/imports";

export const POST = route<{ projectId: string; importId: string }>(async (req, { projectId, importId }) => {
  await requireAuthor(req);
  return json(await commitImportRequest(projectId, importId, await parseBody(req, importCommitSchema)));
});
