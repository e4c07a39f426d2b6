"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { rowIssues, rowsToSchema, schemaToRows, type SchemaRow } from "@/lib/forms/schema-rows";
import { parseJsonText, prettyJson } from "@/lib/forms/json-text";
import { useCreateTool, useUpdateTool, type ToolSaveResult } from "@/lib/queries/tools";
import { LIMITS } from "@/lib/schemas/common";
import { catalogueImpactQuery } from "@/lib/queries/catalogue";
import { toolNameSchema, type CatalogueChange, type CatalogueImpactDto, type ToolDto, type ToolPatch } from "@/lib/schemas/tool";
import { checkToolSchema } from "@/lib/validation/tool-schema";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { count } from "@/components/imports/labels";
import { ImpactNote, impactSentence } from "./ImpactNote";
import { ParametersEditor, type ParamsMode } from "./ParametersEditor";

const NEW_TOOL_SCHEMA = { type: "object", properties: {}, additionalProperties: false };

interface Props {
  projectId: string;
  tool: ToolDto | null;
  allTools: ToolDto[];
  onSaved: (res: ToolSaveResult) => void;
  onCancel: () => void;
}

export function ToolEditor({ projectId, tool, allTools, onSaved, onCancel }: Props) {
  const create = useCreateTool(projectId);
  const update = useUpdateTool(projectId);
  const mutation = tool ? update : create;

  const initialSchema = tool?.parameters ?? NEW_TOOL_SCHEMA;
  const initialRows = schemaToRows(initialSchema);
  const [name, setName] = useState(tool?.name ?? "");
  const [description, setDescription] = useState(tool?.description ?? "");
  const [mode, setMode] = useState<ParamsMode>("unsupported" in initialRows ? "json" : "rows");
  const [rows, setRows] = useState<SchemaRow[]>("rows" in initialRows ? initialRows.rows : []);
  const [additional, setAdditional] = useState("rows" in initialRows ? initialRows.additionalProperties : false);
  const [jsonText, setJsonText] = useState(prettyJson(initialSchema));
  const [dirty, setDirty] = useState(false);
  const [renameInExamples, setRenameInExamples] = useState(true);

  // Everything below is derived on each keystroke: nothing is saved until it is all valid.
  const parsed = mode === "rows" ? ({ ok: true, value: rowsToSchema(rows, additional) } as const) : parseJsonText(jsonText);
  const rIssues = mode === "rows" ? rowIssues(rows) : [];
  const schemaIssues = parsed.ok ? checkToolSchema(parsed.value) : [];
  const nameCheck = toolNameSchema.safeParse(name);
  const taken = allTools.some((t) => t.name === name && t.id !== tool?.id);
  const nameError = name === "" ? null : !nameCheck.success ? nameCheck.error.issues[0]?.message : taken ? `a tool named "${name}" already exists` : null;
  const schemaOk = parsed.ok && rIssues.length === 0 && schemaIssues.length === 0;
  const canSave = dirty && name !== "" && !nameError && schemaOk && !mutation.isPending;

  // The change as the server will get it (null while there is nothing valid to save).
  const change = draftChange();
  const impactKey = change ? JSON.stringify(change) : null;
  // The impact dry run is asked for ("Check impact", or on save), never on each keystroke: its key
  // is the draft, so an edit hides an answer that no longer applies.
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const impactOptions = catalogueImpactQuery(projectId, change ?? { kind: "revert", version: 1 });
  const impact = useQuery({ ...impactOptions, enabled: change !== null && checkedKey === impactKey });
  const shownImpact = change !== null && checkedKey === impactKey ? impact : null;
  const [confirming, setConfirming] = useState<CatalogueImpactDto | null>(null);
  const qc = useQueryClient();

  function touch() {
    setDirty(true);
    setConfirming(null);
    if (mutation.isError) mutation.reset();
  }

  function draftChange(): CatalogueChange | null {
    if (!canSave || !parsed.ok) return null;
    const parameters = parsed.value as Record<string, unknown>;
    if (!tool) return { kind: "create", tool: { name, description, parameters } };
    const patch: ToolPatch = {};
    if (name !== tool.name) {
      patch.name = name;
      patch.renameInExamples = renameInExamples;
    }
    if (description !== tool.description) patch.description = description;
    if (JSON.stringify(parameters) !== JSON.stringify(tool.parameters)) patch.parameters = parameters;
    if (Object.keys(patch).length === 0) return null;
    return { kind: "update", toolId: tool.id, patch };
  }

  function commit(c: CatalogueChange) {
    setConfirming(null);
    const done = (res: ToolSaveResult) => {
      setDirty(false);
      onSaved(res);
    };
    if (c.kind === "create") create.mutate(c.tool, { onSuccess: done });
    else if (c.kind === "update") update.mutate({ toolId: c.toolId, patch: c.patch }, { onSuccess: done });
  }

  // Always checked just before saving: a change that would invalidate examples asks first.
  async function save(e: FormEvent) {
    e.preventDefault();
    if (!canSave) return;
    if (!change) return setDirty(false);
    setCheckedKey(impactKey);
    let result: CatalogueImpactDto;
    try {
      result = await qc.fetchQuery(impactOptions);
    } catch {
      return; // the failed query shows its error under the form
    }
    if (result.newlyInvalid > 0) setConfirming(result);
    else commit(change);
  }

  return (
    <form className="tool-editor stack" onSubmit={save} aria-labelledby="tool-editor-title">
      <div className="panel-head">
        <h2 id="tool-editor-title" className="panel-title">
          {tool ? `Edit ${tool.name}` : "New tool"}
        </h2>
        {tool?.archived ? <span className="badge badge-muted">archived: labels cannot use it</span> : null}
      </div>
      <div className="field">
        <label htmlFor="tool-name">Name</label>
        <input
          id="tool-name"
          className="mono"
          value={name}
          autoFocus={!tool}
          onChange={(e) => {
            setName(e.target.value);
            touch();
          }}
          aria-invalid={nameError ? true : undefined}
          aria-describedby="tool-name-msg"
          placeholder="get_order_status"
          spellCheck={false}
          autoComplete="off"
          data-testid="tool-name-input"
        />
        <p id="tool-name-msg" className={nameError ? "field-error" : "hint"}>
          {nameError ?? "Letters, digits, _ and -; the model writes this name exactly."}
        </p>
        {tool && name !== tool.name && !nameError && name ? (
          <div className="stack-tight">
            <label className="check">
              <input type="checkbox" checked={renameInExamples} onChange={(e) => setRenameInExamples(e.target.checked)} data-testid="tool-rename-in-examples" />
              Rename in examples too
            </label>
            <p className={renameInExamples ? "hint" : "hint warn-text"}>
              {renameInExamples
                ? `Every example that calls ${tool.name} is rewritten to call ${name}, with a revision in your name.`
                : `Examples that call ${tool.name} will become invalid until relabelled.`}
            </p>
          </div>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="tool-description">Description</label>
        <textarea
          id="tool-description"
          rows={3}
          value={description}
          maxLength={LIMITS.toolDescription}
          onChange={(e) => {
            setDescription(e.target.value);
            touch();
          }}
          placeholder="What the tool does and when to use it. The model reads this in the system prompt."
        />
      </div>
      <ParametersEditor
        mode={mode}
        setMode={setMode}
        rows={rows}
        setRows={(r) => {
          setRows(r);
          touch();
        }}
        additional={additional}
        setAdditional={(v) => {
          setAdditional(v);
          touch();
        }}
        jsonText={jsonText}
        setJsonText={(t) => {
          setJsonText(t);
          touch();
        }}
        rowIssues={rIssues}
        schemaIssues={schemaIssues}
      />
      {shownImpact?.data ? <ImpactNote impact={shownImpact.data} /> : null}
      {shownImpact?.isError ? <ErrorNote error={shownImpact.error} title="The impact could not be checked" /> : null}
      {mutation.isError ? <ErrorNote error={mutation.error} title="The server did not save the tool" /> : null}
      {confirming && change ? (
        <ConfirmDialog
          title={`Invalidate ${count(confirming.newlyInvalid, "example")}?`}
          confirmLabel="Save anyway"
          onConfirm={() => commit(change)}
          onCancel={() => setConfirming(null)}
        >
          <p>{impactSentence(confirming, "Saving")}</p>
          <p className="muted">They stay in the project, flagged invalid, and are left out of training until they are relabelled or the tool is changed back.</p>
        </ConfirmDialog>
      ) : null}
      <div className="row row-end">
        <span className="muted small grow">
          {!schemaOk ? "Fix the schema problems above to save." : dirty ? "Unsaved changes." : tool ? "No changes." : ""}
        </span>
        <button type="button" className="btn" onClick={onCancel}>
          {dirty ? "Discard" : "Close"}
        </button>
        <button type="button" className="btn" disabled={!change || impact.isFetching} onClick={() => setCheckedKey(impactKey)} data-testid="tool-check-impact">
          {impact.isFetching ? "Checking…" : "Check impact"}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!canSave || impact.isFetching} data-testid="tool-save">
          {mutation.isPending ? "Saving…" : tool ? "Save tool" : "Add tool"}
        </button>
      </div>
    </form>
  );
}
