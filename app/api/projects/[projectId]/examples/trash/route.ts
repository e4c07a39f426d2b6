import { z } from "zod";
import { json, parseBody, route } from "@/lib/server/http";
import { listTrashedExamples, restoreTrashedExamples } from "@/lib/server/examples/bulk";
import { BULK_IDS_MAX } from "@/lib/schemas/example";

type P = { projectId: string };

/** The project's trashed examples, newest first (the first 200, and how many there are). */
export const GET = route<P>("read", async (_req, { projectId }) => json(await listTrashedExamples(projectId)));

const restoreSchema = z.object({ ids: z.array(z.string().min(1)).min(1, "ids: choose at least one example").max(BULK_IDS_MAX) });

/** { ids }: puts trashed examples back with their number and history. */
export const POST = route<P>("examples.write", async (req, { projectId }) => {
  const { ids } = await parseBody(req, restoreSchema);
  return json(await restoreTrashedExamples(projectId, ids));
});
