import type { Metadata } from "next";
import { Suspense } from "react";
import { CompareEvalsPage } from "@/components/evals/CompareEvalsPage";
import { Loading } from "@/components/ui/States";

export const metadata: Metadata = { title: "Compare evals" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // ?a=EVALID&b=EVALID
  return (
    <Suspense fallback={<Loading label="Comparing the evals…" />}>
      <CompareEvalsPage projectId={projectId} />
    </Suspense>
  );
}
