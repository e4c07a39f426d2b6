"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { endpointsQuery, useDeleteEndpoint } from "@/lib/queries/endpoints";
import type { EndpointDto } from "@/lib/schemas/evals";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import { When } from "@/components/ui/When";
import { EndpointDialog } from "./EndpointDialog";
import { URL_EXAMPLES } from "./endpoint-form";
import { useCan } from "@/lib/client/auth";

const price = (v: number | null) => (v === null ? "—" : `$${v}`);

/** Saved OpenAI-compatible servers (vLLM, Ollama, llama.cpp…) that evals and the playground can call, in every project. */
export function EndpointsPage() {
  const q = useQuery(endpointsQuery());
  const canEdit = useCan("endpoints.write");
  const remove = useDeleteEndpoint();
  const [editing, setEditing] = useState<EndpointDto | "new" | null>(null);
  const [deleting, setDeleting] = useState<EndpointDto | null>(null);

  return (
    <div className="page page-narrow endpoints-page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <h1>Endpoints</h1>
          <p className="muted small">
            Any server that speaks OpenAI&apos;s chat completions API can be evaluated: a model you serve yourself, a fine-tune exported
            from a run, or a hosted provider. Shared by all projects.
          </p>
        </div>
        {canEdit ? (
          <button type="button" className="btn btn-primary" onClick={() => setEditing("new")} data-testid="add-endpoint">
            Add endpoint
          </button>
        ) : null}
      </div>
      <div className="panel panel-flush">
        {q.isPending ? (
          <Loading label="Loading endpoints…" />
        ) : !q.data ? (
          <LoadError error={q.error} what="endpoints" onRetry={() => q.refetch()} />
        ) : q.data.length === 0 ? (
          <Empty title="No endpoints yet">
            <p className="muted">Add the base URL of an OpenAI-compatible server, for example:</p>
            <ul className="url-examples">
              {URL_EXAMPLES.map((x) => (
                <li key={x.server}>
                  {x.server}: <code>{x.url}</code>
                </li>
              ))}
            </ul>
          </Empty>
        ) : (
          <table className="table" data-testid="endpoints-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Base URL</th>
                <th scope="col">API key</th>
                <th scope="col">Default model</th>
                <th scope="col" className="num" title="USD per 1M input / output tokens">
                  $ in / out per 1M
                </th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((ep) => (
                <tr key={ep.id} data-testid="endpoint-row">
                  <td>
                    <strong>{ep.name}</strong>
                  </td>
                  <td className="mono small">{ep.baseUrl}</td>
                  <td>{ep.hasKey ? <span className="status-pill tone-ok">key set</span> : <span className="muted small">none</span>}</td>
                  <td className="mono small">{ep.defaultModel || <span className="muted">—</span>}</td>
                  <td className="num small">
                    {price(ep.inputPerMillionUsd)} / {price(ep.outputPerMillionUsd)}
                  </td>
                  <td className="muted small nowrap">
                    <When iso={ep.createdAt} />
                  </td>
                  <td className="actions">
                    {canEdit ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost"
                          onClick={() => setEditing(ep)}
                          aria-label={`Edit ${ep.name}`}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost btn-danger-text"
                          onClick={() => setDeleting(ep)}
                          aria-label={`Delete ${ep.name}`}
                        >
                          Delete
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <p className="muted small endpoints-note">
        Base URLs end in <code>/v1</code>:{" "}
        {URL_EXAMPLES.map((x, i) => (
          <span key={x.server}>
            {i > 0 ? " · " : ""}
            {x.server} <code>{x.url}</code>
          </span>
        ))}
        . The worker calls these URLs (the playground calls them from the app server), so they must be reachable from those machines, not
        only from your browser.
      </p>
      {editing ? <EndpointDialog endpoint={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete endpoint"
          busy={remove.isPending}
          error={remove.error}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        >
          <p>Evals that used it keep their results; new evals and the playground can no longer call it. Its stored key is deleted.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
