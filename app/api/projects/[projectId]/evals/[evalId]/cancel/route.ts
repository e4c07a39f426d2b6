import { json, route } from "@/lib/server/http";
import { cancelEval } from "@/lib/server/evals/evals";

export const POST = route<{ projectId: string; evalId: string }>("evals.write", async (req, { projectId, evalId }) => {
  return json(await cancelEval(projectId, evalId));
});
