import { playgroundSchema } from "@/lib/schemas/evals";
import { json, parseBody, route } from "@/lib/server/http";
import { runPlayground } from "@/lib/server/evals/playground";

export const POST = route<{ projectId: string }>("evals.write", async (req, { projectId }) => {
  return json(await runPlayground(projectId, await parseBody(req, playgroundSchema)));
});
