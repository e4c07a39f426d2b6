import type { Metadata } from "next";
import { Suspense } from "react";
import { ExamplesPage } from "@/components/examples/ExamplesPage";
import { Loading } from "@/components/ui/States";

export const metadata: Metadata = { title: "Examples" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The filters live in the query string (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<Loading label="Loading examples…" />}>
      <ExamplesPage projectId={projectId} />
    </Suspense>
  );
}
