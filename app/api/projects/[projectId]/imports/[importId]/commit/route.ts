import { importCommitSchema } from "@/lib/schemas/imports";
import { json, parseBody, route } from "@/lib/server/http";
import { commitImportRequest } from "@/lib/server/imports/imports";

export const POST = route<{ projectId: string; importId: string }>("imports.write", async (req, { projectId, importId }) => {
  return json(await commitImportRequest(projectId, importId, await parseBody(req, importCommitSchema)));
});
