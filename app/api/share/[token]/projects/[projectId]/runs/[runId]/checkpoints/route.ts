import { json } from "@/lib/server/http";
import { runCheckpoints } from "@/lib/server/runs/runs";
import { shareRoute } from "@/lib/server/share/http";
import { shareAllowsRun } from "@/lib/server/share/links";

export const GET = shareRoute<{ token: string; projectId: string; runId: string }>(async (_req, { projectId, runId }, share) => {
  shareAllowsRun(share, projectId, runId);
  return json(await runCheckpoints(projectId, runId));
});
