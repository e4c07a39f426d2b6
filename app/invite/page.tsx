import type { Metadata } from "next";
import { AcceptInviteForm } from "@/components/auth/AcceptInviteForm";
import { SsoButton } from "@/components/auth/SsoButton";
import { oidcSettings } from "@/lib/server/auth/config";
import { ROLE_LABELS } from "@/lib/schemas/auth";
import { inviteOrProblem } from "@/lib/server/auth/invites";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const { invite: found, problem } = token
    ? await inviteOrProblem(token)
    : { invite: null, problem: "This link has no token; copy the whole invitation link." };
  const sso = oidcSettings();
  return (
    <div className="page page-narrow auth-page">
      <h1>Join ToolTune</h1>
      {found && token && found.kind === "invite" ? (
        <>
          <p className="muted">
            You are invited as <strong>{ROLE_LABELS[found.role]}</strong>. Choose your name and a password.
          </p>
          <AcceptInviteForm token={token} email={found.email} submitLabel="Join" />
          {sso ? (
            <div className="stack" data-testid="invite-sso">
              <p className="muted small">
                Or join with your {sso.name} account: the invitation is for {found.email}, so {sso.name} must confirm that address.
              </p>
              <SsoButton providerId={sso.providerId} name={sso.name} next="/" verb="Join" />
            </div>
          ) : null}
        </>
      ) : (
        <p className="banner banner-warn" data-testid="invite-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
