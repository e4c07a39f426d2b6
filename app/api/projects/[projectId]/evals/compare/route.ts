import { json, route, searchParams } from "@/lib/server/http";
import { compareEvals } from "@/lib/server/evals/compare";

export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => {
  const q = searchParams(req);
  return json(await compareEvals(projectId, q.a ?? "", q.b ?? ""));
});
