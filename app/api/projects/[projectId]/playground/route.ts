import { playgroundSchema } from "@/lib/schemas/evals";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { runPlayground } from "@/lib/server/evals/playground";

export const POST = route<{ projectId: string }>(async (req, { projectId }) => {
  await requireAuthor(req);
  return json(await runPlayground(projectId, await parseBody(req, playgroundSchema)));
});
