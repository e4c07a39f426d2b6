import { json, requireAuthor, route } from "@/lib/server/http";
import { retryRun } from "@/lib/server/runs/runs";

export const POST = route<{ projectId: string; runId: string }>(async (req, { projectId, runId }) => {
  const author = await requireAuthor(req);
  return json(await retryRun(projectId, runId, author), 201);
});
