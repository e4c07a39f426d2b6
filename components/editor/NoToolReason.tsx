"use client";

import { LIMITS } from "@/lib/schemas/common";
import { NO_TOOL_REASONS } from "@/lib/schemas/example";
import { issuesAt } from "@/lib/validation/example";
import { domIds, useEditor } from "./editor-context";
import { FieldIssues } from "./FieldIssues";

/** Why no tool is called: quick picks for the common reasons, or free text. */
export function NoToolReason({ index, reason, compact }: { index: number; reason: string; compact: boolean }) {
  const ed = useEditor();
  const id = domIds.reason(index);
  const issues = issuesAt(ed.issues, `messages.${index}.reason`);
  const message = ed.messages[index];
  const showReply = !compact && ed.outputStyle === "native_tools" && message?.role === "assistant";

  function set(text: string) {
    ed.updateDecision(index, () => ({ kind: "no_tool", reason: text }));
  }

  function pick(text: string) {
    set(text);
    // "underspecified: need " wants the missing argument names typed after it: put the cursor there.
    requestAnimationFrame(() => {
      const el = document.getElementById(id) as HTMLInputElement | null;
      el?.focus();
      el?.setSelectionRange(text.length, text.length);
    });
  }

  return (
    <div className="notool">
      <div className="field">
        <label htmlFor={id} className={compact ? "sr-only" : undefined}>
          Reason{compact ? ` for turn ${index + 1}` : ""}
        </label>
        <input
          id={id}
          value={reason}
          maxLength={LIMITS.reason}
          onChange={(e) => set(e.target.value)}
          placeholder="e.g. greeting / small talk, or underspecified: need order_id"
          aria-invalid={issues.length > 0 || undefined}
          data-testid={compact ? undefined : "reason-input"}
          data-path={`messages.${index}.reason`}
          autoComplete="off"
        />
        <FieldIssues issues={issues} />
      </div>
      <div className="quick-picks" role="group" aria-label="Common reasons">
        {NO_TOOL_REASONS.map((r) => (
          <button key={r} type="button" className={`chip-btn${reason === r ? " is-on" : ""}`} onClick={() => pick(r)}>
            {r.trim()}
            {r.endsWith(" ") ? "…" : ""}
          </button>
        ))}
      </div>
      {showReply && message.role === "assistant" ? (
        <div className="field">
          <label htmlFor={`reply-${index}`}>Reply text (native tool style: what the assistant says instead)</label>
          <textarea
            id={`reply-${index}`}
            rows={2}
            maxLength={LIMITS.messageContent}
            value={message.content ?? ""}
            onChange={(e) => ed.setMessage(index, { ...message, content: e.target.value })}
            placeholder="e.g. Which order do you mean? Please give me the order number."
          />
        </div>
      ) : null}
      {!compact && !showReply && message?.role === "assistant" && (message.content ?? "").trim() !== "" ? (
        // A plain reply imported into a router_json project: the text is kept, the reason is what the model learns.
        <div className="field" data-testid="imported-reply">
          <span className="small muted">Imported reply (kept; in router style the model outputs the reason)</span>
          <blockquote className="small">{message.content}</blockquote>
        </div>
      ) : null}
    </div>
  );
}
