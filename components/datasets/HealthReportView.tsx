import type { HealthReport } from "@/lib/datasets/health";
import type { OutputStyle } from "@/lib/schemas/common";
import { Empty } from "@/components/ui/States";
import { formatCount } from "@/components/imports/labels";
import { DistributionTable } from "./DistributionTable";
import { ToolUse } from "./ToolUse";

/** The cookbook notebook's numbers, then the tool-calling extras, for one split. */
export function HealthReportView({
  report,
  splitLabel,
  outputStyle,
}: {
  report: HealthReport;
  splitLabel: string;
  outputStyle: OutputStyle | undefined;
}) {
  if (report.examples === 0) {
    return (
      <div data-testid="health-report" data-examples={0}>
        <Empty title={`No examples in ${splitLabel} yet`}>
          <p className="muted">
            Only labelled, valid examples in a train or validation split are exported and checked. Assign splits under{" "}
            <a href="#split">Split</a>.
          </p>
        </Empty>
      </div>
    );
  }
  const errors = Object.entries(report.formatErrors).sort((a, b) => b[1] - a[1]);
  const { duplicates } = report;
  return (
    <div className="health-report stack" data-testid="health-report" data-examples={report.examples}>
      <dl className="stat-grid">
        <Stat label="examples" n={report.examples} />
        <Stat label="with format errors" n={report.linesWithErrors} tone={report.linesWithErrors > 0 ? "danger" : "ok"} />
        <Stat label="missing system" n={report.missingSystem} tone={report.missingSystem > 0 ? "warn" : undefined} />
        <Stat label="missing user" n={report.missingUser} tone={report.missingUser > 0 ? "danger" : undefined} />
        <Stat
          label={`over ${formatCount(report.tokenLimit)} tokens`}
          n={report.overTokenLimit}
          tone={report.overTokenLimit > 0 ? "warn" : undefined}
        />
        <Stat label="duplicate requests" n={duplicates.duplicateExamples} tone={duplicates.duplicateExamples > 0 ? "warn" : undefined} />
      </dl>

      <section aria-labelledby="health-errors">
        <h3 id="health-errors" className="block-title">
          Format errors
        </h3>
        {errors.length === 0 ? (
          <p className="ok-text small">No errors found.</p>
        ) : (
          <table className="table table-compact table-auto">
            <tbody>
              {errors.map(([key, n]) => (
                <tr key={key} data-error={key}>
                  <th scope="row">
                    <code>{key}</code>
                  </th>
                  <td className="num">{formatCount(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {report.errorLines.length > 0 ? (
          <details className="small">
            <summary>Lines with errors (first {Math.min(report.errorLines.length, 50)})</summary>
            <ul className="mono-list">
              {report.errorLines.slice(0, 50).map((e) => (
                <li key={e.line}>
                  line {e.line}: {e.errors.join(", ")}
                  {e.reason ? <span className="muted"> ({e.reason})</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <DistributionTable distributions={report.distributions} encoding={report.encoding} />

      <section aria-labelledby="health-billing">
        <h3 id="health-billing" className="block-title">
          Training tokens
        </h3>
        <p className="small">
          {formatCount(report.overTokenLimit)} examples may be over the {formatCount(report.tokenLimit)} token limit; they will be truncated
          during fine-tuning.
        </p>
        <dl className="kv">
          <dt>Billing tokens per epoch</dt>
          <dd>~{formatCount(report.billingTokens)}</dd>
          <dt>Default epochs</dt>
          <dd>{report.defaultEpochs}</dd>
          <dt>Charged tokens</dt>
          <dd data-testid="health-charged-tokens">~{formatCount(report.chargedTokens)}</dd>
        </dl>
      </section>

      <ToolUse tools={report.tools} outputStyle={outputStyle} />

      <section aria-labelledby="health-dups">
        <h3 id="health-dups" className="block-title">
          Duplicate requests
        </h3>
        {duplicates.duplicateExamples === 0 ? (
          <p className="ok-text small">No example repeats an earlier one&apos;s last user message.</p>
        ) : (
          <>
            <p className="small">
              {formatCount(duplicates.duplicateExamples)} examples repeat an earlier last user message ({formatCount(duplicates.groupCount)}{" "}
              distinct requests).
            </p>
            <ul className="mono-list small">
              {duplicates.groups.slice(0, 10).map((g, i) => (
                <li key={i}>
                  {g.count}× on lines {g.lines.join(", ")}
                  {g.lines.length < g.count ? ", …" : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

function Stat({ label, n, tone }: { label: string; n: number; tone?: "ok" | "warn" | "danger" }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ""}`}>
      <dt>{label}</dt>
      <dd>{formatCount(n)}</dd>
    </div>
  );
}
