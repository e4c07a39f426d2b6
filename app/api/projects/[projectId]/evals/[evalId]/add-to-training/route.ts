import { addFailuresSchema } from "@/lib/schemas/eval-failures";
import { noteAudit } from "@/lib/server/audit/context";
import { json, parseBody, route } from "@/lib/server/http";
import { addFailuresToTraining } from "@/lib/server/evals/add-failures";

export const POST = route<{ projectId: string; evalId: string }>("examples.write", async (req, { projectId, evalId }, principal) => {
  const body = await parseBody(req, addFailuresSchema);
  const result = await addFailuresToTraining(projectId, evalId, body, principal.userId);
  noteAudit({
    action: "evals.add_to_training",
    detail: { verdict: body.verdict ?? null, results: body.resultIds?.length ?? null, created: result.created, skipped: result.skipped },
  });
  return json(result);
});
