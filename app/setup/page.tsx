import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AcceptInviteForm } from "@/components/auth/AcceptInviteForm";
import { inviteOrProblem, memberCount } from "@/lib/server/auth/invites";

export const metadata: Metadata = { title: "Set up", robots: { index: false } };

/** First run: the one-time link `npm start` printed makes the owner account. */
export default async function Page({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams; // first: it makes the page render per request, never at build time
  if ((await memberCount()) > 0) redirect("/sign-in");
  let problem: string | null = null;
  if (!token)
    problem =
      "Open the one-time setup link that `npm start` printed in its terminal (it ends in /setup?token=…). Restarting prints a new one.";
  else {
    const found = await inviteOrProblem(token);
    if (found.invite === null) problem = `${found.problem}. Restart ToolTune (npm start) to print a new setup link.`;
    else if (found.invite.kind !== "setup") problem = "This is an invitation link, not the setup link.";
  }
  return (
    <div className="page page-narrow auth-page">
      <h1>Welcome to ToolTune</h1>
      {problem || !token ? (
        <p className="banner banner-warn" data-testid="setup-problem">
          {problem}
        </p>
      ) : (
        <>
          <p className="muted">Make the owner account. The owner invites everyone else and decides their roles.</p>
          <AcceptInviteForm token={token} email={null} submitLabel="Make the owner account" />
        </>
      )}
    </div>
  );
}
