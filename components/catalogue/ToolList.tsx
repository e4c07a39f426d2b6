"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toolSignature } from "@/lib/prompt";
import { catalogueImpactQuery } from "@/lib/queries/catalogue";
import { useReorderTools, useUpdateTool, type ToolSaveResult } from "@/lib/queries/tools";
import type { CatalogueImpactDto, ToolDto } from "@/lib/schemas/tool";
import { count } from "@/components/imports/labels";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { impactSentence } from "./ImpactNote";

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
  const qc = useQueryClient();
  const [checking, setChecking] = useState(false);
  const [impactError, setImpactError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<{ tool: ToolDto; impact: CatalogueImpactDto } | null>(null);
  const busy = reorder.isPending || update.isPending || checking;

  function move(index: number, delta: -1 | 1) {
    const order = tools.map((t) => t.id);
    const j = index + delta;
    if (j < 0 || j >= order.length) return;
    [order[index], order[j]] = [order[j], order[index]];
    reorder.mutate(order);
  }

  function setArchived(t: ToolDto) {
    setConfirming(null);
    update.mutate({ toolId: t.id, patch: { archived: !t.archived } }, { onSuccess: (res) => onChanged(res, t.archived ? "restored" : "archived") });
  }

  // Archiving flags every example that calls the tool: like a save, it asks first when that is any.
  async function toggleArchived(t: ToolDto) {
    if (t.archived) return setArchived(t);
    setChecking(true);
    setImpactError(null);
    try {
      const impact = await qc.fetchQuery(catalogueImpactQuery(projectId, { kind: "update", toolId: t.id, patch: { archived: true } }));
      if (impact.newlyInvalid > 0) setConfirming({ tool: t, impact });
      else setArchived(t);
    } catch (e) {
      setImpactError(e);
    } finally {
      setChecking(false);
    }
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
      {impactError ? <ErrorNote error={impactError} title="Could not check what archiving would do" /> : null}
      {confirming ? (
        <ConfirmDialog
          title={`Archive ${confirming.tool.name} and invalidate ${count(confirming.impact.newlyInvalid, "example")}?`}
          confirmLabel="Archive anyway"
          onConfirm={() => setArchived(confirming.tool)}
          onCancel={() => setConfirming(null)}
        >
          <p>{impactSentence(confirming.impact, "Archiving")}</p>
          <p className="muted">Labels cannot use an archived tool; its examples stay, flagged, until relabelled or the tool is restored.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
