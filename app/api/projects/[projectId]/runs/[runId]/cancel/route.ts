import { json, requireAuthor, route } from "@/lib/server/http";
import { cancelRun } from "@/lib/server/runs/runs";

export const POST = route<{ projectId: string; runId: string }>(async (req, { projectId, runId }) => {
  await requireAuthor(req);
  return json(await cancelRun(projectId, runId));
});
