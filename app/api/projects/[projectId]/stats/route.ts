import { json, route } from "@/lib/server/http";
import { projectStats } from "@/lib/server/stats";

export const GET = route<{ projectId: string }>("read", async (_req, { projectId }) => json(await projectStats(projectId)));
