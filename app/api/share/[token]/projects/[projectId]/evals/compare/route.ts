import { compareEvals } from "@/lib/server/evals/compare";
import { json, searchParams } from "@/lib/server/http";
import { publicCompare, shareRoute } from "@/lib/server/share/http";
import { shareAllowsCompare } from "@/lib/server/share/links";

export const GET = shareRoute<{ token: string; projectId: string }>(async (req, { projectId }, share) => {
  const q = searchParams(req);
  shareAllowsCompare(share, projectId, q.a ?? "", q.b ?? "");
  return json(publicCompare(await compareEvals(projectId, q.a!, q.b!)));
});
