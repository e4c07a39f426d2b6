import { json, route } from "@/lib/server/http";
import { revokeShareLink } from "@/lib/server/share/links";

/** Revokes the link at once (its creator, an admin or the owner); the row stays, marked, for the list. */
export const DELETE = route<{ projectId: string; shareId: string }>("shares.create", async (_req, { projectId, shareId }, who) =>
  json(await revokeShareLink(who, projectId, shareId)),
);
