import { mcpImportSchema } from "@/lib/schemas/mcp";
import { noteAudit } from "@/lib/server/audit/context";
import { importMcpTools } from "@/lib/server/catalogue/mcp-import";
import { json, parseBody, route } from "@/lib/server/http";

/** { source, catalogueVersion, fingerprint, decisions, skip }: the previewed plan applied as one catalogue version; 409 when either side changed. */
export const POST = route<{ projectId: string }>("catalogue.write", async (req, { projectId }, who) => {
  const input = await parseBody(req, mcpImportSchema);
  noteAudit({ detail: { source: input.source.kind } });
  const { sourceLabel, ...res } = await importMcpTools(projectId, input, who.userId);
  noteAudit({
    target: { type: "catalogue", id: String(res.catalogueVersion ?? input.catalogueVersion), label: `imported from ${sourceLabel}` },
    detail: { catalogueVersion: res.catalogueVersion, added: res.added, replaced: res.replaced },
  });
  return json(res);
});
