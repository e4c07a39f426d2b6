import type { Metadata } from "next";
import { requireSignedIn } from "@/lib/server/auth/page";
import { EndpointsPage } from "@/components/endpoints/EndpointsPage";

export const metadata: Metadata = { title: "Endpoints" };

export default async function Page() {
  await requireSignedIn();
  return <EndpointsPage />;
}
