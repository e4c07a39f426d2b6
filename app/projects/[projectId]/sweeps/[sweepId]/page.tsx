import type { Metadata } from "next";
import { SweepPage } from "@/components/runs/SweepPage";

export const metadata: Metadata = { title: "Sweep" };

export default async function Page({ params }: { params: Promise<{ projectId: string; sweepId: string }> }) {
  const { projectId, sweepId } = await params;
  return <SweepPage projectId={projectId} sweepId={sweepId} />;
}
