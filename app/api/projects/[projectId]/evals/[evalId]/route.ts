import { json, route } from "@/lib/server/http";
import { getEval } from "@/lib/server/evals/evals";

export const GET = route<{ projectId: string; evalId: string }>("read", async (_req, { projectId, evalId }) => json(await getEval(projectId, evalId)));
