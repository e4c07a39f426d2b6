"use client";

import { REVIEW_STATES, SPLITS, type ReviewState, type Split } from "@/lib/schemas/common";
import type { ExampleDto } from "@/lib/schemas/example";
import { target } from "@/lib/forms/example-draft";
import Link from "next/link";
import { useEditor } from "./editor-context";
import type { ExampleDraft } from "./use-example-draft";

/** Review state, split and tags. Review state is automatic unless the user picks one. */
export function MetaFields({ draft, base }: { draft: ExampleDraft; base: ExampleDto | null }) {
  const { messages, issues, projectId } = useEditor();
  const unlabelled = target(messages)?.decision.kind !== "tool_calls" && target(messages)?.decision.kind !== "no_tool";
  const shown: ReviewState = draft.reviewChoice ?? base?.reviewState ?? "draft";
  const auto = draft.reviewChoice === null;

  return (
    <div className="meta stack">
      {base?.origin ? <OriginNote projectId={projectId} origin={base.origin} /> : null}
      <fieldset className="field">
        <legend>Review state</legend>
        <div className="segmented" role="radiogroup" aria-label="Review state">
          {REVIEW_STATES.map((s) => {
            const blocked = unlabelled && s !== "draft";
            return (
              <label key={s} className={`seg${shown === s ? " is-on" : ""}${blocked ? " is-disabled" : ""}`}>
                <input
                  type="radio"
                  name="review"
                  value={s}
                  checked={shown === s}
                  disabled={blocked}
                  onChange={() => draft.setReviewChoice(s)}
                  data-testid={`review-${s}`}
                />
                {s}
              </label>
            );
          })}
        </div>
        <p className="hint">
          {auto ? (
            <>Automatic: a draft becomes labelled when saved with a valid label. </>
          ) : (
            <button type="button" className="link-button" onClick={() => draft.setReviewChoice(null)}>
              back to automatic
            </button>
          )}
          {issues.length > 0 && shown !== "draft" ? " Invalid targets are saved as draft." : ""}
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor="ex-split">Split</label>
        <select id="ex-split" value={draft.split} onChange={(e) => draft.setSplit(e.target.value as Split)} data-testid="split-select">
          {SPLITS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ex-tags">Tags</label>
        <input
          id="ex-tags"
          value={draft.tagsText}
          onChange={(e) => draft.setTagsText(e.target.value)}
          placeholder="comma, separated"
          autoComplete="off"
        />
      </div>
    </div>
  );
}

/** "From eval X, example #n (false tool call)": an example added from an eval report's failures. */
function OriginNote({ projectId, origin }: { projectId: string; origin: NonNullable<ExampleDto["origin"]> }) {
  const name = origin.evalName ?? "a deleted eval";
  const example = origin.exampleNumber !== null ? `, example #${origin.exampleNumber.toLocaleString("en-US")}` : "";
  const verdict = origin.verdict ? ` (${origin.verdict.replace(/_/g, " ")})` : "";
  return (
    <p className="small muted" data-testid="example-origin">
      From eval{" "}
      {origin.evalName ? (
        <Link href={`/projects/${encodeURIComponent(projectId)}/evals/${encodeURIComponent(origin.evalId)}`}>{name}</Link>
      ) : (
        name
      )}
      {example}
      {verdict}: the gold decision of a failure.
    </p>
  );
}
