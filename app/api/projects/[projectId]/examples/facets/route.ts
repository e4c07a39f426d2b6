import { json, route } from "@/lib/server/http";
import { exampleFacets } from "@/lib/server/examples/facets";

/** The project's tags and the people who last saved its examples, with counts, for the list's filters. */
export const GET = route<{ projectId: string }>("read", async (_req, { projectId }) => json(await exampleFacets(projectId)));
