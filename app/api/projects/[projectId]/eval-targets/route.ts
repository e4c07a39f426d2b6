import { json, route } from "@/lib/server/http";
import { evalTargets } from "@/lib/server/evals/targets";

export const GET = route<{ projectId: string }>("read", async (_req, { projectId }) => json(await evalTargets(projectId)));
