import type { Metadata } from "next";
import { CataloguePage } from "@/components/catalogue/CataloguePage";

export const metadata: Metadata = { title: "Catalogue" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <CataloguePage projectId={projectId} />;
}
