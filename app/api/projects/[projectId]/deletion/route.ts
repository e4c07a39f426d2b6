import { json, route } from "@/lib/server/http";
import { deletionSummary } from "@/lib/server/projects/trash";

/** Everything deleting the project would take with it, for the confirmation dialog. */
export const GET = route<{ projectId: string }>("read", async (_req, { projectId }) => json(await deletionSummary(projectId)));
