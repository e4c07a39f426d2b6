"use client";

import { useState } from "react";
import type { ImportJobDto } from "@/lib/schemas/imports";
import { useDiscardImport, useReanalyseImport } from "@/lib/queries/imports";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { CommitForm } from "./CommitForm";
import { DuplicateSample } from "./DuplicateSample";
import { FormatOverride } from "./FormatOverride";
import { ImportCounts } from "./ImportCounts";
import { NeedsReasonNote } from "./NeedsReasonNote";
import { RejectedLines } from "./RejectedLines";
import { ToolPlan, type ToolDecisions } from "./ToolPlan";
import { analysedChoices, choicesDiffer, ToolFixups, type ToolChoiceMap } from "./ToolFixups";

/** The analysis of an uploaded file, and the choices that turn it into examples. */
export function ReadyView({ projectId, job }: { projectId: string; job: ImportJobDto }) {
  const [decisions, setDecisions] = useState<ToolDecisions>(() =>
    Object.fromEntries(job.toolPlan.filter((t) => t.action === "conflict").map((t) => [t.name, t.decision ?? "keep_existing"])),
  );
  const [choices, setChoices] = useState<ToolChoiceMap>(() => analysedChoices(job.toolPlan));
  const recheck = useReanalyseImport(projectId, job.id);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const discard = useDiscardImport(projectId);

  return (
    <div className="stack">
      {job.message ? <div className="banner banner-warn">{job.message}</div> : null}
      <FormatOverride projectId={projectId} job={job} />
      <ImportCounts job={job} />
      <NeedsReasonNote projectId={projectId} job={job} />
      {job.errorCount > 0 ? <RejectedLines projectId={projectId} job={job} /> : null}
      {job.duplicateCount > 0 ? <DuplicateSample job={job} /> : null}
      <ToolFixups
        plan={job.toolPlan}
        choices={choices}
        onChoose={(name, c) => setChoices((all) => ({ ...all, [name]: c }))}
        stale={choicesDiffer(job.toolPlan, choices)}
        onRecheck={() => recheck.mutate({ format: job.format, toolChoices: choices })}
        rechecking={recheck.isPending}
      />
      {recheck.isError ? <ErrorNote error={recheck.error} title="Could not check the records again" /> : null}
      <ToolPlan plan={job.toolPlan} decisions={decisions} onDecide={(name, d) => setDecisions((all) => ({ ...all, [name]: d }))} />
      <CommitForm projectId={projectId} job={job} decisions={decisions} choices={choices} onDiscard={() => setConfirmDiscard(true)} />
      {confirmDiscard ? (
        <ConfirmDialog
          title={`Discard ${job.fileName}?`}
          confirmLabel="Discard import"
          busy={discard.isPending}
          error={discard.error}
          onCancel={() => setConfirmDiscard(false)}
          onConfirm={() => discard.mutate(job.id, { onSuccess: () => setConfirmDiscard(false) })}
        >
          <p>The uploaded file and its analysis are deleted; nothing is added to the project. You can upload the file again later.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
