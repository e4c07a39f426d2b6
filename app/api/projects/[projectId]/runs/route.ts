import { runCreateSchema } from "@/lib/schemas/runs";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { createRun, listRuns } from "@/lib/server/runs/runs";

type P = { projectId: string };

export const GET = route<P>(async (_req, { projectId }) => json(await listRuns(projectId)));

export const POST = route<P>(async (req, { projectId }) => {
  const author = await requireAuthor(req);
  return json(await createRun(projectId, await parseBody(req, runCreateSchema), author), 201);
});
