import { json, route } from "@/lib/server/http";
import { runLineage } from "@/lib/server/runs/lineage";

export const GET = route<{ projectId: string; runId: string }>("read", async (req, { projectId, runId }) =>
  json(await runLineage(projectId, runId)),
);
