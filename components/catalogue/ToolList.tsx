"use client";

import { toolSignature } from "@/lib/prompt";
import { useReorderTools, useUpdateTool, type ToolSaveResult } from "@/lib/queries/tools";
import type { ToolDto } from "@/lib/schemas/tool";
import { ErrorNote } from "@/components/ui/ErrorNote";

interface Props {
  projectId: string;
  tools: ToolDto[];
  selectedId: string | null;
  onSelect: (toolId: string) => void;
  onChanged: (res: ToolSaveResult, action: string) => void;
}

export function ToolList({ projectId, tools, selectedId, onSelect, onChanged }: Props) {
  const reorder = useReorderTools(projectId);
  const update = useUpdateTool(projectId);
  const busy = reorder.isPending || update.isPending;

  function move(index: number, delta: -1 | 1) {
    const order = tools.map((t) => t.id);
    const j = index + delta;
    if (j < 0 || j >= order.length) return;
    [order[index], order[j]] = [order[j], order[index]];
    reorder.mutate(order);
  }

  function toggleArchived(t: ToolDto) {
    update.mutate({ toolId: t.id, patch: { archived: !t.archived } }, { onSuccess: (res) => onChanged(res, t.archived ? "restored" : "archived") });
  }

  if (tools.length === 0) return <p className="muted pad">No tools yet. Add the first one; the examples editor numbers them 1–9 in this order.</p>;

  let active = 0;
  return (
    <>
      <ol className="tool-list">
        {tools.map((t, i) => {
          const key = t.archived ? null : ++active;
          return (
            <li key={t.id} className={`tool-item${t.id === selectedId ? " is-selected" : ""}${t.archived ? " is-archived" : ""}`}>
              <span className="tool-key" title={key && key <= 9 ? `Alt+${key} in the example editor` : undefined}>
                {key && key <= 9 ? key : ""}
              </span>
              <button type="button" className="tool-item-main" onClick={() => onSelect(t.id)} aria-current={t.id === selectedId ? "true" : undefined}>
                <span className="tool-name">
                  {t.name}
                  {t.archived ? <span className="badge badge-muted">archived</span> : null}
                </span>
                <code className="tool-sig">{toolSignature(t)}</code>
              </button>
              <span className="tool-item-actions">
                <button type="button" className="btn btn-icon" onClick={() => move(i, -1)} disabled={busy || i === 0} aria-label={`Move ${t.name} up`}>
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-icon"
                  onClick={() => move(i, 1)}
                  disabled={busy || i === tools.length - 1}
                  aria-label={`Move ${t.name} down`}
                >
                  ↓
                </button>
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => toggleArchived(t)} disabled={busy}>
                  {t.archived ? "Unarchive" : "Archive"}
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {reorder.isError ? <ErrorNote error={reorder.error} title="Could not reorder" /> : null}
      {update.isError ? <ErrorNote error={update.error} title="Could not change the tool" /> : null}
    </>
  );
}
