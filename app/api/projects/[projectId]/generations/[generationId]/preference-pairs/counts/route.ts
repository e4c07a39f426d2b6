import { json, route } from "@/lib/server/http";
import { generationPairCounts } from "@/lib/server/generate/preference-pairs";

/** How many preference pairs the generation's reviews make, and why the other accepted candidates make none. */
export const GET = route<{ projectId: string; generationId: string }>("read", async (_req, { projectId, generationId }) => json(await generationPairCounts(projectId, generationId)));
