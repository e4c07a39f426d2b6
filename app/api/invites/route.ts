import { inviteCreateSchema } from "@/lib/schemas/auth";
import { createInvite, listInvites } from "@/lib/server/auth/invites";
import { json, parseBody, route } from "@/lib/server/http";

/** Invitations not yet used. */
export const GET = route("members.manage", async () => json(await listInvites()));

/** { email, role }: a one-time link, in the answer only (it is stored hashed). */
export const POST = route("members.manage", async (req, _p, who) => json(await createInvite(who, await parseBody(req, inviteCreateSchema)), 201));
