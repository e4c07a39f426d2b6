import { endpointInputSchema } from "@/lib/schemas/evals";
import { json, parseBody, requireAuthor, route } from "@/lib/server/http";
import { createEndpoint, listEndpoints } from "@/lib/server/evals/endpoints";

export const GET = route(async () => json(await listEndpoints()));

export const POST = route(async (req) => {
  await requireAuthor(req);
  return json(await createEndpoint(await parseBody(req, endpointInputSchema)), 201);
});
