import { preferenceExportQuerySchema } from "@/lib/schemas/eval-failures";
import { parseWith, route, searchParams } from "@/lib/server/http";
import { toReadableStream } from "@/lib/server/datasets/export";
import { requireEvalOf } from "@/lib/server/evals/failures";
import { preferenceLines } from "@/lib/server/evals/preference-pairs";

export const GET = route<{ projectId: string; evalId: string }>("read", async (req, { projectId, evalId }) => {
  const q = parseWith(preferenceExportQuerySchema, searchParams(req));
  await requireEvalOf(projectId, evalId); // a 404 before the first byte is sent
  const fileName = `eval-${evalId}-preference-${q.format}${q.verdict ? `-${q.verdict}` : ""}.jsonl`;
  return new Response(toReadableStream(preferenceLines(projectId, evalId, q)), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` },
  });
});
