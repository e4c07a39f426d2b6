import { exampleBulkChangeSchema } from "@/lib/schemas/example";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { changeExamples } from "@/lib/server/examples/bulk";

/** { ids | filter, set: { reviewState?, split? } }: one new version and revision per changed example. */
export const POST = route<{ projectId: string }>(async (req, { projectId }) => {
  const author = await requireAuthor(req);
  return json(await changeExamples(projectId, await parseBody(req, exampleBulkChangeSchema), author));
});
