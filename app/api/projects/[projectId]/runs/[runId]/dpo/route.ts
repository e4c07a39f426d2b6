import { z } from "zod";
import { dpoRunCreateSchema } from "@/lib/schemas/runs";
import { json, parseBody, parseWith, route, searchParams } from "@/lib/server/http";
import { createDpoRun, previewDpoRun } from "@/lib/server/runs/dpo";

type P = { projectId: string; runId: string };

const previewQuery = z.object({
  evalIds: z
    .string()
    .max(2000)
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.string().max(100)).min(1, "evalIds: choose at least one eval").max(10, "evalIds: at most 10 evals")),
  n_epochs: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(50)]).default("auto"),
});

/** What a DPO run on this SFT run would train on (pairs by verdict) and cost. */
export const GET = route<P>("read", async (req, { projectId, runId }) => {
  const q = parseWith(previewQuery, searchParams(req));
  return json(await previewDpoRun(projectId, runId, q.evalIds, q.n_epochs));
});

export const POST = route<P>("runs.write", async (req, { projectId, runId }, who) =>
  json(await createDpoRun(projectId, runId, await parseBody(req, dpoRunCreateSchema), who.userId), 201),
);
