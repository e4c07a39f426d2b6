import { exampleListQuerySchema } from "@/lib/schemas/example";
import { json, parseWith, route, searchParams } from "@/lib/server/http";
import { exampleNeighbours } from "@/lib/server/examples/examples";

export const GET = route<{ projectId: string; exampleId: string }>("read", async (req, { projectId, exampleId }) =>
  json(await exampleNeighbours(projectId, exampleId, parseWith(exampleListQuerySchema, searchParams(req)))),
);
