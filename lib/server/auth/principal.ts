// Who is asking: resolved once per request from the session cookie, then checked against the
// actions table (lib/schemas/auth.ts). Every route goes through route() in ../http.ts, which calls
// these, so no route can forget. API tokens and share links will be further kinds of Principal.
import { ACTIONS, ROLES, roleAllows, type Action, type Role } from "../../schemas/auth";
import { AppError } from "../errors";
import { auth } from "./auth";
import { bearerToken, tokenPrincipal } from "./tokens";

export interface SessionPrincipal {
  kind: "session";
  userId: string;
  name: string;
  email: string;
  role: Role | null;
  sessionId: string;
}

/** A request with `Authorization: Bearer tt_…` (tokens.ts): it acts as its owner, with min(token role, owner's role). */
export interface TokenPrincipal {
  kind: "token";
  userId: string;
  name: string;
  email: string;
  role: Role | null;
  tokenId: string;
  tokenName: string;
}

export type Principal = SessionPrincipal | TokenPrincipal;

const isRole = (r: unknown): r is Role => typeof r === "string" && (ROLES as readonly string[]).includes(r);

/**
 * Who sent these request headers: an API token when there is `Authorization: Bearer` (a bad,
 * revoked or expired token is a 401 saying which, never a fall-back to the cookie), else the
 * signed-in member of the session cookie, else null.
 */
export async function principalFrom(headers: Headers): Promise<Principal | null> {
  const bearer = bearerToken(headers);
  if (bearer !== null) return tokenPrincipal(bearer);
  return sessionFrom(headers);
}

/** The signed-in member of the session cookie, or null (pages: a browser never sends a token). */
export async function sessionFrom(headers: Headers): Promise<SessionPrincipal | null> {
  if (!headers.get("cookie")) return null;
  const s = await auth().api.getSession({ headers, query: { disableRefresh: true } });
  if (!s) return null;
  const role = (s.user as { role?: unknown }).role;
  return { kind: "session", userId: s.user.id, name: s.user.name, email: s.user.email, role: isRole(role) ? role : null, sessionId: s.session.id };
}

/** The principal, if it may take `action`; otherwise a 401 (nobody signed in) or a 403 naming what is missing. */
export function authorize(who: Principal | null, action: Action): Principal {
  if (!who) throw new AppError("unauthenticated", "sign in first: this needs a signed-in member");
  if (!roleAllows(who.role, action)) {
    const least = ACTIONS[action].least;
    throw new AppError("forbidden", `your role (${who.role ?? "none"}) cannot ${ACTIONS[action].what}; it needs ${least} or higher: ask an admin`);
  }
  return who;
}
