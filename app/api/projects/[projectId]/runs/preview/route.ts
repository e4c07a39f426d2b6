import { json, route, searchParams } from "@/lib/server/http";
import { previewRun } from "@/lib/server/runs/runs";

export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => json(await previewRun(projectId, searchParams(req).baseModel)));
