"use client";

import Link from "next/link";
import { useState } from "react";
import type { EvalReportSettingsDto } from "@/lib/schemas/eval-report";
import type { EvalDto } from "@/lib/schemas/evals";
import type { EvalSummary } from "@/lib/scoring/types";
import { useCan } from "@/lib/client/auth";
import { useUpdateEvalSettings } from "@/lib/queries/evals";
import { useReadOnly } from "@/components/share/ReadOnly";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { formatPts } from "./compare";
import { headlineRows, intervalText, pointsIntervalText, ruleText, verdict, type HeadlineRow, type ReportVerdict } from "./headline";
import { formatCount, formatNd, formatPct } from "./labels";
import { evalHref } from "./links";
import { ThresholdsDialog } from "./ThresholdsDialog";
import { MetricTerm } from "./Numbers";

interface Props {
  ev: EvalDto;
  summary: EvalSummary;
  /** null while loading; on a share link's page it has the thresholds but never the baseline. */
  settings: EvalReportSettingsDto | null;
  /** The pinned baseline eval, loaded (null when none, or when this eval is the baseline). */
  baseline: EvalDto | null;
}

/** The answer to forward: n, each rate with its 95% interval, the change against the baseline, and pass/fail. */
export function HeadlineStrip({ ev, summary, settings, baseline }: Props) {
  const readOnly = useReadOnly() !== null;
  const thresholds = settings?.thresholds ?? [];
  const rows = headlineRows(summary, baseline?.summary ?? null, thresholds);
  const v = verdict(summary, thresholds);
  return (
    <section className="panel headline-strip" aria-labelledby="headline-title" data-testid="headline-strip">
      <div className="row row-wrap headline-head">
        <h2 id="headline-title" className="panel-title">
          Headline
        </h2>
        <span className="muted small">95% intervals (Wilson score)</span>
        <span className="grow" />
        {settings && !readOnly ? <BaselineControl ev={ev} settings={settings} baseline={baseline} /> : null}
      </div>
      <VerdictLine v={v} settings={settings} projectId={ev.projectId} />
      <dl className="metrics-strip">
        <div className="metric metric-n" data-testid="metric-n" title="Examples scored: the denominator of the rates over all examples">
          <dt>Sample size</dt>
          <dd>
            <span className="metric-value" data-testid="metric-n-value">
              {formatCount(summary.total)}
            </span>
            <span className="metric-nd">
              {summary.total === ev.total ? "examples scored" : `of ${formatCount(ev.total)} examples scored`}
            </span>
          </dd>
        </div>
        {rows.map((r) => (
          <StripMetric key={r.def.key} row={r} baselineName={baseline?.name ?? null} />
        ))}
      </dl>
    </section>
  );
}

function StripMetric({ row, baselineName }: { row: HeadlineRow; baselineName: string | null }) {
  const { def, rate, change } = row;
  const danger = def.key === "wrongToolRate";
  const tone = def.better === "lower" && rate.value !== null ? (rate.value > 0 ? " is-bad" : " is-good") : "";
  return (
    <div
      className={`metric metric-strip${def.better === "lower" ? " metric-lower" : ""}${danger ? " metric-silent" : ""}`}
      data-testid={`metric-${def.key}`}
      title={def.hint}
    >
      <MetricTerm def={def} />
      <dd>
        <span className={`metric-value${tone}`} data-testid={`metric-${def.key}-value`}>
          {formatPct(rate.value)}
        </span>
        <span className="metric-nd">
          {formatNd(rate)} <span className="muted">{rate.d > 0 ? def.of : ""}</span>
        </span>
        <span className="metric-ci" data-testid={`metric-${def.key}-ci`}>
          95% CI {intervalText(row.interval)}
        </span>
        {change ? (
          <span
            className={`metric-delta${change.tone ? ` delta-${change.tone}` : ""}`}
            data-testid={`metric-${def.key}-delta`}
            title={`Change against the baseline${baselineName ? ` (${baselineName})` : ""}; 95% interval ${pointsIntervalText(row.changeInterval)}`}
          >
            {formatPts(change)} vs baseline
            {change.tone === "good" ? (
              <span className="sr-only"> (better)</span>
            ) : change.tone === "bad" ? (
              <span className="sr-only"> (worse)</span>
            ) : null}
          </span>
        ) : null}
        {row.checks.map((c) => (
          <span
            key={c.threshold.op}
            className={`threshold-chip threshold-${c.result}`}
            data-testid={`threshold-${def.key}-${c.threshold.op}`}
            data-result={c.result}
          >
            {c.result === "pass" ? "✓ pass" : c.result === "fail" ? "✗ fail" : "? unknown"}: {ruleText(c.threshold)}
            {c.borderline ? (
              <span title="The 95% interval reaches the other side of the limit: a bigger sample could change the answer."> (close)</span>
            ) : null}
          </span>
        ))}
      </dd>
    </div>
  );
}

