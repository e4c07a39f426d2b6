"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorNote } from "@/components/ui/ErrorNote";
import { mcpServersQuery, useMcpImport, useMcpPreview } from "@/lib/queries/mcp";
import type { McpImportResultDto, McpSource } from "@/lib/schemas/mcp";
import { McpPlanTable, type McpChoices } from "./McpPlanTable";

type Kind = McpSource["kind"];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: "stdio", label: "Allowed server" },
  { kind: "http", label: "URL" },
  { kind: "paste", label: "Paste JSON" },
];

/** Import tools from an MCP server: choose the source, preview the plan, settle conflicts, import as one catalogue version. */
export function McpImportDialog({
  projectId,
  onClose,
  onImported,
}: {
  projectId: string;
  onClose: () => void;
  onImported: (res: McpImportResultDto) => void;
}) {
  const servers = useQuery(mcpServersQuery());
  const preview = useMcpPreview(projectId);
  const commit = useMcpImport(projectId);
  const [kind, setKind] = useState<Kind>("stdio");
  const [server, setServer] = useState("");
  const [url, setUrl] = useState("");
  const [auth, setAuth] = useState("");
  const [text, setText] = useState("");
  const [choices, setChoices] = useState<McpChoices>({ decisions: {}, skip: [] });
  const names = servers.data?.servers ?? [];
  const chosenServer = server || names[0] || "";
  const busy = preview.isPending || commit.isPending;

  const source: McpSource =
    kind === "stdio"
      ? { kind, server: chosenServer }
      : kind === "http"
        ? { kind, url: url.trim(), ...(auth ? { headers: { Authorization: auth } } : {}) }
        : { kind, text };
  // Any change to the source makes the shown plan stale.
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      preview.reset();
      commit.reset();
    };

  function runPreview(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    commit.reset();
    setChoices({ decisions: {}, skip: [] });
    preview.mutate(source);
  }

  function runImport() {
    const p = preview.data;
    if (!p || busy) return;
    commit.mutate({ source, catalogueVersion: p.catalogueVersion, fingerprint: p.fingerprint, ...choices }, { onSuccess: onImported });
  }

  const plan = preview.data;
  const lands = plan
    ? plan.counts.add - choices.skip.length + Object.values(choices.decisions).filter((d) => d === "use_imported").length
    : 0;
  return (
    <Dialog title="Import tools from an MCP server" onClose={busy ? undefined : onClose} wide>
      <form className="stack" onSubmit={runPreview} noValidate data-testid="mcp-import-form">
        <div className="segmented" role="radiogroup" aria-label="Where the tools come from">
          {KINDS.map((k) => (
            <label key={k.kind} className={`seg${kind === k.kind ? " is-on" : ""}`}>
              <input type="radio" name="mcp-source" checked={kind === k.kind} onChange={() => edit(setKind)(k.kind)} />
              {k.label}
            </label>
          ))}
        </div>
        {kind === "stdio" ? (
          <div className="field">
            {names.length > 0 ? (
              <>
                <label htmlFor="mcp-server">Server</label>
                <select id="mcp-server" value={chosenServer} onChange={(e) => edit(setServer)(e.target.value)}>
                  {names.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </>
            ) : servers.isError ? (
              <ErrorNote error={servers.error} title="The allowed servers cannot be listed" />
            ) : (
              <p className="hint" role="status">
                {servers.isPending
                  ? "Loading the allowed servers…"
                  : "No servers are allowed yet: the operator lists them in TOOLTUNE_MCP_SERVERS (see the README)."}
              </p>
            )}
            <span className="hint">
              ToolTune starts the command the operator configured for this name, asks for its tools, and stops it.
            </span>
          </div>
        ) : kind === "http" ? (
          <>
            <div className="field">
              <label htmlFor="mcp-url">Streamable HTTP URL</label>
              <input
                id="mcp-url"
                className="mono"
                value={url}
                onChange={(e) => edit(setUrl)(e.target.value)}
                placeholder="https://mcp.example.com/mcp"
                spellCheck={false}
              />
            </div>
            <div className="field">
              <label htmlFor="mcp-auth">Authorization header (optional)</label>
              <input
                id="mcp-auth"
                type="password"
                className="mono"
                value={auth}
                autoComplete="off"
                onChange={(e) => edit(setAuth)(e.target.value)}
                placeholder="Bearer …"
              />
              <span className="hint">Sent to this server only, for this import; never stored or logged.</span>
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor="mcp-json">A tools/list result</label>
            <textarea
              id="mcp-json"
              className="mono"
              rows={8}
              value={text}
              onChange={(e) => edit(setText)(e.target.value)}
              placeholder='{"tools": [{"name": "…", "description": "…", "inputSchema": {…}}]}'
              spellCheck={false}
            />
          </div>
        )}
        {preview.isError ? <ErrorNote error={preview.error} title="No preview" /> : null}
        {plan ? <McpPlanTable preview={plan} choices={choices} onChange={setChoices} /> : null}
        {commit.isError ? <ErrorNote error={commit.error} title="Not imported" /> : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={`btn${plan ? "" : " btn-primary"}`} disabled={busy || (kind === "stdio" && !chosenServer)}>
            {preview.isPending ? "Reading the server's tools…" : plan ? "Preview again" : "Preview"}
          </button>
          {plan ? (
            <button type="button" className="btn btn-primary" onClick={runImport} disabled={busy || lands === 0} data-testid="mcp-import">
              {commit.isPending ? "Importing…" : lands === 0 ? "Nothing to import" : "Import"}
            </button>
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}
