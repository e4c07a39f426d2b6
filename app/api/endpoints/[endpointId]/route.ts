import { endpointPatchSchema } from "@/lib/schemas/evals";
import { json, noContent, parseBody, requireAuthor, route } from "@/lib/server/http";
import { deleteEndpoint, updateEndpoint } from "@/lib/server/evals/endpoints";

type P = { endpointId: string };

export const PATCH = route<P>(async (req, { endpointId }) => {
  await requireAuthor(req);
  return json(await updateEndpoint(endpointId, await parseBody(req, endpointPatchSchema)));
});

export const DELETE = route<P>(async (req, { endpointId }) => {
  await requireAuthor(req);
  await deleteEndpoint(endpointId);
  return noContent();
});
