import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { OutputStyle } from "@/lib/schemas/common";
import type { ShareViewDto } from "@/lib/schemas/share";
import { db } from "@/lib/server/db";
import { resolveShareToken } from "@/lib/server/share/links";
import { SharedPage } from "@/components/share/SharedPage";

// No session is needed or read: the token in the path is the only key (lib/server/share/).
export const metadata: Metadata = {
  title: "Shared view",
  robots: { index: false, follow: false, nocache: true, googleBot: { index: false, follow: false } },
  referrer: "no-referrer",
};

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const share = await resolveShareToken(token);
  if (!share) notFound();
  const project = await db().project.findUniqueOrThrow({ where: { id: share.projectId }, select: { outputStyle: true } });
  const view: ShareViewDto = {
    kind: share.shareKind,
    projectId: share.projectId,
    targets: share.targets,
    expiresAt: share.expiresAt.toISOString(),
    outputStyle: project.outputStyle as OutputStyle,
  };
  return <SharedPage token={token} view={view} />;
}
