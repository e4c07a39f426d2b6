import type { Metadata } from "next";
import { AcceptInviteForm } from "@/components/auth/AcceptInviteForm";
import { ROLE_LABELS } from "@/lib/schemas/auth";
import { AppError } from "@/lib/server/errors";
import { inspectInvite } from "@/lib/server/auth/invites";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  let found: Awaited<ReturnType<typeof inspectInvite>> | null = null;
  let problem = "This link has no token; copy the whole invitation link.";
  if (token) {
    try {
      found = await inspectInvite(token);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      problem = e.message;
    }
  }
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
