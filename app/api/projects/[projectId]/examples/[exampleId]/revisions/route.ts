import { historyPageSchema } from "@/lib/schemas/common";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { listRevisions } from "@/lib/server/examples/examples";

/** ?limit=100&before=VERSION: who saved each version, newest first. */
export const GET = route<{ projectId: string; exampleId: string }>("read", async (req, { projectId, exampleId }) =>
  json(await listRevisions(projectId, exampleId, parseWith(historyPageSchema, searchParams(req)))),
);
