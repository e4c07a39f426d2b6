import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "@/components/ui/States";
import { RunsPage } from "@/components/runs/RunsPage";

export const metadata: Metadata = { title: "Runs" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The compared runs live in the query string.
  return (
    <Suspense fallback={<Loading label="Loading runs…" />}>
      <RunsPage projectId={projectId} />
    </Suspense>
  );
}
