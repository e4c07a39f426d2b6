"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { evalResultsQuery } from "@/lib/queries/evals";
import type { EvalReportSettingsDto } from "@/lib/schemas/eval-report";
import type { EvalDto, EvalResultDto } from "@/lib/schemas/evals";
import { errorMessage } from "@/lib/client/api";
import { FAILURE_LIMIT, SEVERITY, reportFileName, reportMarkdown } from "./report-markdown";


/** The report's way out: Markdown file, the browser's print (to PDF), and its plain link. */
export function ReportActions({ ev, settings, baseline }: { ev: EvalDto; settings: EvalReportSettingsDto | null; baseline: EvalDto | null }) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  async function exportMarkdown() {
    setBusy(true);
    setNote(null);
    try {
      // The worst failures, dangerous verdicts first: asked verdict by verdict, so a 20,000-example
      // eval's wrong tools are found wherever they sit in the list.
      const failures: EvalResultDto[] = [];
      for (const verdict of SEVERITY) {
        if (failures.length >= FAILURE_LIMIT) break;
        if ((ev.summary?.verdicts[verdict] ?? 0) === 0) continue;
        const page = await qc.fetchQuery(evalResultsQuery(ev.projectId, ev.id, { verdict, page: 1, pageSize: FAILURE_LIMIT - failures.length }, false));
        failures.push(...page.results);
      }
      const failureTotal = SEVERITY.reduce((n, v) => n + (ev.summary?.verdicts[v] ?? 0), 0);
      const text = reportMarkdown({
        ev,
        baseline,
        thresholds: settings?.thresholds ?? [],
        failures,
        failureTotal,
        url: plainUrl(),
        generatedAt: new Date().toISOString(),
      });
      const href = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = href;
      a.download = reportFileName(ev);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (e) {
      setNote(`Could not export: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(plainUrl());
      setNote("Link copied.");
    } catch {
      setNote(`Copy failed: the link is ${plainUrl()}`);
    }
    setTimeout(() => setNote(null), 4_000);
  }

  return (
    <div className="row row-wrap no-print report-actions" role="group" aria-label="Export the report">
      <button type="button" className="btn" onClick={exportMarkdown} disabled={busy || !ev.summary} data-testid="export-markdown" title="Download the report as a Markdown file">
        {busy ? "Exporting…" : "Markdown"}
      </button>
      <button type="button" className="btn" onClick={() => window.print()} data-testid="print-report" title="Print, or save as PDF from the print dialog">
        Print / PDF
      </button>
      <button type="button" className="btn" onClick={copyLink} data-testid="copy-link" title="Copy this report's address (for members of the workspace)">
        Copy link
      </button>
      <span className="small muted" aria-live="polite" data-testid="report-action-note">
        {note}
      </span>
    </div>
  );
}

/** This page's address without the result filters. */
const plainUrl = () => `${window.location.origin}${window.location.pathname}`;
