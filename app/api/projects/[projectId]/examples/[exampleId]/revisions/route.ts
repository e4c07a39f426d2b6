import { json, route } from "@/lib/server/http";
import { listRevisions } from "@/lib/server/examples/examples";

export const GET = route<{ projectId: string; exampleId: string }>(async (_req, { projectId, exampleId }) =>
  json(await listRevisions(projectId, exampleId)),
);
