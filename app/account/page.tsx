import type { Metadata } from "next";
import { AccountPage } from "@/components/auth/AccountPage";
import { requireSignedIn } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Your account" };

export default async function Page() {
  const who = await requireSignedIn();
  return <AccountPage currentSessionId={who.sessionId} />;
}
