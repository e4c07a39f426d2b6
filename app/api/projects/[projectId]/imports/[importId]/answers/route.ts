import { json, route } from "@/lib/server/http";
import { attachAnswers } from "@/lib/server/imports/imports";

/** The body is BFCL's possible_answer file for the question file of this import. */
export const POST = route<{ projectId: string; importId: string }>("imports.write", async (req, { projectId, importId }) => {
  return json(await attachAnswers(projectId, importId, req.body));
});
