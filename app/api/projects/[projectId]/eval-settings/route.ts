import { evalReportSettingsPatchSchema } from "@/lib/schemas/eval-report";
import { json, parseBody, route } from "@/lib/server/http";
import { getEvalReportSettings, updateEvalReportSettings } from "@/lib/server/evals/report-settings";

type P = { projectId: string };

/** The pinned baseline eval and the pass/fail thresholds every eval report of the project is judged against. */
export const GET = route<P>("read", async (_req, { projectId }) => json(await getEvalReportSettings(projectId)));

/** Body: { baselineEvalId?: string | null, thresholds?: [{ metric, op: "min" | "max", percent }] }; omitted fields stay. */
export const PATCH = route<P>("projects.update", async (req, { projectId }, who) => {
  return json(await updateEvalReportSettings(projectId, await parseBody(req, evalReportSettingsPatchSchema), who.userId));
});
