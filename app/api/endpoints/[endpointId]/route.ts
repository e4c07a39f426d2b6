import { endpointPatchSchema } from "@/lib/schemas/evals";
import { json, noContent, parseBody, route } from "@/lib/server/http";
import { deleteEndpoint, updateEndpoint } from "@/lib/server/evals/endpoints";

type P = { endpointId: string };

export const PATCH = route<P>("endpoints.write", async (req, { endpointId }) => {
  return json(await updateEndpoint(endpointId, await parseBody(req, endpointPatchSchema)));
});

export const DELETE = route<P>("endpoints.write", async (req, { endpointId }) => {
  await deleteEndpoint(endpointId);
  return noContent();
});
