"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api } from "@/lib/client/api";
import { authPost, useMe } from "@/lib/client/auth";
import { ROLE_LABELS } from "@/lib/schemas/auth";
import { Loading, LoadError } from "@/components/ui/States";
import { TokensSection } from "./TokensSection";

interface SessionRow {
  id: string;
  token: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  ipAddress?: string | null;
  userAgent?: string | null;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** Who you are, your sessions (each browser you signed in from) with revoke, your API tokens, and sign out. */
export function AccountPage({ currentSessionId }: { currentSessionId: string }) {
  const me = useMe();
  const router = useRouter();
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: ["sessions"], queryFn: ({ signal }) => api.get<SessionRow[]>("/api/auth/list-sessions", signal) });
  const revoke = useMutation({
    mutationFn: (token: string) => authPost("revoke-session", { token }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["sessions"] }),
  });
  const signOut = useMutation({
    mutationFn: () => authPost("sign-out", {}),
    onSuccess: () => {
      qc.clear();
      router.replace("/sign-in");
      router.refresh();
    },
  });

  return (
    <div className="page page-narrow account-page">
      <div className="page-head page-head-tight">
        <div className="stack-tight">
          <h1>{me?.name ?? "Your account"}</h1>
          {me ? (
            <p className="muted small">
              {me.email} · {ROLE_LABELS[me.role]}
            </p>
          ) : null}
        </div>
        <button type="button" className="btn" onClick={() => signOut.mutate()} disabled={signOut.isPending} data-testid="sign-out">
          Sign out
        </button>
      </div>
      <h2>Sessions</h2>
      <p className="muted small">Every browser signed in as you. Revoke one you do not recognise; it is signed out at its next request.</p>
      <div className="panel panel-flush">
        {sessions.isPending ? (
          <Loading label="Loading sessions…" />
        ) : !sessions.data ? (
          <LoadError error={sessions.error} what="sessions" onRetry={() => sessions.refetch()} />
        ) : (
          <table className="table" data-testid="sessions-table">
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Expires</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <td className="clamp-1" title={s.userAgent ?? ""}>
                    {s.userAgent || "unknown"}
                  </td>
                  <td>{s.ipAddress || "—"}</td>
                  <td>{when(s.createdAt)}</td>
                  <td>{when(s.expiresAt)}</td>
                  <td className="num">
                    {s.id === currentSessionId ? (
                      <span className="badge badge-ok">this browser</span>
                    ) : (
                      <button type="button" className="btn btn-sm btn-danger-text" onClick={() => revoke.mutate(s.token)} disabled={revoke.isPending}>
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
      <TokensSection />
    </div>
  );
}
