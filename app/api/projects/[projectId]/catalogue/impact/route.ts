import { catalogueChangeSchema } from "@/lib/schemas/tool";
import { catalogueImpact } from "@/lib/server/catalogue/impact";
import { json, parseBody, route } from "@/lib/server/http";

/** A dry run of a tool change or a revert: how many examples it would invalidate (or make valid). Writes nothing. */
export const POST = route<{ projectId: string }>("catalogue.write", async (req, { projectId }) => {
  return json(await catalogueImpact(projectId, await parseBody(req, catalogueChangeSchema)));
});
