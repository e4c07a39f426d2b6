"use client";

import { Suspense } from "react";
import type { ShareViewDto } from "@/lib/schemas/share";
import { CompareEvalsPage } from "@/components/evals/CompareEvalsPage";
import { EvalReportPage } from "@/components/evals/EvalReportPage";
import { RunOverlay } from "@/components/runs/RunOverlay";
import { RunPage } from "@/components/runs/RunPage";
import { Loading } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { ReadOnly } from "./ReadOnly";

/** A share link's page: the one thing it names, read-only, with no way into the app; printable. */
export function SharedPage({ token, view }: { token: string; view: ShareViewDto }) {
  const [first] = view.targets;
  return (
    <ReadOnly token={token} view={view}>
      <div className="share-page" data-testid="share-page" data-share-kind={view.kind}>
        <p className="share-bar muted small">
          <span className="brand-mark" aria-hidden="true">
            ⟡
          </span>{" "}
          A read-only view shared from ToolTune · the link expires <When iso={view.expiresAt} />
          <button type="button" className="btn btn-sm btn-ghost no-print" onClick={() => window.print()} data-testid="share-print">
            Print
          </button>
        </p>
        <Suspense fallback={<Loading label="Loading…" />}>
          {view.kind === "eval" ? (
            <EvalReportPage projectId={view.projectId} evalId={first} />
          ) : view.kind === "eval_compare" ? (
            <CompareEvalsPage projectId={view.projectId} />
          ) : view.kind === "run" ? (
            <RunPage projectId={view.projectId} runId={first} />
          ) : (
            <RunOverlay projectId={view.projectId} runIds={view.targets} />
          )}
        </Suspense>
      </div>
    </ReadOnly>
  );
}
