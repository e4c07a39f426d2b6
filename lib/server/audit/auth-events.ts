// Sign-in and sign-out go through Better Auth's own handler (app/api/auth/[...all]), not route():
// this wraps it and records "auth.sign-in" (ok, or failed with the address tried), "auth.sign-out"
// and the revoking of sessions.
import { sessionFrom } from "../auth/principal";
import { clientIp, recordAudit } from "./record";

const SIGN_IN = "/api/auth/sign-in/email";
const SIGN_OUT = "/api/auth/sign-out";
/** Better Auth's session endpoints that end sessions, and the action each is recorded as. */
const ENDING: Record<string, string> = {
  [SIGN_OUT]: "auth.sign-out",
  "/api/auth/revoke-session": "auth.revoke-session",
  "/api/auth/revoke-sessions": "auth.revoke-sessions",
  "/api/auth/revoke-other-sessions": "auth.revoke-other-sessions",
};

export async function withAuthAudit(req: Request, handle: (req: Request) => Promise<Response>): Promise<Response> {
  const path = new URL(req.url).pathname;
  if (req.method !== "POST" || (path !== SIGN_IN && !ENDING[path])) return handle(req);
  const ip = clientIp(req);
  if (ENDING[path]) {
    const who = await sessionFrom(req.headers).catch(() => null);
    const res = await handle(req);
    const target = path === SIGN_OUT && who ? { type: "session", id: who.sessionId } : null;
    if (who) await recordAudit({ action: ENDING[path], actor: who, outcome: res.ok ? "ok" : "failed", target, ip });
    return res;
  }
  const body = (await req.clone().json().catch(() => null)) as { email?: unknown } | null;
  const email = typeof body?.email === "string" ? body.email.trim().toLowerCase().slice(0, 254) : "";
  const res = await handle(req);
  let userId: string | null = null;
  if (res.ok) {
    const answer = (await res.clone().json().catch(() => null)) as { user?: { id?: unknown } } | null;
    userId = typeof answer?.user?.id === "string" ? answer.user.id : null;
  }
  await recordAudit({
    action: "auth.sign-in",
    actor: { userId, label: email || "anonymous" },
    outcome: res.ok ? "ok" : res.status === 429 ? "denied" : "failed",
    target: userId ? { type: "user", id: userId, label: email } : null,
    ip,
    detail: { method: "password", status: res.status },
  });
  return res;
}
