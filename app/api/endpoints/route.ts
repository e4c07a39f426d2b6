import { endpointInputSchema } from "@/lib/schemas/evals";
import { json, parseBody, route } from "@/lib/server/http";
import { createEndpoint, listEndpoints } from "@/lib/server/evals/endpoints";

export const GET = route("read", async () => json(await listEndpoints()));

export const POST = route("endpoints.write", async (req) => {
  return json(await createEndpoint(await parseBody(req, endpointInputSchema)), 201);
});
