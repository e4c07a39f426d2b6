// A project's eval-report settings: the pinned baseline eval and the pass/fail thresholds. One row
// per project in its own table (absent until first saved, which reads as "no baseline, no thresholds").
import { evalReportSettingsPatchSchema, thresholdSchema, type EvalReportSettingsDto, type EvalReportSettingsPatch } from "../../schemas/eval-report";
import { authorLabels } from "../authors";
import { db } from "../db";
import { AppError } from "../errors";
import { jsonText, parseJsonText } from "../json-text";
import { requireProject } from "../projects/projects";

/** Thresholds as stored; a row written by an older build that no longer parses is skipped, not fatal. */
function storedThresholds(text: string) {
  const raw = parseJsonText<unknown>(text);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((t) => {
    const r = thresholdSchema.safeParse(t);
    return r.success ? [r.data] : [];
  });
}

export async function getEvalReportSettings(projectId: string): Promise<EvalReportSettingsDto> {
  await requireProject(projectId);
  const row = await db().evalReportSettings.findUnique({
    where: { projectId },
    include: { baseline: { select: { id: true, name: true, model: true } } },
  });
  if (!row) return { baselineEvalId: null, baseline: null, thresholds: [], updatedBy: null, updatedAt: null };
  const names = await authorLabels([row.updatedById]);
  return {
    baselineEvalId: row.baseline ? row.baselineEvalId : null,
    baseline: row.baseline,
    thresholds: storedThresholds(row.thresholds),
    updatedBy: row.updatedById ? (names.get(row.updatedById) ?? null) : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Pins or unpins the baseline and/or replaces the thresholds; what the patch leaves out stays. */
export async function updateEvalReportSettings(projectId: string, input: EvalReportSettingsPatch, authorId: string): Promise<EvalReportSettingsDto> {
  const patch = evalReportSettingsPatchSchema.parse(input);
  await requireProject(projectId);
  if (patch.baselineEvalId) {
    const ev = await db().eval.findFirst({ where: { id: patch.baselineEvalId, projectId }, select: { id: true } });
    if (!ev) throw new AppError("validation_failed", `baselineEvalId: this project has no eval "${patch.baselineEvalId}"`, { field: "baselineEvalId" });
  }
  const data = {
    ...(patch.baselineEvalId !== undefined ? { baselineEvalId: patch.baselineEvalId } : {}),
    ...(patch.thresholds !== undefined ? { thresholds: jsonText(patch.thresholds) } : {}),
    updatedById: authorId,
  };
  await db().evalReportSettings.upsert({ where: { projectId }, create: { projectId, ...data }, update: data });
  return getEvalReportSettings(projectId);
}
