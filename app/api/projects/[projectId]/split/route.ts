import { json, parseBody, authorize, route } from "@/lib/server/http";
import { splitProject, splitRequestSchema } from "@/lib/server/datasets/split";

/** { validation, gold, seed, dryRun }: dryRun (default) previews, otherwise assigns unassigned examples. */
export const POST = route<{ projectId: string }>("read", async (req, { projectId }, who) => {
  const body = await parseBody(req, splitRequestSchema);
  if (!body.dryRun) authorize(who, "splits.write");
  return json(await splitProject(projectId, body));
});
