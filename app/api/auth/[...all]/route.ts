import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/server/auth/auth";
import { inApiErrorShape } from "@/lib/server/auth/error-shape";
import { withAuthAudit } from "@/lib/server/audit/auth-events";

// Better Auth's own endpoints: sign-in, sign-out, get-session, list-sessions, revoke-session.
// Public by nature; sign-up through them is disabled (accounts come from invites). Failures get the
// API's error shape, and sign-in and sign-out are recorded in the audit log.
async function handler(req: Request): Promise<Response> {
  return inApiErrorShape(req, await withAuthAudit(req, (r) => auth().handler(r)));
}

export const { GET, POST } = toNextJsHandler(handler);
