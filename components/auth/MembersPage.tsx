"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/lib/client/api";
import { useMe } from "@/lib/client/auth";
import { invitesQuery, membersQuery, useChangeRole, useCreateInvite, useRemoveMember, useRevokeInvite } from "@/lib/queries/members";
import { ACTIONS, ROLES, ROLE_LABELS, canAssignRole, type InviteDto, type Role } from "@/lib/schemas/auth";
import { Loading, LoadError } from "@/components/ui/States";

const date = (iso: string) => new Date(iso).toLocaleDateString();

/** Admins and owners: members and their roles, and invitation links (shown once, to copy). */
export function MembersPage() {
  const me = useMe();
  const members = useQuery(membersQuery());
  const invites = useQuery(invitesQuery());
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const invite = useCreateInvite();
  const revoke = useRevokeInvite();
  const [made, setMade] = useState<InviteDto | null>(null);
  const assignable = ROLES.filter((r) => me && canAssignRole(me.role, r));
  const error = [changeRole, remove, invite, revoke].find((m) => m.error)?.error;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setMade(null);
    invite.mutate({ email: String(f.get("email")).trim(), role: String(f.get("role")) as Role }, { onSuccess: (d) => setMade(d) });
  }

  return (
    <div className="page page-narrow members-page">
      <h1>Members</h1>
      {error ? (
        <p className="banner banner-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className="panel panel-flush">
        {members.isPending ? (
          <Loading label="Loading members…" />
        ) : !members.data ? (
          <LoadError error={members.error} what="members" onRetry={() => members.refetch()} />
        ) : (
          <table className="table" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Since</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => {
                const mayChange = !!me && m.id !== me.id && canAssignRole(me.role, m.role);
                return (
                  <tr key={m.id}>
                    <td>{m.name}</td>
                    <td>{m.email}</td>
                    <td>
                      {mayChange ? (
                        <select aria-label={`Role of ${m.name}`} value={m.role} onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as Role })}>
                          {assignable.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                      ) : (
                        ROLE_LABELS[m.role]
                      )}
                    </td>
                    <td>{date(m.createdAt)}</td>
                    <td className="num">
                      {mayChange ? (
                        <button type="button" className="btn btn-sm btn-danger-text" onClick={() => remove.mutate(m.id)}>
                          Remove
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>

      <h2>Invite someone</h2>
      <form className="panel field-inline invite-form" onSubmit={submit} data-testid="invite-form">
        <label className="field grow">
          <span className="label">Email</span>
          <input name="email" type="email" required />
        </label>
        <label className="field">
          <span className="label">Role</span>
          <select name="role" defaultValue="editor">
            {assignable.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
          Make invitation link
        </button>
      </form>
      {made?.url ? (
        <div className={`banner ${made.mail && !made.mail.sent ? "banner-warn" : "banner-ok"}`} data-testid="invite-link">
          {made.mail?.sent ? (
            <p data-testid="invite-mail">
              Emailed to {made.mail.to}. The link is shown only now and works once, for 7 days; copy it if the mail does not arrive:
            </p>
          ) : made.mail ? (
            <p data-testid="invite-mail">
              Could not email {made.mail.to} ({made.mail.error}). Copy this link and send it to them; it is shown only now and works once, for 7 days:
            </p>
          ) : (
            <p>Copy this link and send it to them; it is shown only now and works once, for 7 days:</p>
          )}
          <code className="code-block">{made.url}</code>
        </div>
      ) : null}

      <h2>Open invitations</h2>
      <div className="panel panel-flush">
        {invites.data && invites.data.length > 0 ? (
          <table className="table" data-testid="invites-table">
            <tbody>
              {invites.data.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{ROLE_LABELS[i.role]}</td>
                  <td className="muted small">
                    by {i.createdBy ?? "?"}, expires {date(i.expiresAt)}
                  </td>
                  <td className="num">
                    <button type="button" className="btn btn-sm btn-danger-text" onClick={() => revoke.mutate(i.id)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted small pad">No open invitations.</p>
        )}
      </div>

      <h2>What each role may do</h2>
      <table className="table">
        <tbody>
          {Object.values(ACTIONS).map((a) => (
            <tr key={a.what}>
              <td>{a.what}</td>
              <td>{ROLE_LABELS[a.least]} and above</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
