import type { Metadata } from "next";
import { MembersPage } from "@/components/auth/MembersPage";
import { requireSignedIn } from "@/lib/server/auth/page";

export const metadata: Metadata = { title: "Members" };

export default async function Page() {
  await requireSignedIn("members.manage");
  return <MembersPage />;
}
