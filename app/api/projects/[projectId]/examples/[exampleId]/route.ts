import { exampleUpdateSchema } from "@/lib/schemas/example";
import { json, noContent, parseBody, route } from "@/lib/server/http";
import { deleteExample, getExample, updateExample } from "@/lib/server/examples/examples";

type P = { projectId: string; exampleId: string };

export const GET = route<P>("read", async (_req, { projectId, exampleId }) => json(await getExample(projectId, exampleId)));

export const PUT = route<P>("examples.write", async (req, { projectId, exampleId }, who) => {
  return json(await updateExample(projectId, exampleId, await parseBody(req, exampleUpdateSchema), who.userId));
});

export const DELETE = route<P>("examples.write", async (req, { projectId, exampleId }) => {
  await deleteExample(projectId, exampleId);
  return noContent();
});
