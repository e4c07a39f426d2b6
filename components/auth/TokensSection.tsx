"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, errorMessage } from "@/lib/client/api";
import { useMe } from "@/lib/client/auth";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/schemas/auth";
import type { ApiTokenDto } from "@/lib/schemas/tokens";
import { Loading, LoadError } from "@/components/ui/States";

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");
const KEY = ["tokens"];

function state(t: ApiTokenDto): string {
  if (t.revokedAt) return `revoked ${when(t.revokedAt)}`;
  if (t.expiresAt && new Date(t.expiresAt) <= new Date()) return `expired ${when(t.expiresAt)}`;
  return t.expiresAt ? `expires ${when(t.expiresAt)}` : "no expiry";
}

function Copy({ text }: { text: string }) {
  const [done, setDone] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="btn btn-sm"
      data-testid="copy-token"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone("copied");
        } catch {
          setDone("failed");
        }
        setTimeout(() => setDone("idle"), 2_000);
      }}
    >
      <span aria-live="polite">{done === "copied" ? "Copied" : done === "failed" ? "Copy failed: select the text" : "Copy"}</span>
    </button>
  );
}

/** Account page: one's API tokens for scripts; a new token is shown once, with a curl example. */
export function TokensSection() {
  const me = useMe();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<ApiTokenDto[]>("/api/tokens", signal) });
  const create = useMutation({
    mutationFn: (body: { name: string; role: Role; expiresAt: string | null }) => api.post<ApiTokenDto & { token: string }>("/api/tokens", body),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  const revoke = useMutation({ mutationFn: (id: string) => api.delete(`/api/tokens/${encodeURIComponent(id)}`), onSettled: () => qc.invalidateQueries({ queryKey: KEY }) });
  const [made, setMade] = useState<string | null>(null);
  const roles = ROLES.filter((r) => me && RANK[r] <= RANK[me.role]);
  const error = create.error ?? revoke.error;
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const days = Number(f.get("days"));
    setMade(null);
    create.mutate(
      { name: String(f.get("name")).trim(), role: String(f.get("role")) as Role, expiresAt: days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null },
      { onSuccess: (d) => setMade(d.token) },
    );
  }

  return (
    <section aria-labelledby="tokens-heading" data-testid="tokens-section">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted small">
        For scripts: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, with its role or yours if yours is lower; revoke one you no longer use.
      </p>
      {error ? (
        <p className="banner banner-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <form className="panel field-inline" onSubmit={submit} data-testid="token-form">
        <label className="field grow">
          <span className="label">Name</span>
          <input name="name" required maxLength={60} placeholder="ci" />
        </label>
        <label className="field">
          <span className="label">Role</span>
          <select name="role" defaultValue={me?.role}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="label">Expires</span>
          <select name="days" defaultValue="90">
            <option value="7">in 7 days</option>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="0">never</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          Make token
        </button>
      </form>
      {made ? (
        <div className="banner banner-ok" data-testid="new-token">
          <p>Copy this token now: it is shown only once.</p>
          <p>
            <code className="code-block">{made}</code> <Copy text={made} />
          </p>
          <p className="small">For example:</p>
          <code className="code-block">{`curl -H "Authorization: Bearer ${made}" ${origin}/api/projects`}</code>
        </div>
      ) : null}
      <div className="panel panel-flush">
        {tokens.isPending ? (
          <Loading label="Loading tokens…" />
        ) : !tokens.data ? (
          <LoadError error={tokens.error} what="tokens" onRetry={() => tokens.refetch()} />
        ) : tokens.data.length === 0 ? (
          <p className="muted small pad">No tokens yet.</p>
        ) : (
          <table className="table" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Made</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id}>
                  <td>
                    {t.name} <span className="muted small">{t.prefix}…</span>
                  </td>
                  <td>
                    {ROLE_LABELS[t.role]}
                    {t.effectiveRole && t.effectiveRole !== t.role ? <span className="muted small"> (acts as {ROLE_LABELS[t.effectiveRole]})</span> : null}
                  </td>
                  <td>{when(t.createdAt)}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>{state(t)}</td>
                  <td className="num">
                    {t.revokedAt ? null : (
                      <button type="button" className="btn btn-sm btn-danger-text" onClick={() => revoke.mutate(t.id)} disabled={revoke.isPending} aria-label={`Revoke token ${t.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
