"use client";

import { useId, useState } from "react";
import { isApiError } from "@/lib/client/api";
import { SPLITS, type Split } from "@/lib/schemas/common";
import type { ImportJobDto } from "@/lib/schemas/imports";
import { useCommitImport } from "@/lib/queries/imports";
import { ErrorNote } from "@/components/ui/ErrorNote";
import type { ToolDecisions } from "./ToolPlan";
import type { ToolChoiceMap } from "./ToolFixups";
import { count, formatCount } from "./labels";

const SPLIT_HINT: Record<Split, string> = {
  unassigned: "assign later with Split below (recommended)",
  train: "all of them train the model",
  validation: "all of them measure training",
  gold: "held out of every export, for evaluation",
};

/** The last choices before the worker writes the examples. */
export function CommitForm({
  projectId,
  job,
  decisions,
  choices,
  onDiscard,
}: {
  projectId: string;
  job: ImportJobDto;
  decisions: ToolDecisions;
  /** The tool plan's fix-up choices (merge variants, convert BFCL types); records are judged against them. */
  choices: ToolChoiceMap;
  onDiscard: () => void;
}) {
  // With rejected records the user must say what becomes of them before anything is imported.
  const [rejectedChoice, setRejectedChoice] = useState<"skip" | "fix" | null>(null);
  const keepValid = rejectedChoice === "skip";
  const [skipDuplicates, setSkipDuplicates] = useState(true);
  const [split, setSplit] = useState<Split>("unassigned");
  const commit = useCommitImport(projectId, job.id);
  const ids = { keep: useId(), split: useId(), keepError: useId() };
  const rejected = job.errorCount > 0;
  const n = Math.max(0, job.validCount - (skipDuplicates ? job.duplicateCount : 0));
  const keepError = commit.error && isApiError(commit.error) && commit.error.field === "keepValid" ? commit.error : null;
  const blocked =
    job.validCount === 0
      ? "No record of this file can be imported."
      : n === 0
        ? "Every valid record is a duplicate; untick Skip duplicates to import them anyway."
        : rejected && rejectedChoice === null
          ? `Choose what happens to the ${count(job.errorCount, "rejected record")} first.`
          : rejectedChoice === "fix"
            ? "Nothing is imported while you fix the file: discard this import and upload the fixed file."
            : null;

  return (
    <form
      className="commit-form"
      onSubmit={(e) => {
        e.preventDefault();
        commit.mutate({ keepValid, skipDuplicates, split, toolDecisions: decisions, toolChoices: choices });
      }}
    >
      <h4 className="block-title">Import</h4>
      <div className="commit-options">
        {rejected && job.validCount > 0 ? (
          <fieldset className="stack-tight rejected-choice" aria-describedby={keepError ? ids.keepError : undefined} data-testid="import-rejected-choice">
            <legend className="small">
              {count(job.errorCount, "record is", "records are")} rejected. What should happen to {job.errorCount === 1 ? "it" : "them"}?
            </legend>
            <label className="check">
              <input
                type="radio"
                name={ids.keep}
                checked={rejectedChoice === "skip"}
                onChange={() => {
                  setRejectedChoice("skip");
                  commit.reset();
                }}
                data-testid="import-keep-valid"
              />
              Leave {job.errorCount === 1 ? "it" : "them"} out and import the {formatCount(job.validCount)} valid ones
            </label>
            <label className="check">
              <input
                type="radio"
                name={ids.keep}
                checked={rejectedChoice === "fix"}
                onChange={() => {
                  setRejectedChoice("fix");
                  commit.reset();
                }}
                data-testid="import-fix-first"
              />
              Fix the file first (download the rejected lines above), then upload it again
            </label>
            {keepError ? (
              <span id={ids.keepError} className="field-error" role="alert">
                {keepError.message}
              </span>
            ) : null}
          </fieldset>
        ) : (
          <p className="hint">{job.validCount === 0 ? "Every record is rejected." : "Every record is valid."}</p>
        )}
        <div className="stack-tight">
          <label className="check">
            <input
              type="checkbox"
              checked={skipDuplicates}
              onChange={(e) => setSkipDuplicates(e.target.checked)}
              data-testid="import-skip-duplicates"
            />
            Skip duplicates
          </label>
          <span className="hint">
            {job.duplicateCount > 0 ? `${count(job.duplicateCount, "duplicate")} found.` : "No duplicates found."}
          </span>
        </div>
        <div className="field narrow-field">
          <label htmlFor={ids.split}>Put them in split</label>
          <select id={ids.split} value={split} onChange={(e) => setSplit(e.target.value as Split)} data-testid="import-split">
            {SPLITS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <span className="hint">{SPLIT_HINT[split]}</span>
        </div>
      </div>
      {commit.isError && !keepError ? <ErrorNote error={commit.error} title="Could not start the import" /> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={blocked !== null || commit.isPending} data-testid="import-commit">
          {commit.isPending ? "Starting…" : `Import ${count(n, "example")}`}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDiscard} disabled={commit.isPending}>
          Discard
        </button>
        {blocked ? (
          <span className={rejected && job.validCount > 0 && rejectedChoice !== "skip" ? "hint" : "field-error"} data-testid="import-blocked">
            {blocked}
          </span>
        ) : null}
      </div>
    </form>
  );
}
