import type { Metadata } from "next";
import { DataPage } from "@/components/datasets/DataPage";

export const metadata: Metadata = { title: "Data" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <DataPage projectId={projectId} />;
}
