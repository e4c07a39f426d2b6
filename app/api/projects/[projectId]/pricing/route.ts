import { json, readJson, route } from "@/lib/server/http";
import { getPricing, setPricing } from "@/lib/server/datasets/pricing";

type P = { projectId: string };

export const GET = route<P>("read", async (_req, { projectId }) => json(await getPricing(projectId)));

/** Body: a price table { model: { trainingPerMillionUsd, note? } }, or null to go back to the defaults. */
export const PUT = route<P>("projects.update", async (req, { projectId }) => {
  return json(await setPricing(projectId, await readJson(req)));
});
