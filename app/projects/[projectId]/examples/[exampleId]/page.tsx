import type { Metadata } from "next";
import { Suspense } from "react";
import { ExampleEditorPage } from "@/components/editor/ExampleEditorPage";
import { Loading } from "@/components/ui/States";

export const metadata: Metadata = { title: "Example" };

export default async function Page({ params }: { params: Promise<{ projectId: string; exampleId: string }> }) {
  const { projectId, exampleId } = await params;
  return (
    <Suspense fallback={<Loading label="Loading example…" />}>
      <ExampleEditorPage projectId={projectId} exampleId={exampleId} />
    </Suspense>
  );
}
