import { json, route } from "@/lib/server/http";
import { cancelRun } from "@/lib/server/runs/runs";

export const POST = route<{ projectId: string; runId: string }>("runs.write", async (req, { projectId, runId }) => {
  return json(await cancelRun(projectId, runId));
});
