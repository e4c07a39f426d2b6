import { json, requireAuthor, route } from "@/lib/server/http";
import { cancelEval } from "@/lib/server/evals/evals";

export const POST = route<{ projectId: string; evalId: string }>(async (req, { projectId, evalId }) => {
  await requireAuthor(req);
  return json(await cancelEval(projectId, evalId));
});