function VerdictLine({ v, settings, projectId }: { v: ReportVerdict; settings: EvalReportSettingsDto | null; projectId: string }) {
  const mayEdit = useCan("projects.update");
  const readOnly = useReadOnly() !== null;
  const canEdit = mayEdit && !readOnly;
  const [editing, setEditing] = useState(false);
  let text: string;
  if (v.result === "none")
    text =
      settings && !readOnly ? "No thresholds set: add them to get a pass/fail line (for example false-tool-call rate at most 5%)." : "";
  else if (v.result === "pass") text = `Pass: all ${v.checks.length} threshold${v.checks.length === 1 ? "" : "s"} met.`;
  else if (v.result === "fail")
    text = `Fail: ${v.checks
      .filter((c) => c.result === "fail")
      .map((c) => `${c.def.label.toLowerCase()} ${formatPct(c.value)} (${ruleText(c.threshold)})`)
      .join("; ")}.`;
  else text = `Not decided: ${v.passed} of ${v.checks.length} thresholds met, the others have nothing to count.`;
  if (!text && !canEdit) return null;
  return (
    <div className={`verdict-line verdict-${v.result}`} role="status" data-testid="report-verdict" data-result={v.result}>
      <span>{text}</span>
      {canEdit && settings ? (
        <button type="button" className="btn btn-sm no-print" onClick={() => setEditing(true)} data-testid="edit-thresholds">
          {settings.thresholds.length > 0 ? "Edit thresholds" : "Set thresholds"}
        </button>
      ) : null}
      {editing && settings ? (
        <ThresholdsDialog projectId={projectId} current={settings.thresholds} onClose={() => setEditing(false)} />
      ) : null}
    </div>
  );
}

/** "vs baseline X", "this eval is the baseline", and pin / unpin for those who may change the project. */
function BaselineControl({ ev, settings, baseline }: { ev: EvalDto; settings: EvalReportSettingsDto; baseline: EvalDto | null }) {
  const mayEdit = useCan("projects.update");
  const readOnly = useReadOnly() !== null;
  const canEdit = mayEdit && !readOnly;
  const update = useUpdateEvalSettings(ev.projectId);
  const isBaseline = settings.baselineEvalId === ev.id;
  const pinned = settings.baseline;
  return (
    <div className="row row-wrap baseline-control" data-testid="baseline-control">
      <span className="small">
        {isBaseline ? (
          <span className="tag" data-testid="is-baseline">
            Pinned baseline
          </span>
        ) : pinned ? (
          <>
            vs baseline{" "}
            <Link href={evalHref(ev.projectId, pinned.id)} data-testid="baseline-link">
              {pinned.name}
            </Link>
            {baseline && !baseline.summary ? <span className="muted"> (no numbers yet)</span> : null}
          </>
        ) : (
          <span className="muted">No baseline pinned</span>
        )}
      </span>
      {canEdit ? (
        <button
          type="button"
          className="btn btn-sm no-print"
          disabled={update.isPending}
          onClick={() => update.mutate({ baselineEvalId: isBaseline ? null : ev.id })}
          data-testid={isBaseline ? "unpin-baseline" : "pin-baseline"}
          title={
            isBaseline
              ? "Reports stop showing a change against this eval"
              : "Every report of this project shows its change against this eval"
          }
        >
          {isBaseline ? "Unpin baseline" : "Pin as baseline"}
        </button>
      ) : null}
      {update.isError ? <ErrorNote error={update.error} title="Could not change the baseline" /> : null}
    </div>
  );
}
