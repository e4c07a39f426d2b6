import { noteAudit } from "@/lib/server/audit/context";
import { catalogueRevertSchema } from "@/lib/schemas/tool";
import { revertCatalogue } from "@/lib/server/catalogue/revert";
import { json, parseBody, route } from "@/lib/server/http";

/** { version }: a new catalogue version equal to that one, then the affected examples re-validated. */
export const POST = route<{ projectId: string }>("catalogue.write", async (req, { projectId }, who) => {
  const { version } = await parseBody(req, catalogueRevertSchema);
  const res = await revertCatalogue(projectId, version, who.userId);
  noteAudit({ target: { type: "catalogue", id: String(res.catalogueVersion), label: `reverted to version ${version}` }, detail: { revertedTo: version, catalogueVersion: res.catalogueVersion } });
  return json(res);
});
