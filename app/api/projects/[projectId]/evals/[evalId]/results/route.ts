import { evalResultQuerySchema } from "@/lib/schemas/evals";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { listEvalResults } from "@/lib/server/evals/evals";

export const GET = route<{ projectId: string; evalId: string }>("read", async (req, { projectId, evalId }) =>
  json(await listEvalResults(projectId, evalId, parseWith(evalResultQuerySchema, searchParams(req)))),
);
