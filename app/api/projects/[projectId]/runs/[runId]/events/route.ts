import { z } from "zod";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { runEvents } from "@/lib/server/runs/runs";

const query = z.object({ level: z.enum(["warn"]).optional() });

/** GET: the last 500 events; `?level=warn`: the first 100 warnings and errors. */
export const GET = route<{ projectId: string; runId: string }>("read", async (req, { projectId, runId }) => {
  const q = parseWith(query, searchParams(req));
  return json(await runEvents(projectId, runId, { warnings: q.level === "warn" }));
});
