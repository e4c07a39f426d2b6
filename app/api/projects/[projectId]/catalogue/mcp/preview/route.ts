import { mcpPreviewSchema } from "@/lib/schemas/mcp";
import { noteAudit } from "@/lib/server/audit/context";
import { previewMcpImport } from "@/lib/server/catalogue/mcp-import";
import { json, parseBody, route } from "@/lib/server/http";

/** { source }: the server's tools and what importing them would do (new / same / conflict / rejected). Writes nothing. */
export const POST = route<{ projectId: string }>("catalogue.write", async (req, { projectId }) => {
  const { source } = await parseBody(req, mcpPreviewSchema);
  // The audit log names the kind of source only: a URL's headers (an Authorization) never go there.
  noteAudit({ detail: { source: source.kind } });
  return json(await previewMcpImport(projectId, { source }));
});
