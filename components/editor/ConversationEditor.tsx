"use client";

import { useEffect, useRef } from "react";
import { addHistoryTurn, historyLength, removeAt, requestIndex, targetIndex } from "@/lib/forms/example-draft";
import { turnKinds } from "@/lib/decision-roles";
import { issuesAt } from "@/lib/validation/example";
import { LIMITS } from "@/lib/schemas/common";
import { domIds, useEditor } from "./editor-context";
import { DecisionEditor } from "./DecisionEditor";
import { FieldIssues } from "./FieldIssues";
import { HistoryTurn } from "./HistoryTurn";
import { TurnKindBadge } from "./TurnKindBadge";
import type { ExampleDraft } from "./use-example-draft";

/** Earlier turns, the user request, and the target decision, top to bottom as the model reads them. */
interface Props {
  draft: ExampleDraft;
  /** A new example starts in the request box; a saved one starts on the target, so plain keys (1…9, j, k) work at once. */
  isNew: boolean;
  onPickTool: (index: number, call?: number) => void;
  onNoTool: () => void;
}

export function ConversationEditor({ draft, isNew, onPickTool, onNoTool }: Props) {
  const { issues } = useEditor();
  const targetRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!isNew) targetRef.current?.focus({ preventScroll: true });
  }, [isNew]);
  const ms = draft.messages;
  const h = historyLength(ms);
  const r = requestIndex(ms);
  const t = targetIndex(ms);
  const request = r >= 0 ? ms[r] : null;
  const kinds = turnKinds(ms);

  return (
    <div className="conversation">
      <section className="panel history" aria-labelledby="history-turns-title">
        <div className="panel-head">
          <h2 id="history-turns-title" className="panel-title">
            Earlier turns {h > 0 ? <span className="muted">({h})</span> : null}
          </h2>
          <span className="row">
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => draft.setAllMessages(addHistoryTurn(ms, "user"))}>
              + User turn
            </button>
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => draft.setAllMessages(addHistoryTurn(ms, "assistant"))}>
              + Assistant turn
            </button>
          </span>
        </div>
        {h === 0 ? <p className="muted small">None: the request below opens the conversation.</p> : null}
        {ms.slice(0, h).map((m, i) => (
          <HistoryTurn
            key={i}
            index={i}
            message={m}
            kind={kinds[i]}
            onChange={(next) => draft.setMessage(i, next)}
            onRemove={() => draft.setAllMessages(removeAt(ms, i))}
          />
        ))}
      </section>

      {request && request.role === "user" ? (
        <section className="panel request" aria-labelledby="request-label">
          <label id="request-label" htmlFor={domIds.request} className="panel-title">
            User request
          </label>
          <textarea
            id={domIds.request}
            className="request-input"
            data-testid="request-input"
            data-path={`messages.${r}`}
            autoFocus={isNew}
            rows={3}
            maxLength={LIMITS.messageContent}
            value={request.content}
            onChange={(e) => draft.setMessage(r, { role: "user", content: e.target.value })}
            placeholder="What the user asks, exactly as they would type it…"
          />
          <FieldIssues issues={issuesAt(issues, `messages.${r}`)} />
        </section>
      ) : (
        <p className="note">The target follows a {ms[t - 1]?.role ?? "missing"} turn, not a user request.</p>
      )}

      <section className="panel target" aria-labelledby="target-title" data-target ref={targetRef} tabIndex={-1}>
        <h2 id="target-title" className="panel-title">
          Target: what the assistant should do {kinds[t] ? <TurnKindBadge kind={kinds[t]} /> : null}
        </h2>
        <DecisionEditor index={t} variant="target" onPickTool={onPickTool} onNoTool={onNoTool} />
      </section>
    </div>
  );
}
