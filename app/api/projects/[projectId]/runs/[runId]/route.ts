import { runPatchSchema } from "@/lib/schemas/runs";
import { json, parseBody, route } from "@/lib/server/http";
import { getRun } from "@/lib/server/runs/runs";
import { updateRunLabels } from "@/lib/server/runs/run-labels";

type P = { projectId: string; runId: string };

export const GET = route<P>("read", async (_req, { projectId, runId }) => json(await getRun(projectId, runId)));

/** Name, notes and tags: the parts of a run people edit. */
export const PATCH = route<P>("runs.write", async (req, { projectId, runId }) => {
  await updateRunLabels(projectId, runId, await parseBody(req, runPatchSchema));
  return json(await getRun(projectId, runId));
});
