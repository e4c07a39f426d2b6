import { runCreateSchema } from "@/lib/schemas/runs";
import { json, parseBody, route } from "@/lib/server/http";
import { createRun, listRuns } from "@/lib/server/runs/runs";

type P = { projectId: string };

export const GET = route<P>("read", async (_req, { projectId }) => json(await listRuns(projectId)));

export const POST = route<P>("runs.write", async (req, { projectId }, who) => {
  return json(await createRun(projectId, await parseBody(req, runCreateSchema), who.userId), 201);
});
