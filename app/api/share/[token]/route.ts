import type { ShareViewDto } from "@/lib/schemas/share";
import type { OutputStyle } from "@/lib/schemas/common";
import { db } from "@/lib/server/db";
import { json } from "@/lib/server/http";
import { shareRoute } from "@/lib/server/share/http";

/** Which thing this link shows (and its project's output style, to draw answers): nothing else of the project. */
export const GET = shareRoute<{ token: string }>(async (_req, _params, share) => {
  const p = await db().project.findUniqueOrThrow({ where: { id: share.projectId }, select: { outputStyle: true } });
  const view: ShareViewDto = { kind: share.shareKind, projectId: share.projectId, targets: share.targets, expiresAt: share.expiresAt.toISOString(), outputStyle: p.outputStyle as OutputStyle };
  return json(view);
});
