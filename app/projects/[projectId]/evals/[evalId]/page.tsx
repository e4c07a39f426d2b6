import type { Metadata } from "next";
import { Suspense } from "react";
import { EvalReportPage } from "@/components/evals/EvalReportPage";
import { Loading } from "@/components/ui/States";

export const metadata: Metadata = { title: "Eval" };

export default async function Page({ params }: { params: Promise<{ projectId: string; evalId: string }> }) {
  const { projectId, evalId } = await params;
  // The example list's filters and the open example live in the query string.
  return (
    <Suspense fallback={<Loading label="Loading the eval…" />}>
      <EvalReportPage projectId={projectId} evalId={evalId} />
    </Suspense>
  );
}
