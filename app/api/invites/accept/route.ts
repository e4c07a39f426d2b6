import { acceptInviteSchema } from "@/lib/schemas/auth";
import { auth } from "@/lib/server/auth/auth";
import { acceptInvite } from "@/lib/server/auth/invites";
import { noteAudit } from "@/lib/server/audit/context";
import { json, parseBody, route } from "@/lib/server/http";

/** { token, name, email, password }: uses a setup or invite link once, makes the account and signs it in. */
export const POST = route("public", async (req) => {
  noteAudit({ action: "members.join" });
  const input = await parseBody(req, acceptInviteSchema);
  noteAudit({ actor: { userId: null, label: input.email } });
  const { userId, email } = await acceptInvite(input);
  noteAudit({ actor: { userId, label: email }, target: { type: "user", id: userId, label: email } });
  const signedIn = await auth().api.signInEmail({ body: { email, password: input.password }, headers: req.headers, returnHeaders: true });
  const res = json({ id: userId, email }, 201);
  for (const cookie of signedIn.headers.getSetCookie()) res.headers.append("set-cookie", cookie);
  return res;
});
