import { json, route, searchParams } from "@/lib/server/http";
import { previewRun } from "@/lib/server/runs/runs";

/** What a run would train on now; 202 with {status: "computing", done, total} while the worker counts a large split's tokens. */
export const GET = route<{ projectId: string }>("read", async (req, { projectId }) => {
  const preview = await previewRun(projectId, searchParams(req).baseModel);
  return json(preview, "status" in preview ? 202 : 200);
});
