import { json, route } from "@/lib/server/http";
import { projectAgreement } from "@/lib/server/reviews/agreement";

type P = { projectId: string };

export const GET = route<P>("read", async (_req, { projectId }) => json(await projectAgreement(projectId)));
