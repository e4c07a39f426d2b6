"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/lib/client/api";
import { useCan } from "@/lib/client/auth";
import { agentsQuery, useCreateAgent, useDeleteAgent, useProbeAgent } from "@/lib/queries/agents";
import { Empty, Loading, LoadError } from "@/components/ui/States";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

/** The GPU pool: ToolTune agents on the team's GPU machines. Runs on "GPU pool" go to one that has their model and a free slot. */
export function AgentsPage() {
  const q = useQuery(agentsQuery());
  const canEdit = useCan("agents.manage");
  const create = useCreateAgent();
  const probe = useProbeAgent();
  const remove = useDeleteAgent();
  const [adding, setAdding] = useState(false);
  const error = [create, probe, remove].find((m) => m.error)?.error;

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
                    <td className="row">
                      <button type="button" className="btn btn-sm" onClick={() => probe.mutate(a.id)} disabled={probe.isPending}>
                        Check now
                      </button>
                      <button type="button" className="btn btn-sm btn-danger" onClick={() => remove.mutate(a.id)} disabled={remove.isPending}>
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
    </div>
  );
}
