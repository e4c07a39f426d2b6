import { exampleInputSchema, exampleListQuerySchema } from "@/lib/schemas/example";
import { json, parseBody, parseWith, requireAuthor, route, searchParams } from "@/lib/server/http";
import { createExample, listExamples } from "@/lib/server/examples/examples";

type P = { projectId: string };

export const GET = route<P>(async (req, { projectId }) =>
  json(await listExamples(projectId, parseWith(exampleListQuerySchema, searchParams(req)))),
);

export const POST = route<P>(async (req, { projectId }) => {
  const author = await requireAuthor(req);
  return json(await createExample(projectId, await parseBody(req, exampleInputSchema), author), 201);
});
