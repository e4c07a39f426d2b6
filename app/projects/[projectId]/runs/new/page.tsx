import type { Metadata } from "next";
import { NewRunPage } from "@/components/runs/NewRunPage";

export const metadata: Metadata = { title: "New run" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <NewRunPage projectId={projectId} />;
}
