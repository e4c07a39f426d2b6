import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { SsoButton } from "@/components/auth/SsoButton";
import { oidcSettings } from "@/lib/server/auth/config";
import { memberCount } from "@/lib/server/auth/invites";
import { sessionFrom } from "@/lib/server/auth/principal";
import { ssoErrorMessage } from "@/lib/server/auth/sso";
import { safeNextPath } from "@/lib/schemas/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  if (await sessionFrom(await headers())) redirect("/");
  if ((await memberCount()) === 0) redirect("/setup");
  const { next, error } = await searchParams;
  const target = safeNextPath(next);
  const sso = oidcSettings();
  const refused = error ? ssoErrorMessage(error) : null;
  return (
    <div className="page page-narrow auth-page">
      <h1>Sign in to ToolTune</h1>
      {refused ? (
        <div className="panel stack" role="alert" data-testid="sso-refused">
          <strong>{refused.title}</strong>
          <p>{refused.detail}</p>
        </div>
      ) : null}
      {sso ? <SsoButton providerId={sso.providerId} name={sso.name} next={target} /> : null}
      <SignInForm next={target} />
      <p className="muted small">No account? Ask an admin of this ToolTune for an invitation link.</p>
    </div>
  );
}
