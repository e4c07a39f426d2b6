import { json, route } from "@/lib/server/http";
import { preferenceCounts } from "@/lib/server/evals/preference-pairs";

export const GET = route<{ projectId: string; evalId: string }>("read", async (req, { projectId, evalId }) =>
  json(await preferenceCounts(projectId, evalId)),
);
