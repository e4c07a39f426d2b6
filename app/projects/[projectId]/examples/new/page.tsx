import type { Metadata } from "next";
import { Suspense } from "react";
import { ExampleEditorPage } from "@/components/editor/ExampleEditorPage";
import { Loading } from "@/components/ui/States";

export const metadata: Metadata = { title: "New example" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <ExampleEditorPage projectId={projectId} exampleId={null} />
    </Suspense>
  );
}
