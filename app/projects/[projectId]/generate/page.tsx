import type { Metadata } from "next";
import { GeneratePage } from "@/components/generate/GeneratePage";

export const metadata: Metadata = { title: "Generate" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <GeneratePage projectId={projectId} />;
}
