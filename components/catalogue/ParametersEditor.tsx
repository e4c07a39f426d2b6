"use client";

import type { Issue } from "@/lib/schemas/common";
import { parseJsonText, prettyJson } from "@/lib/forms/json-text";
import { rowsToSchema, schemaToRows, type SchemaRow } from "@/lib/forms/schema-rows";
import { ParametersJson } from "./ParametersJson";
import { ParametersRows } from "./ParametersRows";
import { IssueList } from "@/components/ui/IssueList";

export type ParamsMode = "rows" | "json";

interface Props {
  mode: ParamsMode;
  setMode: (m: ParamsMode) => void;
  rows: SchemaRow[];
  setRows: (rows: SchemaRow[]) => void;
  additional: boolean;
  setAdditional: (v: boolean) => void;
  jsonText: string;
  setJsonText: (t: string) => void;
  rowIssues: Issue[];
  schemaIssues: Issue[];
}

/** The arguments schema, as rows or as raw JSON; switching converts, and refuses when it would lose something. */
export function ParametersEditor(p: Props) {
  const parsed = p.mode === "json" ? parseJsonText(p.jsonText) : null;
  const asRows = parsed?.ok ? schemaToRows(parsed.value) : null;
  const rowsBlocked = parsed ? (!parsed.ok ? "fix the JSON first" : asRows && "unsupported" in asRows ? asRows.unsupported : null) : null;

  function toJson() {
    p.setJsonText(prettyJson(rowsToSchema(p.rows, p.additional)));
    p.setMode("json");
  }

  function toRows() {
    if (!asRows || "unsupported" in asRows) return;
    p.setRows(asRows.rows);
    p.setAdditional(asRows.additionalProperties);
    p.setMode("rows");
  }

  return (
    <fieldset className="params-editor">
      <legend>Arguments</legend>
      <div className="segmented" role="group" aria-label="Edit arguments as">
        <button type="button" className={p.mode === "rows" ? "is-on" : ""} aria-pressed={p.mode === "rows"} onClick={toRows} disabled={p.mode === "json" && rowsBlocked !== null}>
          Form
        </button>
        <button type="button" className={p.mode === "json" ? "is-on" : ""} aria-pressed={p.mode === "json"} onClick={() => p.mode === "rows" && toJson()}>
          JSON
        </button>
      </div>
      {p.mode === "json" && asRows && "unsupported" in asRows ? (
        <p className="note" role="note">
          The form cannot show this schema: {asRows.unsupported}. Edit it as JSON.
        </p>
      ) : null}
      {p.mode === "rows" ? (
        <ParametersRows rows={p.rows} setRows={p.setRows} additional={p.additional} setAdditional={p.setAdditional} issues={p.rowIssues} />
      ) : (
        <ParametersJson text={p.jsonText} setText={p.setJsonText} />
      )}
      <SchemaIssues issues={p.schemaIssues} />
    </fieldset>
  );
}

function SchemaIssues({ issues }: { issues: Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="issues-box" role="status" data-testid="schema-issues">
      <p className="issues-title">Schema problems ({issues.length})</p>
      <IssueList issues={issues} />
    </div>
  );
}
