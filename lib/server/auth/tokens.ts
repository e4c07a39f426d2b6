// Personal API tokens for scripts: `Authorization: Bearer tt_…`. Only the token's SHA-256 is kept
// (a 256-bit random token needs no slow hash), so it is shown once, when made. A token acts as its
// owner with min(its role, the owner's current role): demoting a member demotes their tokens.
// Tokens are made, listed and revoked only from a signed-in session (routes in app/api/tokens).
import { createHash, randomBytes } from "node:crypto";
import { ROLES, type Role } from "../../schemas/auth";
import type { ApiTokenDto, TokenCreateInput } from "../../schemas/tokens";
import { db } from "../db";
import { AppError } from "../errors";
import type { Principal, TokenPrincipal } from "./principal";

export const TOKEN_PREFIX = "tt_";
/** lastUsedAt is written at most once a minute per token, not on every request. */
export const LAST_USED_EVERY_MS = 60_000;

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };
const isRole = (r: unknown): r is Role => typeof r === "string" && (ROLES as readonly string[]).includes(r);
const lower = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The token of `Authorization: Bearer …`, or null without one. */
export function bearerToken(headers: Headers): string | null {
  const h = headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new AppError("unauthenticated", "the Authorization header must be \"Bearer <token>\" with a ToolTune API token (Account → API tokens)");
  return m[1];
}

type Row = { id: string; name: string; prefix: string; role: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null };

function toDto(t: Row, ownerRole: Role | null): ApiTokenDto {
  const role = isRole(t.role) ? t.role : "viewer";
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    role,
    effectiveRole: ownerRole ? lower(role, ownerRole) : null,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

/** The principal of a bearer token; a 401 saying why when it is unknown, revoked or expired. */
export async function tokenPrincipal(token: string): Promise<TokenPrincipal> {
  if (!token.startsWith(TOKEN_PREFIX)) throw new AppError("unauthenticated", `this is not a ToolTune API token (they start with "${TOKEN_PREFIX}"); make one under Account → API tokens`);
  const t = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!t) throw new AppError("unauthenticated", "this API token is not known: it was mistyped or its owner was removed");
  if (t.revokedAt) throw new AppError("unauthenticated", `API token '${t.name}' was revoked on ${t.revokedAt.toISOString()}; make a new one under Account → API tokens`);
  const now = new Date();
  if (t.expiresAt && t.expiresAt <= now) throw new AppError("unauthenticated", `API token '${t.name}' expired on ${t.expiresAt.toISOString()}; make a new one under Account → API tokens`);
  if (!isRole(t.user.role) || !t.user.email) throw new AppError("unauthenticated", `API token '${t.name}' belongs to someone who is no longer a member`);
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    // The condition makes concurrent requests of the same minute write once.
    await db().apiToken.updateMany({ where: { id: t.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_EVERY_MS) } }] }, data: { lastUsedAt: now } });
  }
  const tokenRole = isRole(t.role) ? t.role : "viewer";
  return { kind: "token", userId: t.userId, name: t.user.name, email: t.user.email, role: lower(tokenRole, t.user.role), tokenId: t.id, tokenName: t.name };
}

/** Token management needs a signed-in session: a token can never make, list or revoke tokens. */
export function sessionOnly(who: Principal): asserts who is Extract<Principal, { kind: "session" }> {
  if (who.kind !== "session") throw new AppError("forbidden", "API tokens cannot manage API tokens: sign in to the app to make or revoke one");
}

export async function listTokens(who: Principal): Promise<ApiTokenDto[]> {
  sessionOnly(who);
  const rows = await db().apiToken.findMany({ where: { userId: who.userId }, orderBy: { createdAt: "desc" }, take: 500 });
  return rows.map((t) => toDto(t, who.role));
}

/** Makes a token; the answer is the only time `token` is shown. */
export async function createToken(who: Principal, input: TokenCreateInput): Promise<ApiTokenDto & { token: string }> {
  sessionOnly(who);
  if (!who.role) throw new AppError("forbidden", "only members can make API tokens");
  const role = input.role ?? who.role;
  if (RANK[role] > RANK[who.role]) throw new AppError("forbidden", `a token's role cannot be higher than yours (${who.role})`, { field: "role" });
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= new Date()) throw new AppError("validation_failed", "the expiry date is in the past", { field: "expiresAt" });
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db().apiToken.create({ data: { userId: who.userId, name: input.name, role, expiresAt, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 4) } });
  return { ...toDto(row, who.role), token };
}

/** Revokes one of one's own tokens (again: no change). */
export async function revokeToken(who: Principal, id: string): Promise<ApiTokenDto> {
  sessionOnly(who);
  const t = await db().apiToken.findFirst({ where: { id, userId: who.userId } });
  if (!t) throw new AppError("not_found", `API token "${id}" does not exist or is not yours`);
  const row = t.revokedAt ? t : await db().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  return toDto(row, who.role);
}
