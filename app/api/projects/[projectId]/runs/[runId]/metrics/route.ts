import { z } from "zod";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { runMetrics } from "@/lib/server/runs/runs";

const query = z.object({ afterStep: z.coerce.number().int().min(-1).optional() });

export const GET = route<{ projectId: string; runId: string }>("read", async (req, { projectId, runId }) => {
  const q = parseWith(query, searchParams(req));
  return json(await runMetrics(projectId, runId, q.afterStep ?? null));
});
