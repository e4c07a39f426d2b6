import { revokeInvite } from "@/lib/server/auth/invites";
import { noContent, route } from "@/lib/server/http";

export const DELETE = route<{ inviteId: string }>("members.manage", async (_req, { inviteId }) => {
  await revokeInvite(inviteId);
  return noContent();
});
