"use client";

import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useUpdateRun } from "@/lib/queries/runs";
import { RUN_LABEL_LIMITS, runPatchSchema, type RunDto } from "@/lib/schemas/runs";
import { zodIssues } from "@/lib/schemas/common";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { IssueList } from "@/components/ui/IssueList";
import { tagsFromText } from "./labels";

/**
 * Under the run's title: its tags and notes, and (for those who may) an inline form to change the
 * name, tags and notes, saved with PATCH on the run.
 */
export function RunLabels({ run, canEdit }: { run: RunDto; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <RunLabelsForm run={run} onDone={() => setEditing(false)} />;
  return (
    <div className="run-labels stack-tight" data-testid="run-labels">
      <div className="row row-wrap">
        {run.tags.length > 0 ? (
          <ul className="chips" aria-label="Tags" data-testid="run-tags">
            {run.tags.map((t) => (
              <li key={t} className="chip">
                {t}
              </li>
            ))}
          </ul>
        ) : canEdit ? (
          <span className="muted small">No tags.</span>
        ) : null}
        {canEdit ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setEditing(true)} data-testid="edit-run-labels">
            {run.name || run.notes || run.tags.length ? "Edit name, tags and notes" : "Name, tag or annotate this run"}
          </button>
        ) : null}
      </div>
      {run.notes ? (
        <p className="run-notes small" data-testid="run-notes">
          {run.notes}
        </p>
      ) : null}
    </div>
  );
}

function RunLabelsForm({ run, onDone }: { run: RunDto; onDone: () => void }) {
  const update = useUpdateRun(run.projectId, run.id);
  const [name, setName] = useState(run.name ?? "");
  const [tags, setTags] = useState(run.tags.join(", "));
  const [notes, setNotes] = useState(run.notes ?? "");
  const patch = { name, notes, tags: tagsFromText(tags) };
  const checked = runPatchSchema.safeParse(patch);
  const [tried, setTried] = useState(false);

  function save(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!checked.success || update.isPending) return;
    update.mutate(patch, { onSuccess: onDone });
  }
  function keys(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      onDone();
    }
  }

  return (
    <form className="run-labels-form stack-tight" onSubmit={save} onKeyDown={keys} aria-label="Name, tags and notes" data-testid="run-labels-form" noValidate>
      <div className="field">
        <label htmlFor="run-name">Name</label>
        <input
          id="run-name"
          autoFocus
          value={name}
          maxLength={RUN_LABEL_LIMITS.name}
          placeholder={`e.g. baseline, 3 epochs (shown instead of the id)`}
          onChange={(e) => setName(e.target.value)}
          data-testid="run-name-input"
        />
      </div>
      <div className="field">
        <label htmlFor="run-tags">Tags</label>
        <input id="run-tags" value={tags} placeholder="comma-separated, e.g. baseline, lora-r16" aria-describedby="run-tags-hint" onChange={(e) => setTags(e.target.value)} data-testid="run-tags-input" />
        <span id="run-tags-hint" className="hint">
          Up to {RUN_LABEL_LIMITS.tags} tags; saved in lowercase. The runs list filters by them.
        </span>
      </div>
      <div className="field">
        <label htmlFor="run-notes">Notes</label>
        <textarea id="run-notes" rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="What you tried and what you saw" data-testid="run-notes-input" />
        <span className={`hint${notes.length > RUN_LABEL_LIMITS.notes ? " text-danger" : ""}`}>
          {notes.length.toLocaleString("en-US")} / {RUN_LABEL_LIMITS.notes.toLocaleString("en-US")} characters
        </span>
      </div>
      {tried && !checked.success ? (
        <div className="error-note" role="alert">
          <IssueList issues={zodIssues(checked.error)} />
        </div>
      ) : null}
      {update.isError ? <ErrorNote error={update.error} title="Not saved" /> : null}
      <div className="row">
        <button type="submit" className="btn btn-sm btn-primary" disabled={update.isPending} data-testid="save-run-labels">
          {update.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="btn btn-sm" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
