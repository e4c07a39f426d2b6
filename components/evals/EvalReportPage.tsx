"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { evalQuery, evalSettingsQuery, isEvalTerminal, refreshFinishedEval } from "@/lib/queries/evals";
import { projectQuery } from "@/lib/queries/projects";
import type { EvalDto } from "@/lib/schemas/evals";
import { Loading, LoadError } from "@/components/ui/States";
import { ArgErrorsTable } from "./ArgErrorsTable";
import { ConfusionMatrix } from "./ConfusionMatrix";
import { EvalHeader } from "./EvalHeader";
import { HeadlineStrip } from "./HeadlineStrip";
import { SecondaryNumbers } from "./Numbers";
import { ReportActions } from "./ReportActions";
import { PerToolTable } from "./PerToolTable";
import { ResultsSection } from "./ResultsSection";
import { FailuresPanel } from "./FailuresPanel";
import { useReadOnly } from "@/components/share/ReadOnly";
import { filtersForCell, resultFiltersFromParams, resultFiltersToSearch, type ResultFilters } from "./result-filters";
import { formatCount } from "@/lib/client/format";

/** One eval: the four numbers, where the errors are (per tool, confusion, arguments), then every example. Live while it runs. */
export function EvalReportPage({ projectId, evalId }: { projectId: string; evalId: string }) {
  const qc = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = resultFiltersFromParams(params);
  const q = useQuery(evalQuery(projectId, evalId));
  const shared = useReadOnly();
  // A share link's page knows the output style from the link; it may not read the project.
  const project = useQuery({ ...projectQuery(projectId), enabled: shared === null });
  // A share link reads the thresholds through its own route, never the baseline (another eval).
  const settings = useQuery(evalSettingsQuery(projectId));
  const baselineId = settings.data?.baselineEvalId ?? null;
  const comparesWithBaseline = baselineId !== null && baselineId !== evalId;
  const baselineQ = useQuery({ ...evalQuery(projectId, baselineId ?? ""), enabled: comparesWithBaseline });
  const baseline = comparesWithBaseline ? (baselineQ.data ?? null) : null;
  const status = q.data?.status;
  const was = useRef(status);
  useEffect(() => {
    if (was.current !== undefined && !isEvalTerminal(was.current) && status !== undefined && isEvalTerminal(status))
      void refreshFinishedEval(qc, projectId, evalId);
    was.current = status;
  }, [status, projectId, evalId, qc]);
  const listHref = `/projects/${encodeURIComponent(projectId)}/evals`;

  function go(next: ResultFilters) {
    router.replace(`${pathname}${resultFiltersToSearch(next)}`, { scroll: false });
  }
  function showResults(next: ResultFilters) {
    go(next);
    document.getElementById("results-title")?.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  if (q.isPending) return <Loading label="Loading the eval…" />;
  if (!q.data) {
    return (
      <div className="page page-narrow">
        <LoadError error={q.error} what="eval" onRetry={() => q.refetch()} />
        {shared ? null : (
          <p>
            <Link href={listHref}>← All evals</Link>
          </p>
        )}
      </div>
    );
  }
  const ev = q.data;
  const s = ev.summary;
  return (
    <div className="page eval-page" data-testid="eval-report" data-eval-id={ev.id} data-status={ev.status}>
      <EvalHeader ev={ev} actions={<ReportActions ev={ev} settings={settings.data ?? null} baseline={baseline} />} />
      {q.isError ? <p className="field-error">Lost contact with the server; showing the last known state. Retrying…</p> : null}
      <Banners ev={ev} />
      {s ? <HeadlineStrip ev={ev} summary={s} settings={settings.data ?? null} baseline={baseline} /> : null}
      {s ? (
        <section className="panel eval-numbers" aria-label="More numbers">
          <SecondaryNumbers summary={s} />
          {!isEvalTerminal(ev.status) ? <p className="hint">Numbers so far: they update every 2 seconds until the eval finishes.</p> : null}
        </section>
      ) : (
        <div className="panel">
          <p className="muted">
            {isEvalTerminal(ev.status)
              ? "No example was scored, so there are no numbers."
              : "The numbers appear as soon as the first answers are scored."}
          </p>
        </div>
      )}
      {s ? (
        <div className="eval-breakdown">
          <section className="panel stack" aria-labelledby="per-tool-title">
            <h2 id="per-tool-title" className="panel-title">
              Per tool
            </h2>
            <div className="scroll-x">
              <PerToolTable rows={s.perTool} onTool={(tool) => showResults({ page: 1, tool })} />
            </div>
            <h2 className="panel-title">Argument errors</h2>
            <div className="scroll-x scroll-box scroll-box-short">
              <ArgErrorsTable rows={s.argErrors} />
            </div>
          </section>
          <section className="panel stack" aria-labelledby="confusion-title">
            <h2 id="confusion-title" className="panel-title">
              Confusion matrix
            </h2>
            <ConfusionMatrix
              confusion={s.confusion}
              onCell={(gold, predicted) => showResults({ page: 1, ...filtersForCell(gold, predicted) })}
            />
          </section>
        </div>
      ) : null}
      {s && !shared && isEvalTerminal(ev.status) ? <FailuresPanel projectId={projectId} ev={ev} /> : null}
      <ResultsSection projectId={projectId} ev={ev} filters={filters} onChange={go} style={shared?.outputStyle ?? project.data?.outputStyle} />
    </div>
  );
}

function Banners({ ev }: { ev: EvalDto }) {
  if (ev.status === "failed")
    return (
      <div className="banner banner-error" role="alert" data-testid="eval-error">
        <p>
          <strong>The eval failed: </strong>
          {ev.error ?? "the worker gave no reason."}
        </p>
      </div>
    );
  if (ev.status === "cancelled")
    return (
      <div className="banner banner-warn" role="status">
        Cancelled after {formatCount(ev.done)} of {formatCount(ev.total)} examples: the numbers cover only the examples answered.
      </div>
    );
  if (ev.cancelRequested && !isEvalTerminal(ev.status))
    return (
      <div className="banner banner-warn" role="status">
        Cancelling: requests already sent finish, no new ones start.
      </div>
    );
  return null;
}
