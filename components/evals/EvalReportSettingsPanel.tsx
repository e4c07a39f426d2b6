"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useCan } from "@/lib/client/auth";
import { evalSettingsQuery, useUpdateEvalSettings } from "@/lib/queries/evals";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { reportMetricDef, ruleText } from "./headline";
import { evalHref } from "./links";
import { ThresholdsDialog } from "./ThresholdsDialog";

/** On the project's settings page: what every eval report is judged against (the same settings the report edits). */
export function EvalReportSettingsPanel({ projectId }: { projectId: string }) {
  const settings = useQuery(evalSettingsQuery(projectId));
  const canEdit = useCan("projects.update");
  const update = useUpdateEvalSettings(projectId);
  const [editing, setEditing] = useState(false);
  const s = settings.data;
  return (
    <section className="panel stack" aria-labelledby="eval-report-settings-title" data-testid="eval-report-settings">
      <h2 id="eval-report-settings-title" className="panel-title">
        Eval reports
      </h2>
      {!s ? (
        <p className="muted small">{settings.isError ? "Could not load the eval report settings." : "Loading…"}</p>
      ) : (
        <>
          <div className="row row-wrap">
            <span>
              Baseline:{" "}
              {s.baseline ? (
                <Link href={evalHref(projectId, s.baseline.id)}>
                  {s.baseline.name} <code className="small">{s.baseline.model}</code>
                </Link>
              ) : (
                <span className="muted">none pinned: pin one from an eval report or the evals list</span>
              )}
            </span>
            {canEdit && s.baseline ? (
              <button type="button" className="btn btn-sm" disabled={update.isPending} onClick={() => update.mutate({ baselineEvalId: null })}>
                Unpin
              </button>
            ) : null}
          </div>
          <div className="stack-tight">
            <span>Pass/fail thresholds:</span>
            {s.thresholds.length === 0 ? (
              <span className="muted small">none: reports show no pass/fail line.</span>
            ) : (
              <ul className="compare-pairs" data-testid="settings-thresholds">
                {s.thresholds.map((t) => (
                  <li key={`${t.metric}:${t.op}`}>
                    {reportMetricDef(t.metric).label} {ruleText(t)}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {canEdit ? (
            <div>
              <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
                {s.thresholds.length > 0 ? "Edit thresholds" : "Set thresholds"}
              </button>
            </div>
          ) : null}
          {editing ? <ThresholdsDialog projectId={projectId} current={s.thresholds} onClose={() => setEditing(false)} /> : null}
          {update.isError ? <ErrorNote error={update.error} title="Could not unpin" /> : null}
        </>
      )}
    </section>
  );
}
