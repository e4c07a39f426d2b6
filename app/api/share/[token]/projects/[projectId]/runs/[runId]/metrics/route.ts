import { z } from "zod";
import { json, parseWith, searchParams } from "@/lib/server/http";
import { runMetrics } from "@/lib/server/runs/runs";
import { shareRoute } from "@/lib/server/share/http";
import { shareAllowsRun } from "@/lib/server/share/links";

const query = z.object({ afterStep: z.coerce.number().int().min(-1).optional() });

export const GET = shareRoute<{ token: string; projectId: string; runId: string }>(async (req, { projectId, runId }, share) => {
  shareAllowsRun(share, projectId, runId);
  return json(await runMetrics(projectId, runId, parseWith(query, searchParams(req)).afterStep ?? null));
});
