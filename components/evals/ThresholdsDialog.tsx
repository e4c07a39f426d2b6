"use client";

import { useState } from "react";
import { REPORT_METRICS, THRESHOLD_LIMIT, evalReportSettingsPatchSchema, type ReportMetric, type Threshold } from "@/lib/schemas/eval-report";
import { useUpdateEvalSettings } from "@/lib/queries/evals";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { reportMetricDef } from "./headline";

interface Row {
  metric: ReportMetric;
  op: "min" | "max";
  /** As typed: validated with the API's own schema on save. */
  percent: string;
}

/** Suggested first rule for a lower-is-better rate vs a higher-is-better one. */
const defaultRow = (metric: ReportMetric): Row => {
  const lower = reportMetricDef(metric).better === "lower";
  return { metric, op: lower ? "max" : "min", percent: lower ? "5" : "90" };
};

/** Pass/fail thresholds for the project's eval reports: one rule per row, checked with the API's schema before sending. */
export function ThresholdsDialog({ projectId, current, onClose }: { projectId: string; current: readonly Threshold[]; onClose: () => void }) {
  const [rows, setRows] = useState<Row[]>(() => current.map((t) => ({ ...t, percent: String(t.percent) })));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const update = useUpdateEvalSettings(projectId);

  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    const used = new Set(rows.map((r) => r.metric));
    setRows((rs) => [...rs, defaultRow(REPORT_METRICS.find((m) => !used.has(m)) ?? "falseToolCallRate")]);
  };

  function save() {
    const body = { thresholds: rows.map((r) => ({ metric: r.metric, op: r.op, percent: r.percent.trim() === "" ? Number.NaN : Number(r.percent) })) };
    const parsed = evalReportSettingsPatchSchema.safeParse(body);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.slice(1).join(".")] ??= issue.message;
      setIssues(found);
      return;
    }
    setIssues({});
    update.mutate(parsed.data, { onSuccess: onClose });
  }

  return (
    <Dialog title="Pass/fail thresholds" onClose={onClose}>
      <form
        className="stack"
        data-testid="thresholds-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <p className="muted small">
          Every eval report of this project says pass or fail against these rules, for example false-tool-call rate at most 5%. They apply to all
          evals, old and new.
        </p>
        {rows.length === 0 ? <p className="muted small">No thresholds yet.</p> : null}
        {rows.map((r, i) => {
          const err = issues[`${i}.percent`] ?? issues[`${i}.metric`] ?? issues[`${i}.op`];
          return (
            <fieldset key={i} className="threshold-row row row-wrap" data-testid="threshold-row">
              <legend className="sr-only">Threshold {i + 1}</legend>
              <div className="field field-inline">
                <label htmlFor={`th-metric-${i}`} className="sr-only">
                  Metric
                </label>
                <select id={`th-metric-${i}`} value={r.metric} onChange={(e) => set(i, { metric: e.target.value as ReportMetric })} data-testid="threshold-metric">
                  {REPORT_METRICS.map((m) => (
                    <option key={m} value={m}>
                      {reportMetricDef(m).label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field field-inline">
                <label htmlFor={`th-op-${i}`} className="sr-only">
                  Rule
                </label>
                <select id={`th-op-${i}`} value={r.op} onChange={(e) => set(i, { op: e.target.value as Row["op"] })} data-testid="threshold-op">
                  <option value="min">at least</option>
                  <option value="max">at most</option>
                </select>
              </div>
              <div className="field field-inline">
                <label htmlFor={`th-pct-${i}`} className="sr-only">
                  Percent
                </label>
                <input
                  id={`th-pct-${i}`}
                  className="input-narrow"
                  inputMode="decimal"
                  value={r.percent}
                  onChange={(e) => set(i, { percent: e.target.value })}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? `th-err-${i}` : undefined}
                  data-testid="threshold-percent"
                />
                <span aria-hidden="true">%</span>
              </div>
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={`Remove threshold ${i + 1}`}>
                Remove
              </button>
              {err ? (
                <p id={`th-err-${i}`} className="field-error" data-testid="threshold-error">
                  {err}
                </p>
              ) : null}
            </fieldset>
          );
        })}
        <div>
          <button type="button" className="btn btn-sm" onClick={add} disabled={rows.length >= THRESHOLD_LIMIT} data-testid="add-threshold">
            Add threshold
          </button>
        </div>
        {issues[""] ? <p className="field-error">{issues[""]}</p> : null}
        {update.isError ? <ErrorNote error={update.error} title="Could not save the thresholds" /> : null}
        <div className="row">
          <span className="grow" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={update.isPending} data-testid="save-thresholds">
            {update.isPending ? "Saving…" : "Save thresholds"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
