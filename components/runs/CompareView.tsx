"use client";

import type { RunDto } from "@/lib/schemas/runs";
import { ShareButton } from "@/components/share/ShareButton";
import { CompareChart } from "./CompareChart";
import { ConfigDiff } from "./ConfigDiff";

/** The picked runs' curves overlaid, with what differs between them beside the chart. */
export function CompareView({ runs, colourOf, onClose }: { runs: RunDto[]; colourOf: (id: string) => string; onClose?: () => void }) {
  return (
    <section className="panel compare-view" aria-labelledby="compare-title" data-testid="compare-view">
      <div className="panel-head">
        <h2 id="compare-title" className="panel-title">
          Comparing {runs.length} runs
        </h2>
        <div className="row no-print">
          <ShareButton projectId={runs[0].projectId} kind="run_overlay" targets={runs.map((r) => r.id)} />
          {onClose ? (
            <button type="button" className="btn btn-sm btn-ghost" onClick={onClose}>
              Close comparison
            </button>
          ) : null}
        </div>
      </div>
      <p className="muted small">
        On the epoch axis, runs trained on datasets of different sizes line up: epoch 1 is one pass over each run&apos;s own data.
      </p>
      <div className="compare-grid">
        <CompareChart runs={runs} colourOf={colourOf} />
        <ConfigDiff runs={runs} colourOf={colourOf} />
      </div>
    </section>
  );
}
