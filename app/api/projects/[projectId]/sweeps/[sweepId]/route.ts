import { json, route } from "@/lib/server/http";
import { getSweep } from "@/lib/server/runs/sweeps";

type P = { projectId: string; sweepId: string };

/** The sweep with each cell's run and the newest gold eval of its model. */
export const GET = route<P>("read", async (_req, { projectId, sweepId }) => json(await getSweep(projectId, sweepId)));
