import { evalCreateSchema } from "@/lib/schemas/evals";
import { json, parseBody, requireAuthor, route, searchParams } from "@/lib/server/http";
import { createEval, listEvals } from "@/lib/server/evals/evals";

type P = { projectId: string };

export const GET = route<P>(async (req, { projectId }) => json(await listEvals(projectId, { runId: searchParams(req).runId })));

export const POST = route<P>(async (req, { projectId }) => {
  const author = await requireAuthor(req);
  return json(await createEval(projectId, await parseBody(req, evalCreateSchema), author), 201);
});
