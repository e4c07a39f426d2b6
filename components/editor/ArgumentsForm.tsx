"use client";

import { extraArguments } from "@/lib/forms/arguments-form";
import type { ToolCall } from "@/lib/schemas/example";
import { issuesAt } from "@/lib/validation/example";
import { ArgumentInput } from "./ArgumentInput";
import { useEditor } from "./editor-context";
import { FieldIssues } from "./FieldIssues";

/** The arguments of one call as a form generated from the tool's schema, plus any arguments it does not know. */
export function ArgumentsForm({
  index,
  callIndex: j,
  call,
  testIds,
}: {
  index: number;
  callIndex: number;
  call: ToolCall;
  testIds: boolean;
}) {
  const ed = useEditor();
  const fields = ed.fieldsOf(call.name);
  const extras = extraArguments(fields, call.arguments);
  const prefix = `messages.${index}.calls.${j}.arguments`;
  // Issues on the arguments object itself (an unusable schema) or on nested paths no field shows.
  const shown = new Set(fields.map((f) => `${prefix}.${f.name}`));
  const loose = issuesAt(ed.issues, prefix).filter(
    (i) => ![...shown].some((p) => i.path === p || i.path.startsWith(p + ".")) && !extras.some((x) => i.path === `${prefix}.${x}`),
  );

  function removeExtra(name: string) {
    ed.updateDecision(index, (d) => {
      if (d.kind !== "tool_calls") return d;
      const calls = d.calls.map((c, k) => {
        if (k !== j) return c;
        const { [name]: _drop, ...rest } = c.arguments;
        return { ...c, arguments: rest };
      });
      return { kind: "tool_calls", calls };
    });
  }

  return (
    <div className="args-form">
      {fields.length === 0 && extras.length === 0 ? <p className="muted small">{call.name} takes no arguments.</p> : null}
      {fields.map((f) => (
        <ArgumentInput
          key={f.name}
          index={index}
          callIndex={j}
          field={f}
          value={call.arguments[f.name]}
          testId={testIds ? (j === 0 ? `arg-${f.name}` : `arg-${j}-${f.name}`) : undefined}
        />
      ))}
      {extras.map((name) => (
        <div key={name} className="arg-row arg-extra">
          <span className="arg-label">
            <code>{name}</code> <span className="badge badge-danger">not in schema</span>
          </span>
          <span className="arg-input-cell">
            <code className="small">{JSON.stringify(call.arguments[name])}</code>{" "}
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => removeExtra(name)}>
              Remove
            </button>
            <FieldIssues issues={issuesAt(ed.issues, `${prefix}.${name}`)} />
          </span>
        </div>
      ))}
      <FieldIssues issues={loose} />
    </div>
  );
}
