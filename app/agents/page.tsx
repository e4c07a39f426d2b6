import type { Metadata } from "next";
import { requireSignedIn } from "@/lib/server/auth/page";
import { AgentsPage } from "@/components/agents/AgentsPage";

export const metadata: Metadata = { title: "GPU agents" };

export default async function Page() {
  await requireSignedIn();
  return <AgentsPage />;
}
