import { exampleUpdateSchema } from "@/lib/schemas/example";
import { json, noContent, parseBody, requireAuthor, route } from "@/lib/server/http";
import { deleteExample, getExample, updateExample } from "@/lib/server/examples/examples";

type P = { projectId: string; exampleId: string };

export const GET = route<P>(async (_req, { projectId, exampleId }) => json(await getExample(projectId, exampleId)));

export const PUT = route<P>(async (req, { projectId, exampleId }) => {
  const author = await requireAuthor(req);
  return json(await updateExample(projectId, exampleId, await parseBody(req, exampleUpdateSchema), author));
});

export const DELETE = route<P>(async (req, { projectId, exampleId }) => {
  await requireAuthor(req);
  await deleteExample(projectId, exampleId);
  return noContent();
});
