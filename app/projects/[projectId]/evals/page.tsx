import type { Metadata } from "next";
import { Suspense } from "react";
import { EvalsPage } from "@/components/evals/EvalsPage";
import { Loading } from "@/components/ui/States";

export const metadata: Metadata = { title: "Evals" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // ?new=1&runId=&model= opens the form pre-filled (useSearchParams needs a Suspense boundary).
  return (
    <Suspense fallback={<Loading label="Loading evals…" />}>
      <EvalsPage projectId={projectId} />
    </Suspense>
  );
}
