import { noteAudit } from "@/lib/server/audit/context";
import { revokeToken } from "@/lib/server/auth/tokens";
import { json, route } from "@/lib/server/http";

type P = { tokenId: string };

/** Revokes one of one's own tokens: requests with it are refused (401) from now on. */
export const DELETE = route<P>("read", async (_req, { tokenId }, who) => {
  noteAudit({ action: "tokens.revoke" });
  const t = await revokeToken(who, tokenId);
  noteAudit({ target: { type: "token", id: t.id, label: t.name } });
  return json(t);
});
