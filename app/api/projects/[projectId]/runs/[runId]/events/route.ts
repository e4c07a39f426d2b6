import { json, route } from "@/lib/server/http";
import { runEvents } from "@/lib/server/runs/runs";

export const GET = route<{ projectId: string; runId: string }>(async (_req, { projectId, runId }) => json(await runEvents(projectId, runId)));
