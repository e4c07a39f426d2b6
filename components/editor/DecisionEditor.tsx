"use client";

import { addCall, chooseTool, markNoTool, removeCall } from "@/lib/forms/example-draft";
import { carryArguments } from "@/lib/forms/arguments-form";
import { issuesAt } from "@/lib/validation/example";
import type { Decision } from "@/lib/schemas/example";
import { CallEditor } from "./CallEditor";
import { useEditor } from "./editor-context";
import { FieldIssues } from "./FieldIssues";
import { NoToolReason } from "./NoToolReason";
import { ToolButtons } from "./ToolButtons";

interface Props {
  index: number;
  variant: "target" | "history";
  onPickTool?: (toolIndex: number, call?: number) => void;
  onNoTool?: () => void;
}

/** An assistant decision: tool calls with their arguments, or no_tool with a reason. */
export function DecisionEditor({ index, variant, onPickTool, onNoTool }: Props) {
  const ed = useEditor();
  const d = useDecision(index);
  const compact = variant === "history";
  const firstTool = ed.activeTools[0]?.name ?? "";

  function setKind(value: string) {
    if (value === "__no_tool") ed.updateDecision(index, markNoTool, true);
    else if (value === "__unlabelled") ed.updateDecision(index, () => ({ kind: "unlabelled" }), true);
    else ed.updateDecision(index, (x) => chooseTool(x, 0, value, (a) => carryArguments(ed.fieldsOf(value), a)), true);
  }

  return (
    <div className={`decision${compact ? " decision-compact" : ""}`}>
      {compact ? (
        <select
          aria-label={`Turn ${index + 1}: assistant decision`}
          value={d.kind === "no_tool" ? "__no_tool" : d.kind === "unlabelled" ? "__unlabelled" : (d.calls[0]?.name ?? "")}
          onChange={(e) => setKind(e.target.value)}
        >
          <option value="__no_tool">no_tool / text reply</option>
          <option value="__unlabelled">unlabelled</option>
          {ed.activeTools.map((t) => (
            <option key={t.id} value={t.name}>
              call {t.name}
            </option>
          ))}
          {d.kind === "tool_calls" && d.calls[0] && !ed.activeTools.some((t) => t.name === d.calls[0].name) ? (
            <option value={d.calls[0].name}>{d.calls[0].name || "(no tool)"} (not active)</option>
          ) : null}
        </select>
      ) : (
        <ToolButtons decision={d} onPickTool={(i) => onPickTool?.(i, 0)} onNoTool={() => onNoTool?.()} />
      )}

      {d.kind === "tool_calls" ? (
        <div className="calls">
          {d.calls.map((c, j) => (
            <CallEditor
              key={j}
              index={index}
              callIndex={j}
              call={c}
              compact={compact}
              canRemove={d.calls.length > 1 || !compact}
              onRemove={() => ed.updateDecision(index, (x) => removeCall(x, j), true)}
            />
          ))}
          <FieldIssues issues={issuesAt(ed.issues, `messages.${index}.calls`).filter((i) => i.path === `messages.${index}.calls`)} />
          {!compact ? (
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={() => ed.updateDecision(index, (x) => addCall(x, firstTool), true)}
              disabled={!firstTool}
              title={
                ed.parallelToolCalls
                  ? "Add another call made at the same time"
                  : "Parallel calls are off for this project (Settings); the example will be flagged"
              }
              data-testid="add-parallel-call"
            >
              + Add parallel call{ed.parallelToolCalls ? "" : " (parallel calls are off)"}
            </button>
          ) : null}
        </div>
      ) : d.kind === "no_tool" ? (
        <NoToolReason index={index} reason={d.reason} compact={compact} />
      ) : !compact ? (
        <p className="muted pad">
          Not labelled yet. Choose a tool (<kbd>Alt+1</kbd>…) or <kbd>Alt+0</kbd> for no_tool.
        </p>
      ) : null}
    </div>
  );
}

function useDecision(index: number): Decision {
  const m = useEditor().messages[index];
  return m?.role === "assistant" ? m.decision : { kind: "unlabelled" };
}
