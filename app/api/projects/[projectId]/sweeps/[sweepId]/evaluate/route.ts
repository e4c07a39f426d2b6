import { json, route } from "@/lib/server/http";
import { evaluateSweep } from "@/lib/server/runs/sweeps";

type P = { projectId: string; sweepId: string };

/** Evaluates every finished run of the sweep on gold that has no eval yet. */
export const POST = route<P>("evals.write", async (_req, { projectId, sweepId }, who) => json(await evaluateSweep(projectId, sweepId, who.userId), 202));
