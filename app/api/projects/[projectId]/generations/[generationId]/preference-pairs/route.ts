import { preferenceExportQuerySchema } from "@/lib/schemas/eval-failures";
import { parseWith, route, searchParams } from "@/lib/server/http";
import { toReadableStream } from "@/lib/server/datasets/export";
import { requireGeneration } from "@/lib/server/generate/generations";
import { generationPreferenceLines } from "@/lib/server/generate/preference-pairs";

/** Reviewed candidates the reviewer changed, as preference pairs (chosen: the review, rejected: the teacher's), JSONL. */
export const GET = route<{ projectId: string; generationId: string }>("read", async (req, { projectId, generationId }) => {
  const q = parseWith(preferenceExportQuerySchema.pick({ format: true }), searchParams(req));
  const gen = await requireGeneration(projectId, generationId); // a 404 before the first byte is sent
  const fileName = `${gen.tag.replace(/[^a-zA-Z0-9_-]+/g, "-")}-preference-${q.format}.jsonl`;
  return new Response(toReadableStream(generationPreferenceLines(projectId, gen.id, q.format)), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` },
  });
});
