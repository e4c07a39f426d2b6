import { sweepCreateSchema } from "@/lib/schemas/sweeps";
import { json, parseBody, route } from "@/lib/server/http";
import { createSweep, listSweeps } from "@/lib/server/runs/sweeps";

type P = { projectId: string };

export const GET = route<P>("read", async (_req, { projectId }) => json(await listSweeps(projectId)));

/** { name, base: the shared run settings, axes: [{ key, values }] }: one run per cell of the grid, all or none. */
export const POST = route<P>("runs.write", async (req, { projectId }, who) => json(await createSweep(projectId, await parseBody(req, sweepCreateSchema), who.userId), 201));
