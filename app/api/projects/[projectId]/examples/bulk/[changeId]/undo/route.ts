import { json, route } from "@/lib/server/http";
import { undoBulkChange } from "@/lib/server/examples/bulk";

/** Puts back what a bulk change changed, except examples saved since (counted as keptNewer). */
export const POST = route<{ projectId: string; changeId: string }>("examples.write", async (_req, { projectId, changeId }, who) => {
  return json(await undoBulkChange(projectId, changeId, who.userId));
});
