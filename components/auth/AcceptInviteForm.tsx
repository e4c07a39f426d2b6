"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, api } from "@/lib/client/api";
import { PASSWORD_MIN } from "@/lib/schemas/auth";

/** Name, address (fixed for an invitation) and password; makes the account and signs it in. */
export function AcceptInviteForm({ token, email, submitLabel }: { token: string; email: string | null; submitLabel: string }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api.post("/api/invites/accept", { token, name: String(f.get("name")), email: email ?? String(f.get("email")).trim(), password: String(f.get("password")) });
      await qc.invalidateQueries();
      router.replace("/");
      router.refresh();
    } catch (err) {
      setError({ message: err instanceof Error ? err.message : String(err), field: err instanceof ApiError ? err.field : undefined });
      setBusy(false);
    }
  }

  return (
    <form className="panel stack auth-form" onSubmit={submit} data-testid="accept-invite-form">
      <label className="field">
        <span className="label">Your name</span>
        <input name="name" autoComplete="name" required maxLength={80} autoFocus />
        <span className="hint">Shown beside every example and catalogue change you make.</span>
      </label>
      <label className="field">
        <span className="label">Email</span>
        {email ? <input name="email" type="email" value={email} readOnly /> : <input name="email" type="email" autoComplete="username" required />}
      </label>
      <label className="field">
        <span className="label">Password</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} maxLength={128} />
        <span className="hint">At least {PASSWORD_MIN} characters.</span>
      </label>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? "Making your account…" : submitLabel}
      </button>
    </form>
  );
}
