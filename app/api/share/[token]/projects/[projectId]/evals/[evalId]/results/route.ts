import { evalResultQuerySchema } from "@/lib/schemas/evals";
import { listEvalResults } from "@/lib/server/evals/evals";
import { json, parseWith, searchParams } from "@/lib/server/http";
import { shareRoute } from "@/lib/server/share/http";
import { shareAllowsEval } from "@/lib/server/share/links";

/** The report's examples, one page at a time: the per-example detail is part of a shared report (README, Share links). */
export const GET = shareRoute<{ token: string; projectId: string; evalId: string }>(async (req, { projectId, evalId }, share) => {
  shareAllowsEval(share, projectId, evalId);
  return json(await listEvalResults(projectId, evalId, parseWith(evalResultQuerySchema, searchParams(req))));
});
