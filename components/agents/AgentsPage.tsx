"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/lib/client/api";
import { useCan } from "@/lib/client/auth";
import { agentsQuery, useCreateAgent, useDeleteAgent, useProbeAgent, useUpdateAgent } from "@/lib/queries/agents";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { Empty, Loading, LoadError } from "@/components/ui/States";
import type { AgentDto } from "@/lib/schemas/agents";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

/** The GPU pool: ToolTune agents on the team's GPU machines. Runs on "GPU pool" go to one that has their model and a free slot. */
export function AgentsPage() {
  const q = useQuery(agentsQuery());
  const canEdit = useCan("agents.manage");
  const create = useCreateAgent();
  const probe = useProbeAgent();
  const remove = useDeleteAgent();
  const update = useUpdateAgent();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<AgentDto | null>(null);
  const error = [create, probe, update].find((m) => m.error)?.error;

  function save(e: FormEvent<HTMLFormElement>, id: string) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const hourly = String(f.get("hourlyUsd") ?? "").trim();
    const token = String(f.get("token") ?? "").trim();
    update.mutate(
      { id, patch: { slots: Number(f.get("slots")), hourlyUsd: hourly === "" ? null : Number(hourly), ...(token ? { token } : {}) } },
      { onSuccess: () => setEditing(null) },
    );
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const num = (k: string) => (String(f.get(k) ?? "").trim() === "" ? undefined : Number(f.get(k)));
    const hourly = String(f.get("hourlyUsd") ?? "").trim();
    create.mutate(
      { name: String(f.get("name")), url: String(f.get("url")), token: String(f.get("token")), gpus: num("gpus"), slots: num("slots"), hourlyUsd: hourly === "" ? null : Number(hourly) },
      { onSuccess: () => setAdding(false) },
    );
  }

  return (
    <div className="page page-narrow agents-page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <h1>GPU agents</h1>
          <p className="muted small">
            Machines running the ToolTune agent (<code>python -m tooltune_agent</code>). A run on the GPU pool goes to an online agent that
            has its base model and a free slot, or waits for one; a run pinned to an agent waits for that one. Health is checked every minute.
          </p>
        </div>
        {canEdit && !adding ? (
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} data-testid="add-agent">
            Add agent
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="banner banner-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {adding ? (
        <form className="panel stack" onSubmit={submit} data-testid="agent-form">
          <div className="row row-wrap row-top">
            <label className="field">
              <span className="label">Name</span>
              <input name="name" required maxLength={60} placeholder="gpu-box-1" />
            </label>
            <label className="field grow">
              <span className="label">Address</span>
              <input name="url" required className="mono" placeholder="http://10.0.0.5:8700" />
            </label>
          </div>
          <label className="field">
            <span className="label">Token</span>
            <input name="token" required type="password" autoComplete="off" className="mono" placeholder="the agent's --token-file contents" />
            <span className="hint">Stored encrypted; never shown again.</span>
          </label>
          <div className="row row-wrap row-top">
            <label className="field">
              <span className="label">GPUs</span>
              <input name="gpus" type="number" min={1} max={64} defaultValue={1} className="input-num" />
            </label>
            <label className="field">
              <span className="label">Slots</span>
              <input name="slots" type="number" min={1} max={64} defaultValue={1} className="input-num" />
              <span className="hint">runs placed on it at once</span>
            </label>
            <label className="field">
              <span className="label">$ per hour</span>
              <input name="hourlyUsd" type="number" min={0} step="any" className="input-num" placeholder="optional" />
              <span className="hint">for run costs</span>
            </label>
          </div>
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={create.isPending}>
              {create.isPending ? "Checking the agent…" : "Add and check"}
            </button>
            <button type="button" className="btn" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <div className="panel panel-flush">
        {q.isPending ? (
          <Loading label="Loading agents…" />
        ) : !q.data ? (
          <LoadError error={q.error} what="agents" onRetry={() => q.refetch()} />
        ) : q.data.length === 0 ? (
          <Empty title="No agents registered">
            <p className="muted">
              Without agents, GPU runs go to the single agent of <code>TOOLTUNE_GPU_URL</code>, if it is set. Register agents here to spread runs
              over several machines.
            </p>
          </Empty>
        ) : (
          <table className="table" data-testid="agents-table">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Health</th>
                <th scope="col">Busy</th>
                <th scope="col">Base models</th>
                <th scope="col">$ / hour</th>
                {canEdit ? <th scope="col" /> : null}
              </tr>
            </thead>
            <tbody>
              {q.data.map((a) => (
                <tr key={a.id} data-testid={`agent-${a.name}`}>
                  <td>
                    <strong>{a.name}</strong>
                    <div className="muted small mono">{a.url}</div>
                    <div className="muted small">
                      {a.gpus} GPU{a.gpus === 1 ? "" : "s"}
                    </div>
                  </td>
                  <td>
                    <span className={`badge ${a.online ? "badge-ok" : "badge-danger"}`}>{a.online ? "online" : "offline"}</span>
                    <div className="muted small">
                      {a.online ? `checked ${when(a.lastSeenAt)}` : (a.lastError ?? "not checked yet")}
                      {!a.online && a.lastSeenAt ? ` · last seen ${when(a.lastSeenAt)}` : ""}
                    </div>
                  </td>
                  <td>
                    {a.busy} / {a.slots}
                  </td>
                  <td className="mono small">{a.baseModels.length ? a.baseModels.join(", ") : <span className="muted">none reported</span>}</td>
                  <td>{a.hourlyUsd === null ? "—" : `$${a.hourlyUsd}`}</td>
                  {canEdit ? (
                    <td className="row row-wrap">
                      {editing === a.id ? (
                        <form className="row row-wrap" onSubmit={(e) => save(e, a.id)} data-testid={`agent-edit-${a.name}`}>
                          <input name="slots" type="number" min={1} max={64} defaultValue={a.slots} className="input-num" aria-label="Slots" />
                          <input name="hourlyUsd" type="number" min={0} step="any" defaultValue={a.hourlyUsd ?? ""} className="input-num" aria-label="$ per hour" placeholder="$/h" />
                          <input name="token" type="password" autoComplete="off" className="mono" aria-label="New token" placeholder="new token (optional)" />
                          <button type="submit" className="btn btn-sm btn-primary" disabled={update.isPending}>
                            Save
                          </button>
                          <button type="button" className="btn btn-sm" onClick={() => setEditing(null)}>
                            Cancel
                          </button>
                        </form>
                      ) : (
                        <button type="button" className="btn btn-sm" onClick={() => setEditing(a.id)}>
                          Edit
                        </button>
                      )}
                      <button type="button" className="btn btn-sm" onClick={() => probe.mutate(a.id)} disabled={probe.isPending}>
                        Check now
                      </button>
                      <button type="button" className="btn btn-sm btn-danger" onClick={() => setRemoving(a)} disabled={remove.isPending}>
                        Remove
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove agent"
          busy={remove.isPending}
          error={remove.error}
          onCancel={() => (remove.reset(), setRemoving(null))}
          onConfirm={() => remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        >
          <p>
            GPU runs will no longer be placed on it. Its token is deleted with it; the machine and its trained models are not touched. An agent with
            unfinished runs cannot be removed.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
