import { tokenCreateSchema } from "@/lib/schemas/tokens";
import { noteAudit } from "@/lib/server/audit/context";
import { createToken, listTokens, sessionOnly } from "@/lib/server/auth/tokens";
import { json, parseBody, route } from "@/lib/server/http";

// One's own API tokens. Every member may have them (a token's role is at most theirs); only a
// signed-in session manages them, never a token (lib/server/auth/tokens.ts).

/** Newest first, revoked ones included; never the token itself. */
export const GET = route("read", async (_req, _p, who) => json(await listTokens(who)));

/** { name, role?, expiresAt? }: the token is in this answer only. */
export const POST = route("read", async (req, _p, who) => {
  noteAudit({ action: "tokens.create" });
  sessionOnly(who); // before reading the body: a token is refused whatever it sends
  const made = await createToken(who, await parseBody(req, tokenCreateSchema));
  noteAudit({ target: { type: "token", id: made.id, label: made.name }, detail: { role: made.role, expiresAt: made.expiresAt } });
  return json(made, 201);
});
