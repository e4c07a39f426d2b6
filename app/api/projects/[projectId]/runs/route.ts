import { runCreateSchema, runListQuerySchema } from "@/lib/schemas/runs";
import { json, parseBody, parseWith, route, searchParams } from "@/lib/server/http";
import { createRun, listRuns } from "@/lib/server/runs/runs";

type P = { projectId: string };

export const GET = route<P>("read", async (req, { projectId }) => json(await listRuns(projectId, parseWith(runListQuerySchema, searchParams(req)))));

export const POST = route<P>("runs.write", async (req, { projectId }, who) => {
  return json(await createRun(projectId, await parseBody(req, runCreateSchema), who.userId), 201);
});
