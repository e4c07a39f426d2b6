import { json, route } from "@/lib/server/http";
import { getRun } from "@/lib/server/runs/runs";

export const GET = route<{ projectId: string; runId: string }>("read", async (_req, { projectId, runId }) => json(await getRun(projectId, runId)));
