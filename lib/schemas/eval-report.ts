// What an eval report is judged against, per project: a pinned baseline eval and pass/fail
// thresholds on its rates. Shared by the settings API (lib/server/evals/report-settings.ts), the
// report's headline strip and its Markdown export.
import { z } from "zod";

/** The rates a report headlines and a threshold may name, in the strip's order. */
export const REPORT_METRICS = [
  "validRate",
  "toolNameAccuracy",
  "argAccuracy",
  "falseToolCallRate",
  "wrongToolRate",
  "silentCorruptionRate",
  "missedCallRate",
  "exactMatch",
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

export const THRESHOLD_LIMIT = 20;

export const thresholdSchema = z.object({
  metric: z.enum(REPORT_METRICS, { error: `choose one of ${REPORT_METRICS.join(", ")}` }),
  /** "min": the rate must be at least `percent`; "max": at most. */
  op: z.enum(["min", "max"], { error: 'choose "min" (at least) or "max" (at most)' }),
  percent: z
    .number({ error: "enter a percentage between 0 and 100" })
    .min(0, "the percentage is below 0")
    .max(100, "the percentage is above 100"),
});
export type Threshold = z.infer<typeof thresholdSchema>;

const thresholdsSchema = z
  .array(thresholdSchema)
  .max(THRESHOLD_LIMIT, `at most ${THRESHOLD_LIMIT} thresholds`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const key = `${t.metric}:${t.op}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "metric"], message: `${t.metric} already has a ${t.op} threshold` });
      seen.add(key);
    });
  });

/** A change to the settings: what it does not mention stays as it is. */
export const evalReportSettingsPatchSchema = z
  .object({
    /** null unpins the baseline. */
    baselineEvalId: z.string().trim().min(1, "name an eval, or null to unpin").max(100).nullable(),
    thresholds: thresholdsSchema,
  })
  .partial()
  .strict();
export type EvalReportSettingsPatch = z.input<typeof evalReportSettingsPatchSchema>;

export interface EvalReportSettingsDto {
  baselineEvalId: string | null;
  /** The pinned eval's name and model, so a report can say what it is compared with without another request. */
  baseline: { id: string; name: string; model: string } | null;
  thresholds: Threshold[];
  updatedBy: string | null;
  updatedAt: string | null;
}
