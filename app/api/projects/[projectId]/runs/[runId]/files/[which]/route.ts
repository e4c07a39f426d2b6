import { z } from "zod";
import { parseWith, route } from "@/lib/server/http";
import { runFile } from "@/lib/server/runs/runs";

export const GET = route<{ projectId: string; runId: string; which: string }>("read", async (_req, { projectId, runId, which }) => {
  const w = parseWith(z.enum(["train", "validation"]), which);
  const { stream, fileName } = await runFile(projectId, runId, w);
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` } });
});
