import { evalCreateSchema } from "@/lib/schemas/evals";
import { json, parseBody, route, searchParams } from "@/lib/server/http";
import { createEval, listEvals } from "@/lib/server/evals/evals";

type P = { projectId: string };

export const GET = route<P>("read", async (req, { projectId }) => json(await listEvals(projectId, { runId: searchParams(req).runId })));

export const POST = route<P>("evals.write", async (req, { projectId }, who) => {
  return json(await createEval(projectId, await parseBody(req, evalCreateSchema), who.userId), 201);
});
