import type { Metadata } from "next";
import { requireSignedIn } from "@/lib/server/auth/page";
import { TrashPage } from "@/components/trash/TrashPage";

export const metadata: Metadata = { title: "Trash" };

export default async function Page() {
  await requireSignedIn();
  return <TrashPage />;
}
