"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useCreateExample } from "@/lib/queries/examples";
import { activeTools, toolsQuery } from "@/lib/queries/tools";
import { draftFromAnswer, exampleFromDraft, type CallDraft, type TargetDraft } from "@/lib/forms/playground-example";
import { SPLITS, type Issue, type Split } from "@/lib/schemas/common";
import { NO_TOOL_REASONS } from "@/lib/schemas/example";
import type { PlaygroundAnswerDto } from "@/lib/schemas/evals";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { IssueList } from "@/components/ui/IssueList";

interface Props {
  projectId: string;
  /** The request that was sent (not what the box holds now). */
  request: string;
  answer: PlaygroundAnswerDto;
  /** A DOM id prefix unique on the page (one form per answer). */
  id: string;
  onClose: () => void;
}

/**
 * The answer as an example: the request as the user's turn, the model's answer as an editable
 * target (calls with JSON arguments, or no_tool with a reason), a split and tags; created through
 * POST /examples like the editor's, so it is validated against the catalogue and gets a revision.
 */
export function SaveAsExample({ projectId, request, answer, id, onClose }: Props) {
  const start = draftFromAnswer(answer);
  // Both halves are kept, so switching between a call and no_tool loses neither.
  const [kind, setKind] = useState<TargetDraft["kind"]>(start.draft.kind);
  const [calls, setCalls] = useState<CallDraft[]>(start.draft.kind === "tool_calls" ? start.draft.calls : []);
  const [reason, setReason] = useState(start.draft.kind === "no_tool" ? start.draft.reason : "");
  const [split, setSplit] = useState<Split>("unassigned");
  const [tagsText, setTagsText] = useState("playground");
  // After a first try, the problems follow every edit (and go once fixed).
  const [tried, setTried] = useState(false);
  const tools = useQuery(toolsQuery(projectId));
  const names = activeTools(tools.data ?? []).map((t) => t.name);
  const create = useCreateExample(projectId);
  const shownCalls = calls.length > 0 ? calls : [{ name: names[0] ?? "", argsText: "{}" }];
  const draft: TargetDraft = kind === "tool_calls" ? { kind, calls: shownCalls } : { kind, reason };
  const saved = create.data;

  const tags = tagsText.split(",").map((t) => t.trim()).filter(Boolean);
  const built = exampleFromDraft({ request, draft, split, tags });
  const issues: Issue[] = tried ? built.issues : [];

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (built.input && !create.isPending) create.mutate(built.input);
  }
  const setCall = (i: number, change: Partial<CallDraft>) => setCalls(shownCalls.map((c, j) => (j === i ? { ...c, ...change } : c)));

  if (saved) {
    const href = `/projects/${encodeURIComponent(projectId)}/examples/${encodeURIComponent(saved.id)}`;
    return (
      <div className="banner banner-ok save-example-done" role="status" data-testid="saved-example">
        <p>
          Saved as <Link href={href}>example #{saved.number.toLocaleString("en-US")}</Link> in {saved.split}
          {saved.issues.length > 0 ? `, with ${saved.issues.length} issue${saved.issues.length === 1 ? "" : "s"} to fix in the editor` : ""}.
        </p>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose}>
          Done
        </button>
      </div>
    );
  }

  return (
    <form className="stack save-example" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="save-example-form" noValidate>
      <h3 id={`${id}-title`} className="block-title">
        Save as example
      </h3>
      <p className="small">
        <span className="muted">User: </span>
        <span className="save-example-request">{request}</span>
      </p>
      {start.note ? <p className="muted small">{start.note}</p> : null}
      <fieldset className="field stack-tight">
        <legend>Target</legend>
        <div className="segmented" role="radiogroup" aria-label="Target kind">
          <label className={`seg${kind === "tool_calls" ? " is-on" : ""}`}>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === "tool_calls"}
              onChange={() => setKind("tool_calls")}
              data-testid="save-example-call-tool"
            />
            call a tool
          </label>
          <label className={`seg${kind === "no_tool" ? " is-on" : ""}`}>
            <input type="radio" name={`${id}-kind`} checked={kind === "no_tool"} onChange={() => setKind("no_tool")} data-testid="save-example-no-tool" />
            no_tool
          </label>
        </div>
        {kind === "tool_calls" ? (
          shownCalls.map((c, i) => (
            <div key={i} className="stack-tight save-example-call" data-testid="save-example-call">
              <div className="field">
                <label htmlFor={`${id}-tool-${i}`}>Tool{shownCalls.length > 1 ? ` (call ${i + 1})` : ""}</label>
                <select id={`${id}-tool-${i}`} value={c.name} onChange={(e) => setCall(i, { name: e.target.value })} data-testid="save-example-tool">
                  {c.name && !names.includes(c.name) ? <option value={c.name}>{c.name} (not in the catalogue)</option> : null}
                  {!c.name ? <option value="">Choose a tool</option> : null}
                  {names.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-args-${i}`}>Arguments (JSON)</label>
                <textarea
                  id={`${id}-args-${i}`}
                  className="mono"
                  rows={Math.min(10, c.argsText.split("\n").length + 1)}
                  value={c.argsText}
                  onChange={(e) => setCall(i, { argsText: e.target.value })}
                  spellCheck={false}
                  data-testid="save-example-args"
                />
              </div>
              {shownCalls.length > 1 ? (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost align-start"
                  onClick={() => setCalls(shownCalls.filter((_, j) => j !== i))}
                >
                  Remove call {i + 1}
                </button>
              ) : null}
            </div>
          ))
        ) : (
          <div className="field">
            <label htmlFor={`${id}-reason`}>Why no tool</label>
            <input
              id={`${id}-reason`}
              list={`${id}-reasons`}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              data-testid="save-example-reason"
            />
            <datalist id={`${id}-reasons`}>
              {NO_TOOL_REASONS.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </div>
        )}
        {kind === "tool_calls" ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost align-start"
            onClick={() => setCalls([...shownCalls, { name: names[0] ?? "", argsText: "{}" }])}
          >
            + Add parallel call
          </button>
        ) : null}
      </fieldset>
      <div className="row row-wrap">
        <div className="field">
          <label htmlFor={`${id}-split`}>Split</label>
          <select id={`${id}-split`} value={split} onChange={(e) => setSplit(e.target.value as Split)} data-testid="save-example-split">
            {SPLITS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-tags`}>Tags (comma-separated)</label>
          <input id={`${id}-tags`} value={tagsText} onChange={(e) => setTagsText(e.target.value)} data-testid="save-example-tags" />
        </div>
      </div>
      {issues.length > 0 ? (
        <div className="error-note" role="alert">
          <IssueList issues={issues} />
        </div>
      ) : null}
      {create.isError ? <ErrorNote error={create.error} title="The example was not saved" /> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary btn-sm" disabled={create.isPending} data-testid="save-example-submit">
          {create.isPending ? "Saving…" : "Save example"}
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
