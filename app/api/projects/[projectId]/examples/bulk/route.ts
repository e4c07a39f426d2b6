import { exampleBulkChangeSchema } from "@/lib/schemas/example";
import { json, parseBody, route } from "@/lib/server/http";
import { changeExamples } from "@/lib/server/examples/bulk";

/** { ids | filter, set: { reviewState?, split? } }: one new version and revision per changed example. */
export const POST = route<{ projectId: string }>("examples.write", async (req, { projectId }, who) => {
  return json(await changeExamples(projectId, await parseBody(req, exampleBulkChangeSchema), who.userId));
});
