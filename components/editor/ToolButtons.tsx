"use client";

import type { Decision } from "@/lib/schemas/example";
import { useEditor } from "./editor-context";

/** The target's choice as one row of buttons: tools numbered 1..9 in catalogue order, then no_tool (0). */
export function ToolButtons({
  decision,
  onPickTool,
  onNoTool,
}: {
  decision: Decision;
  onPickTool: (index: number) => void;
  onNoTool: () => void;
}) {
  const { activeTools } = useEditor();
  const chosen = new Set(decision.kind === "tool_calls" ? decision.calls.map((c) => c.name) : []);
  return (
    <div className="tool-buttons" role="group" aria-label="Choose what the assistant does">
      {activeTools.length === 0 ? <span className="muted small">No active tools: add some in the Catalogue.</span> : null}
      {activeTools.map((t, i) => (
        <button
          key={t.id}
          type="button"
          className={`tool-btn${chosen.has(t.name) ? " is-on" : ""}`}
          aria-pressed={chosen.has(t.name)}
          onClick={() => onPickTool(i)}
          title={t.description || t.name}
          data-testid={`tool-button-${t.name}`}
        >
          {i < 9 ? <kbd>{i + 1}</kbd> : null}
          <span className="mono">{t.name}</span>
        </button>
      ))}
      {activeTools.length > 9 ? (
        <span className="muted small" title="Press t or / to find any tool by name">
          <kbd>t</kbd> finds tool 10 and on
        </span>
      ) : null}
      <button
        type="button"
        className={`tool-btn tool-btn-notool${decision.kind === "no_tool" ? " is-on" : ""}`}
        aria-pressed={decision.kind === "no_tool"}
        onClick={onNoTool}
        title="No tool fits, or a required argument is missing"
        data-testid="no-tool-button"
      >
        <kbd>0</kbd>
        <span className="mono">no_tool</span>
      </button>
    </div>
  );
}
