import type { Metadata } from "next";
import { PlaygroundPage } from "@/components/evals/PlaygroundPage";

export const metadata: Metadata = { title: "Playground" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <PlaygroundPage projectId={projectId} />;
}
