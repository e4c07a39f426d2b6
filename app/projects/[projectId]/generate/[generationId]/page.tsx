import type { Metadata } from "next";
import { GenerationDetail } from "@/components/generate/GenerationDetail";

export const metadata: Metadata = { title: "Generation" };

export default async function Page({ params }: { params: Promise<{ projectId: string; generationId: string }> }) {
  const { projectId, generationId } = await params;
  return <GenerationDetail projectId={projectId} generationId={generationId} />;
}
