"use client";

import { useQuery } from "@tanstack/react-query";
import { formatPercent } from "@/lib/gauge";
import { statsQuery } from "@/lib/queries/stats";
import type { ExampleDto } from "@/lib/schemas/example";
import { When } from "@/components/ui/When";
import { BAND_LABEL } from "@/components/gauge/NoToolGauge";
import { useEditor } from "./editor-context";
import { KeyLegend } from "./KeyLegend";
import { MetaFields } from "./MetaFields";
import { Revisions } from "./Revisions";
import type { ExampleDraft } from "./use-example-draft";
import { ValidationSummary } from "./ValidationSummary";
import { formatCount } from "@/lib/client/format";

export function EditorSide({ draft, base }: { draft: ExampleDraft; base: ExampleDto | null }) {
  const { messages } = useEditor();
  return (
    <aside className="editor-side" aria-label="Example details">
      <div className="panel">
        <ValidationSummary
          messages={messages}
          rawErrors={draft.rawErrors}
          serverIssues={!draft.dirty && base?.invalid ? base.issues : []}
        />
      </div>
      <div className="panel">
        <MetaFields draft={draft} base={base} />
        <p className="saved-by small muted">
          {base ? (
            <>
              Saved by {base.updatedBy ?? "unknown"} <When iso={base.updatedAt} /> · version {base.version}
            </>
          ) : (
            "Not saved yet."
          )}
        </p>
        {base ? <Revisions example={base} /> : null}
      </div>
      <div className="panel">
        <MiniGauge />
      </div>
      <div className="panel">
        <KeyLegend />
      </div>
    </aside>
  );
}

/** The project's no_tool ratio in one line, so the balance stays in view while labelling. */
function MiniGauge() {
  const { projectId } = useEditor();
  const { data } = useQuery(statsQuery(projectId));
  if (!data) return <p className="muted small">Loading balance…</p>;
  const o = data.overall;
  return (
    <p className={`mini-gauge band-${o.band}`} data-testid="gauge-mini" title={o.advice}>
      <span className="panel-title">no_tool</span> <strong>{o.ratio === null ? "—" : formatPercent(o.ratio)}</strong>{" "}
      <span className={`band-pill band-pill-${o.band}`}>{BAND_LABEL[o.band]}</span>{" "}
      <span className="muted small">
        {formatCount(o.noTool)} of {formatCount(o.decisions)} decisions
      </span>
    </p>
  );
}
