import { parseWith, route, searchParams } from "@/lib/server/http";
import { exportLines, exportPlan, exportQuerySchema, toReadableStream } from "@/lib/server/datasets/export";

export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => {
  const q = parseWith(exportQuerySchema, searchParams(req));
  const { fileName } = await exportPlan(projectId, q); // validates before the first byte is sent
  return new Response(toReadableStream(exportLines(projectId, q)), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` },
  });
});
