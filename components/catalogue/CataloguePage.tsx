"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { toolsQuery, type ToolSaveResult } from "@/lib/queries/tools";
import { Loading, LoadError } from "@/components/ui/States";
import { HistoryPanel } from "./HistoryPanel";
import { McpImportDialog } from "./McpImportDialog";
import { PromptPanel } from "./PromptPanel";
import { SaveResultNote, type SaveOutcome } from "./SaveResultNote";
import { ToolEditor } from "./ToolEditor";
import { ToolList } from "./ToolList";
import { useCan } from "@/lib/client/auth";

type Editing = { kind: "new" } | { kind: "edit"; toolId: string } | null;

export function CataloguePage({ projectId }: { projectId: string }) {
  const tools = useQuery(toolsQuery(projectId));
  const canEdit = useCan("catalogue.write");
  const [editing, setEditing] = useState<Editing>(null);
  const [result, setResult] = useState<{ subject: string; res: SaveOutcome } | null>(null);
  const [importing, setImporting] = useState(false);

  const list = tools.data ? [...tools.data].sort((a, b) => a.position - b.position) : [];
  const editingTool = editing?.kind === "edit" ? list.find((t) => t.id === editing.toolId) : undefined;

  function saved(res: ToolSaveResult, action: string) {
    setResult({ subject: `${res.tool.name} ${action}`, res });
    setEditing({ kind: "edit", toolId: res.tool.id });
  }

  return (
    <div className="page catalogue-page">
      <h1 className="sr-only">Catalogue</h1>
      <div className="catalogue-main">
        <section className="panel tool-list-panel" aria-labelledby="tools-title">
          <div className="panel-head">
            <h2 id="tools-title" className="panel-title">
              Tools
            </h2>
            {canEdit ? (
              <div className="row">
                <button type="button" className="btn btn-sm" onClick={() => setImporting(true)}>
                  Import from MCP
                </button>
                <button type="button" className="btn btn-primary btn-sm" onClick={() => setEditing({ kind: "new" })}>
                  + Add tool
                </button>
              </div>
            ) : null}
          </div>
          {importing ? (
            <McpImportDialog
              projectId={projectId}
              onClose={() => setImporting(false)}
              onImported={(res) => {
                setImporting(false);
                const what = [res.added.length ? `added ${res.added.join(", ")}` : "", res.replaced.length ? `replaced ${res.replaced.join(", ")}` : ""].filter(Boolean).join("; ");
                if (res.catalogueVersion !== null) setResult({ subject: `Imported from MCP (${what})`, res: { ...res, catalogueVersion: res.catalogueVersion } });
                setEditing(null);
              }}
            />
          ) : null}
          {tools.isPending ? (
            <Loading label="Loading tools…" />
          ) : !tools.data ? (
            <LoadError error={tools.error} what="tools" onRetry={() => tools.refetch()} />
          ) : (
            <ToolList
              projectId={projectId}
              tools={list}
              selectedId={editing?.kind === "edit" ? editing.toolId : null}
              onSelect={(id) => setEditing({ kind: "edit", toolId: id })}
              onChanged={(res, action) => setResult({ subject: `${res.tool.name} ${action}`, res })}
            />
          )}
        </section>
        <section className="panel tool-editor-panel" aria-label="Tool editor">
          {result ? <SaveResultNote projectId={projectId} {...result} onDismiss={() => setResult(null)} /> : null}
          {editing?.kind === "new" ? (
            <ToolEditor key="new" projectId={projectId} tool={null} allTools={list} onSaved={(r) => saved(r, "added")} onCancel={() => setEditing(null)} />
          ) : editingTool ? (
            <ToolEditor
              key={editingTool.id}
              projectId={projectId}
              tool={editingTool}
              allTools={list}
              onSaved={(r) => saved(r, "updated")}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <div className="state state-empty">
              <p className="state-title">{list.length === 0 && tools.data ? "No tools yet" : "Choose a tool to edit"}</p>
              <p className="muted">
                A tool is a name, a description the model reads, and a JSON schema of its arguments. Every change creates a new catalogue
                version and re-checks the examples.
              </p>
              {canEdit ? (
                <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: "new" })}>
                  + Add tool
                </button>
              ) : null}
            </div>
          )}
        </section>
      </div>
      <div className="catalogue-side">
        <PromptPanel projectId={projectId} />
        <HistoryPanel
          projectId={projectId}
          onReverted={(res) => {
            setResult({ subject: `Reverted to version ${res.revertedTo}`, res });
            setEditing(null);
          }}
        />
      </div>
    </div>
  );
}
