"use client";

import { applyInput, argumentToInput, inputToArgument, type ArgField } from "@/lib/forms/arguments-form";
import { setCallArguments } from "@/lib/forms/example-draft";
import { issuesAt } from "@/lib/validation/example";
import { domIds, useEditor } from "./editor-context";
import { FieldIssues } from "./FieldIssues";

interface Props {
  index: number;
  callIndex: number;
  field: ArgField;
  value: unknown;
  testId?: string;
}

/** One argument: the input its type calls for, its hint, and its issues right below it. */
export function ArgumentInput({ index, callIndex: j, field, value, testId }: Props) {
  const ed = useEditor();
  const path = `messages.${index}.calls.${j}.arguments.${field.name}`;
  const typed = ed.argTexts[path];
  const text = typed ?? argumentToInput(field, value);
  const local = typed !== undefined ? inputToArgument(field, typed) : null;
  const localError = local && "error" in local ? local.error : null;
  const issues = issuesAt(ed.issues, path);
  const id = domIds.arg(index, j, field.name);
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const invalid = localError !== null || issues.length > 0;

  function change(input: string) {
    ed.setArgText(path, input);
    ed.updateDecision(index, (d) =>
      d.kind === "tool_calls" && d.calls[j] ? setCallArguments(d, j, applyInput(d.calls[j].arguments, field, input).args) : d,
    );
  }

  const common = {
    id,
    "data-arg-input": true,
    "data-path": path,
    "data-testid": testId,
    "aria-invalid": invalid || undefined,
    "aria-describedby": [field.description ? hintId : "", invalid ? errId : ""].filter(Boolean).join(" ") || undefined,
    "aria-required": field.required || undefined,
  };

  return (
    <div className={`arg-row${invalid ? " has-issue" : ""}`}>
      <label className="arg-label" htmlFor={id}>
        <code>{field.name}</code>
        {field.required ? (
          <span className="req" title="required">
            *
          </span>
        ) : null}
        <span className="type-label">{field.typeLabel}</span>
      </label>
      <div className="arg-input-cell">
        {field.kind === "enum" || field.kind === "boolean" ? (
          <select {...common} value={text} onChange={(e) => change(e.target.value)}>
            <option value="">— unset —</option>
            {options(field).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
            {text !== "" && !options(field).some(([v]) => v === text) ? <option value={text}>{text} (not allowed)</option> : null}
          </select>
        ) : field.kind === "json" ? (
          <textarea
            {...common}
            className="mono"
            rows={Math.min(6, Math.max(1, text.split("\n").length))}
            value={text}
            spellCheck={false}
            onChange={(e) => change(e.target.value)}
            placeholder={field.typeLabel}
          />
        ) : (
          <input
            {...common}
            type="text"
            inputMode={field.kind === "number" ? "decimal" : field.kind === "integer" ? "numeric" : undefined}
            className={field.kind === "string" ? undefined : "mono"}
            value={text}
            onChange={(e) => change(e.target.value)}
            autoComplete="off"
          />
        )}
        {field.description ? (
          <p className="hint" id={hintId}>
            {field.description}
          </p>
        ) : null}
        <FieldIssues id={errId} issues={issues} local={localError} />
      </div>
    </div>
  );
}

function options(field: ArgField): [string, string][] {
  if (field.kind === "boolean")
    return [
      ["true", "true"],
      ["false", "false"],
    ];
  return field.enumValues.map((v) => [JSON.stringify(v), typeof v === "string" ? v : JSON.stringify(v)]);
}
