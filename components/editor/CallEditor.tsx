"use client";

import { chooseTool, setCallArguments } from "@/lib/forms/example-draft";
import { carryArguments } from "@/lib/forms/arguments-form";
import { parseJsonText, prettyJson } from "@/lib/forms/json-text";
import type { ToolCall } from "@/lib/schemas/example";
import { issuesAt } from "@/lib/validation/example";
import { ArgumentsForm } from "./ArgumentsForm";
import { domIds, useEditor } from "./editor-context";
import { FieldIssues } from "./FieldIssues";

interface Props {
  index: number;
  callIndex: number;
  call: ToolCall;
  compact: boolean;
  canRemove: boolean;
  onRemove: () => void;
}

/** One tool call: which tool, then its arguments as a form or as raw JSON. */
export function CallEditor({ index, callIndex: j, call, compact, canRemove, onRemove }: Props) {
  const ed = useEditor();
  const rawKey = `${index}.${j}`;
  const raw = ed.rawArgs[rawKey];
  const parsed = raw !== undefined ? parseJsonText(raw) : null;
  const rawError =
    parsed && !parsed.ok
      ? `Line ${parsed.error.line}, column ${parsed.error.column}: ${parsed.error.message}`
      : parsed?.ok && !isPlainObject(parsed.value)
        ? "Arguments must be a JSON object { … }."
        : null;
  const prefix = `messages.${index}.calls.${j}`;
  const tool = ed.toolByName.get(call.name);
  const isTarget = !compact;
  const showPicker = j > 0;

  function typeRaw(text: string) {
    ed.setRawArgs(rawKey, text);
    const p = parseJsonText(text);
    if (p.ok && isPlainObject(p.value)) ed.updateDecision(index, (d) => setCallArguments(d, j, p.value as Record<string, unknown>));
  }

  function toggleRaw() {
    if (raw === undefined) ed.setRawArgs(rawKey, prettyJson(call.arguments));
    else if (!rawError) {
      ed.setRawArgs(rawKey, null);
      ed.clearArgTexts(`${prefix}.`);
    }
  }

  return (
    <div className="call-card" id={domIds.call(index, j)} data-call-index={j}>
      <div className="call-head">
        {showPicker ? (
          <select
            aria-label={`Tool for call ${j + 1}`}
            value={call.name}
            onChange={(e) =>
              ed.updateDecision(index, (d) => chooseTool(d, j, e.target.value, (a) => carryArguments(ed.fieldsOf(e.target.value), a)), true)
            }
          >
            {!tool ? <option value={call.name}>{call.name || "choose a tool"}</option> : null}
            {ed.activeTools.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="call-name mono">{call.name || "(no tool)"}</span>
        )}
        {isTarget && tool?.description ? (
          <span className="call-desc muted small clamp-1" title={tool.description}>
            {tool.description}
          </span>
        ) : (
          <span className="grow" />
        )}
        <button
          type="button"
          className={`btn btn-sm btn-ghost${raw !== undefined ? " is-on" : ""}`}
          onClick={toggleRaw}
          aria-pressed={raw !== undefined}
          disabled={raw !== undefined && rawError !== null}
          title={raw !== undefined && rawError ? "Fix the JSON to go back to the form" : undefined}
        >
          {raw !== undefined ? "Form" : "Raw JSON"}
        </button>
        {canRemove ? (
          <button type="button" className="btn btn-icon" onClick={onRemove} aria-label={`Remove call ${j + 1} (${call.name})`}>
            ✕
          </button>
        ) : null}
      </div>
      <FieldIssues issues={issuesAt(ed.issues, `${prefix}.name`)} />
      {raw !== undefined ? (
        <div className="field">
          <label htmlFor={`raw-${rawKey}`} className="sr-only">
            Arguments of {call.name} as JSON
          </label>
          <textarea
            id={`raw-${rawKey}`}
            data-arg-input
            data-testid={isTarget && j === 0 ? "raw-args" : undefined}
            className="mono code-area"
            rows={Math.min(16, Math.max(3, raw.split("\n").length + 1))}
            value={raw}
            spellCheck={false}
            onChange={(e) => typeRaw(e.target.value)}
            aria-invalid={rawError ? true : undefined}
          />
          {rawError ? <p className="field-error">{rawError} — the last valid arguments are kept until this parses.</p> : null}
          <FieldIssues issues={issuesAt(ed.issues, `${prefix}.arguments`)} />
        </div>
      ) : tool ? (
        <ArgumentsForm index={index} callIndex={j} call={call} testIds={isTarget} />
      ) : null}
    </div>
  );
}

function isPlainObject(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
