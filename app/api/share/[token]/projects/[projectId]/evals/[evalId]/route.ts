import { getEval } from "@/lib/server/evals/evals";
import { json } from "@/lib/server/http";
import { publicEval, shareRoute } from "@/lib/server/share/http";
import { shareAllowsEval } from "@/lib/server/share/links";

export const GET = shareRoute<{ token: string; projectId: string; evalId: string }>(async (_req, { projectId, evalId }, share) => {
  shareAllowsEval(share, projectId, evalId);
  return json(publicEval(await getEval(projectId, evalId)));
});
