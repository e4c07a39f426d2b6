import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/server/auth/auth";

// Better Auth's own endpoints: sign-in, sign-out, get-session, list-sessions, revoke-session.
// Public by nature; sign-up through them is disabled (accounts come from invites).
const handler = (req: Request) => auth().handler(req);
export const { GET, POST } = toNextJsHandler(handler);
