import type { Metadata } from "next";
import { ExamplesTrashPage } from "@/components/examples/ExamplesTrashPage";

export const metadata: Metadata = { title: "Trashed examples" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ExamplesTrashPage projectId={projectId} />;
}
