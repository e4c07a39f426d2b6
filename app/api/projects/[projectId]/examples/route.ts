import { exampleInputSchema, exampleListQuerySchema } from "@/lib/schemas/example";
import { json, parseBody, parseWith, route, searchParams } from "@/lib/server/http";
import { createExample, listExamples } from "@/lib/server/examples/examples";

type P = { projectId: string };

export const GET = route<P>("read", async (req, { projectId }) =>
  json(await listExamples(projectId, parseWith(exampleListQuerySchema, searchParams(req)))),
);

export const POST = route<P>("examples.write", async (req, { projectId }, who) => {
  return json(await createExample(projectId, await parseBody(req, exampleInputSchema), who.userId), 201);
});
