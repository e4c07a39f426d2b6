import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { memberCount } from "@/lib/server/auth/invites";
import { principalFrom } from "@/lib/server/auth/principal";
import { safeNextPath } from "@/lib/schemas/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await principalFrom(await headers())) redirect("/");
  if ((await memberCount()) === 0) redirect("/setup");
  const { next } = await searchParams;
  const target = safeNextPath(next);
  return (
    <div className="page page-narrow auth-page">
      <h1>Sign in to ToolTune</h1>
      <SignInForm next={target} />
      <p className="muted small">No account? Ask an admin of this ToolTune for an invitation link.</p>
    </div>
  );
}
