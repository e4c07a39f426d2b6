"use client";

import { useState } from "react";
import { authPost } from "@/lib/client/auth";

/** "Sign in with <name>": asks Better Auth for the provider's address (state, nonce and PKCE made there) and goes to it. */
export function SsoButton({ providerId, name, next, verb = "Sign in" }: { providerId: string; name: string; next: string; verb?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const { url } = await authPost<{ url?: string }>("sign-in/social", { provider: providerId, callbackURL: next, errorCallbackURL: "/sign-in", disableRedirect: true });
      if (!url) throw new Error("the server gave no address for the sign-in provider");
      window.location.assign(url);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <button type="button" className="btn" onClick={start} disabled={busy} data-testid="sso-sign-in">
        {busy ? "Going to the sign-in provider…" : `${verb} with ${name}`}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
