import { json, route } from "@/lib/server/http";
import { retryRun } from "@/lib/server/runs/runs";

export const POST = route<{ projectId: string; runId: string }>("runs.write", async (req, { projectId, runId }, who) => {
  return json(await retryRun(projectId, runId, who.userId), 201);
});
