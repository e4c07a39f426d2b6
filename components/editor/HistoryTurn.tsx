"use client";

import { LIMITS } from "@/lib/schemas/common";
import type { Message } from "@/lib/schemas/example";
import type { TurnKind } from "@/lib/decision-roles";
import { issuesAt } from "@/lib/validation/example";
import { useEditor } from "./editor-context";
import { DecisionEditor } from "./DecisionEditor";
import { TurnKindBadge } from "./TurnKindBadge";
import { FieldIssues } from "./FieldIssues";

/** One earlier turn: a user message, an assistant decision (compact), or a tool result. */
export function HistoryTurn({
  index,
  message,
  kind,
  onChange,
  onRemove,
}: {
  index: number;
  message: Message;
  kind: TurnKind | null;
  onChange: (m: Message) => void;
  onRemove: () => void;
}) {
  const { issues } = useEditor();
  const id = `turn-${index}`;
  return (
    <div className={`turn turn-${message.role}`}>
      <div className="turn-head">
        <span className="turn-role">{message.role === "tool" ? "tool result" : message.role}</span>
        {kind ? <TurnKindBadge kind={kind} /> : null}
        {message.role === "assistant" ? (
          <label
            className="check small"
            title="Whether the model is trained on this turn too (weight 1) or only sees it as context (weight 0)"
          >
            <input
              type="checkbox"
              checked={message.weight !== 0}
              onChange={(e) => onChange({ ...message, weight: e.target.checked ? 1 : 0 })}
            />
            train on this turn
          </label>
        ) : null}
        <span className="grow" />
        <button type="button" className="btn btn-icon" onClick={onRemove} aria-label={`Remove turn ${index + 1} (${message.role})`}>
          ✕
        </button>
      </div>
      {message.role === "user" ? (
        <textarea
          id={id}
          aria-label={`Turn ${index + 1}: user message`}
          rows={2}
          maxLength={LIMITS.messageContent}
          value={message.content}
          onChange={(e) => onChange({ role: "user", content: e.target.value })}
          placeholder="What the user said earlier"
        />
      ) : message.role === "assistant" ? (
        <>
          <DecisionEditor index={index} variant="history" />
          <textarea
            aria-label={`Turn ${index + 1}: assistant reply text`}
            rows={2}
            maxLength={LIMITS.messageContent}
            value={message.content ?? ""}
            onChange={(e) => onChange({ ...message, content: e.target.value })}
            placeholder="Reply text the user saw (optional)"
          />
        </>
      ) : (
        <div className="row row-top">
          <input
            aria-label={`Turn ${index + 1}: tool name`}
            className="mono narrow"
            value={message.name}
            onChange={(e) => onChange({ ...message, name: e.target.value })}
            placeholder="tool name"
          />
          <textarea
            aria-label={`Turn ${index + 1}: tool result`}
            className="mono grow"
            rows={2}
            value={message.content}
            onChange={(e) => onChange({ ...message, content: e.target.value })}
            placeholder="What the tool returned"
          />
        </div>
      )}
      <FieldIssues issues={issuesAt(issues, `messages.${index}`).filter((i) => !/\.(calls|reason)/.test(i.path))} />
    </div>
  );
}
