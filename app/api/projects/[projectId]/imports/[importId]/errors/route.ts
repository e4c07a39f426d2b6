import { route } from "@/lib/server/http";
import { importErrorsStream } from "@/lib/server/imports/imports";

export const GET = route<{ projectId: string; importId: string }>("read", async (_req, { projectId, importId }) => {
  const { stream, fileName } = await importErrorsStream(projectId, importId);
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${encodeURIComponent(fileName)}"` },
  });
});
