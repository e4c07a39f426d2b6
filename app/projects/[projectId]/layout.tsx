import type { ReactNode } from "react";
import { ProjectShell } from "@/components/project/ProjectShell";
import { requireSignedIn } from "@/lib/server/auth/page";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  await requireSignedIn();
  const { projectId } = await params;
  return <ProjectShell projectId={projectId}>{children}</ProjectShell>;
}
