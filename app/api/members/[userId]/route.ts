import { memberPatchSchema } from "@/lib/schemas/auth";
import { changeRole, removeMember } from "@/lib/server/auth/members";
import { json, noContent, parseBody, route } from "@/lib/server/http";

type P = { userId: string };

/** { role }: admins change editors and viewers; only owners hand out or take away owner. */
export const PATCH = route<P>("members.manage", async (req, { userId }, who) => json(await changeRole(who, userId, (await parseBody(req, memberPatchSchema)).role)));

/** Removes a member: their sessions end and they cannot sign in; what they wrote keeps their name. */
export const DELETE = route<P>("members.manage", async (_req, { userId }, who) => {
  await removeMember(who, userId);
  return noContent();
});
