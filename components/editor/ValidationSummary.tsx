"use client";

import { issueLabel } from "@/lib/forms/example-draft";
import type { Issue } from "@/lib/schemas/common";
import type { Message } from "@/lib/schemas/example";
import { useEditor } from "./editor-context";

/** Every live issue with where it is; clicking one puts the cursor in that field. */
export function ValidationSummary({
  messages,
  rawErrors,
  serverIssues,
}: {
  messages: Message[];
  rawErrors: { key: string; message: string }[];
  serverIssues: Issue[];
}) {
  const { issues } = useEditor();
  const count = issues.length + rawErrors.length;

  function focus(path: string) {
    // The field itself, or the closest thing that has a data-path at the start of this one.
    const all = Array.from(document.querySelectorAll<HTMLElement>("[data-path]"));
    const el = all.find((e) => e.dataset.path === path) ?? all.find((e) => path.startsWith(e.dataset.path + "."));
    el?.focus();
  }

  return (
    <section
      className={`validation ${count ? "has-issues" : "is-valid"}`}
      data-testid="validation-summary"
      data-issue-count={count}
      aria-live="polite"
    >
      <h2 className="panel-title">{count === 0 ? "✓ Valid" : `${count} issue${count === 1 ? "" : "s"}`}</h2>
      {count === 0 ? (
        <p className="muted small">Checked against the active catalogue as you type.</p>
      ) : (
        <>
          <ul className="issue-list">
            {rawErrors.map((e) => (
              <li key={e.key}>
                <span className="issue-where">Raw JSON of call {Number(e.key.split(".")[1]) + 1}</span> {e.message}
              </li>
            ))}
            {issues.map((i, n) => (
              <li key={n}>
                <button type="button" className="link-button issue-where" onClick={() => focus(i.path)}>
                  {issueLabel(i.path, messages)}
                </button>{" "}
                {i.message}
              </li>
            ))}
          </ul>
          <p className="hint">You can still save: it is kept as a draft and flagged invalid until fixed.</p>
        </>
      )}
      {serverIssues.length > 0 && issues.length === 0 ? (
        <div className="note small">
          The server flagged the saved version (checked against catalogue it had then):
          <ul>
            {serverIssues.map((i, n) => (
              <li key={n}>
                {issueLabel(i.path, messages)}: {i.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
