import type { Metadata } from "next";
import { AcceptInviteForm } from "@/components/auth/AcceptInviteForm";
import { ROLE_LABELS } from "@/lib/schemas/auth";
import { inviteOrProblem } from "@/lib/server/auth/invites";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const { invite: found, problem } = token
    ? await inviteOrProblem(token)
    : { invite: null, problem: "This link has no token; copy the whole invitation link." };
  return (
    <div className="page page-narrow auth-page">
      <h1>Join ToolTune</h1>
      {found && token && found.kind === "invite" ? (
        <>
          <p className="muted">
            You are invited as <strong>{ROLE_LABELS[found.role]}</strong>. Choose your name and a password.
          </p>
          <AcceptInviteForm token={token} email={found.email} submitLabel="Join" />
        </>
      ) : (
        <p className="banner banner-warn" data-testid="invite-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
