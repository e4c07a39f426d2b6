import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { splitProject, splitRequestSchema } from "@/lib/server/datasets/split";

/** { validation, gold, seed, dryRun }: dryRun (default) previews, otherwise assigns unassigned examples. */
export const POST = route<{ projectId: string }>(async (req, { projectId }) => {
  const body = await parseBody(req, splitRequestSchema);
  if (!body.dryRun) await requireAuthor(req);
  return json(await splitProject(projectId, body));
});
