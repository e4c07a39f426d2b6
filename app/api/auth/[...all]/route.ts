import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/server/auth/auth";
import { withAuthAudit } from "@/lib/server/audit/auth-events";

// Better Auth's own endpoints: sign-in, sign-out, get-session, list-sessions, revoke-session.
// Public by nature; sign-up through them is disabled (accounts come from invites). Its failures are
// given the API's error shape ({ error: { code, message } }), like every other route's. Sign-in
// and sign-out are recorded in the audit log (lib/server/audit/auth-events.ts).
async function handler(req: Request): Promise<Response> {
  const res = await withAuthAudit(req, (r) => auth().handler(r));
  if (res.status < 400) return res;
  let body: { code?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(await res.clone().text());
  } catch {
    // an unknown path answers 404 with no body
  }
  const message = typeof body.message === "string" && body.message ? body.message : `no sign-in endpoint answers ${req.method} ${new URL(req.url).pathname}`;
  const code = typeof body.code === "string" ? body.code.toLowerCase() : res.status === 404 ? "not_found" : "auth_error";
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify({ error: { code, message } }), { status: res.status, headers });
}

export const { GET, POST } = toNextJsHandler(handler);
