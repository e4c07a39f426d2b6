import { json, parseBody, route } from "@/lib/server/http";
import { listTrashedExamples, restoreTrashedExamples } from "@/lib/server/examples/bulk";
import { exampleRestoreSchema } from "@/lib/schemas/example";

type P = { projectId: string };

/** The project's trashed examples, newest first (the first 200, and how many there are). */
export const GET = route<P>("read", async (_req, { projectId }) => json(await listTrashedExamples(projectId)));

/** { ids }: puts trashed examples back with their number and history. */
export const POST = route<P>("examples.write", async (req, { projectId }) => {
  const { ids } = await parseBody(req, exampleRestoreSchema);
  return json(await restoreTrashedExamples(projectId, ids));
});
