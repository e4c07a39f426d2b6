import { getEvalReportSettings } from "@/lib/server/evals/report-settings";
import { json } from "@/lib/server/http";
import { shareRoute } from "@/lib/server/share/http";
import { shareAllowsEvalReport } from "@/lib/server/share/links";

/**
 * The thresholds a shared eval report shows its pass/fail against. Not the baseline: that is
 * another eval, which the link does not open, so a shared report shows no change against it.
 */
export const GET = shareRoute<{ token: string; projectId: string }>(async (_req, { projectId }, share) => {
  shareAllowsEvalReport(share, projectId);
  const s = await getEvalReportSettings(projectId);
  return json({ ...s, baselineEvalId: null, baseline: null, updatedBy: null });
});
