// One-time links that make an account: the first-run setup link (owner, printed by `npm start`
// while no member exists) and invitations (an admin picks the address and role, copies the link;
// where SMTP is configured the link is emailed too).
// Only the SHA-256 of a token is stored; a link works once (claimed by compare-and-set), until it
// expires or is revoked. The account itself is made by Better Auth's own adapter and password hashing.
import { createHash, randomBytes } from "node:crypto";
import { canAssignRole, invitePath, type AcceptInviteInput, type InviteDto, type Role } from "../../schemas/auth";
import { db } from "../db";
import { AppError } from "../errors";
import { auth } from "./auth";
import { publicUrl } from "./config";
import type { Principal } from "./principal";
import { mailConfigured, sendMail } from "../mail";

const INVITE_DAYS = 7;
const SETUP_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

export async function memberCount(): Promise<number> {
  return db().user.count({ where: { role: { not: null } } });
}

/**
 * While no member exists: a fresh setup link (earlier unused ones stop working), else null.
 * `npm start` prints it (scripts/setup-url.ts).
 */
export async function newSetupLink(): Promise<string | null> {
  if ((await memberCount()) > 0) return null;
  const token = newToken();
  const now = new Date();
  await db().$transaction([
    db().invite.updateMany({ where: { kind: "setup", acceptedAt: null, revokedAt: null }, data: { revokedAt: now } }),
    db().invite.create({
      data: { kind: "setup", role: "owner", tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SETUP_DAYS * DAY_MS) },
    }),
  ]);
  return publicUrl() + invitePath("setup", token);
}

export async function createInvite(who: Principal, input: { email: string; role: Role }): Promise<InviteDto> {
  if (!who.role || !canAssignRole(who.role, input.role))
    throw new AppError("forbidden", `only an owner can invite someone as ${input.role}`, { field: "role" });
  if (await db().user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("conflict", `${input.email} is already a member`, { field: "email" });
  }
  const token = newToken();
  const row = await db().invite.create({
    data: {
      kind: "invite",
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      createdById: who.userId,
      expiresAt: new Date(Date.now() + INVITE_DAYS * DAY_MS),
    },
  });
  const url = publicUrl() + invitePath("invite", token);
  const dto: InviteDto = { ...toDto(row, who.name), url };
  if (mailConfigured()) dto.mail = await sendMail(inviteMail(input.email, input.role, who.name, url));
  return dto;
}

function inviteMail(to: string, role: Role, from: string | null, url: string) {
  const host = new URL(publicUrl()).host;
  return {
    to,
    subject: `You are invited to ToolTune on ${host}`,
    text: [
      `${from ?? "An admin"} invited you to ToolTune on ${host} as ${role === "admin" || role === "owner" ? "an" : "a"} ${role}.`,
      "",
      `Open this link to make your account (it works once, for ${INVITE_DAYS} days):`,
      url,
      "",
      "If you did not expect this, ignore this message; the link expires unused.",
    ].join("\n"),
  };
}

type InviteRow = { id: string; email: string | null; role: string; createdAt: Date; expiresAt: Date };
const toDto = (r: InviteRow, createdBy: string | null): InviteDto => ({
  id: r.id,
  email: r.email ?? "",
  role: r.role as Role,
  createdBy,
  createdAt: r.createdAt.toISOString(),
  expiresAt: r.expiresAt.toISOString(),
});

/** Invitations not yet used, revoked or expired, newest first. */
export async function listInvites(): Promise<InviteDto[]> {
  const rows = await db().invite.findMany({
    where: { kind: "invite", acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    include: { createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return rows.map((r) => toDto(r, r.createdBy?.name ?? null));
}

export async function revokeInvite(id: string): Promise<void> {
  const { count } = await db().invite.updateMany({
    where: { id, kind: "invite", acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", `invite "${id}" does not exist or was already used or revoked`);
}

/** What a link is for, so its page can show the form; a dead link is a 404 that says why. */
export async function inspectInvite(token: string): Promise<{ kind: "setup" | "invite"; email: string | null; role: Role }> {
  const row = await db().invite.findUnique({ where: { tokenHash: hashToken(token) } });
  const why = deadReason(row);
  if (why || !row) throw new AppError("not_found", why ?? "this link does not exist");
  if (row.kind === "setup" && (await memberCount()) > 0) throw new AppError("not_found", "setup is done: sign in instead");
  return { kind: row.kind as "setup" | "invite", email: row.email, role: row.role as Role };
}

/** For the /setup and /invite pages: the link's invite, or why it cannot be used (a sentence to show). */
export async function inviteOrProblem(
  token: string,
): Promise<{ invite: Awaited<ReturnType<typeof inspectInvite>>; problem: null } | { invite: null; problem: string }> {
  try {
    return { invite: await inspectInvite(token), problem: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { invite: null, problem: e.message };
  }
}

function deadReason(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null): string | null {
  if (!row) return "this link does not exist; ask an admin for a new one";
  if (row.acceptedAt) return "this link was used already; sign in instead";
  if (row.revokedAt) return "this link was revoked; ask an admin for a new one";
  if (row.expiresAt <= new Date()) return "this link has expired; ask an admin for a new one";
  return null;
}

/** Uses a link once: makes the account with the link's role and returns its id and address. */
export async function acceptInvite(input: AcceptInviteInput): Promise<{ userId: string; email: string }> {
  const found = await inspectInvite(input.token);
  const email = found.kind === "invite" && found.email ? found.email : input.email;
  if (found.kind === "invite" && found.email && input.email !== found.email) {
    throw new AppError("bad_request", `this invitation is for ${found.email}`, { field: "email" });
  }
  if (await db().user.findUnique({ where: { email }, select: { id: true } }))
    throw new AppError("conflict", `${email} already has an account; sign in instead`, { field: "email" });
  const tokenHash = hashToken(input.token);
  const claimed = await db().invite.updateMany({
    where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date() },
  });
  if (claimed.count === 0) throw new AppError("conflict", "this link was used a moment ago; sign in instead");
  try {
    const ctx = await auth().$context;
    const user = await ctx.internalAdapter.createUser(
      { email, name: input.name, role: found.role, emailVerified: false },
      { method: "email-password" },
    );
    await ctx.internalAdapter.linkAccount({
      userId: user.id,
      providerId: "credential",
      accountId: user.id,
      password: await ctx.password.hash(input.password),
    });
    await db().invite.update({ where: { tokenHash }, data: { acceptedById: user.id } });
    return { userId: user.id, email };
  } catch (e) {
    await db().invite.updateMany({ where: { tokenHash, acceptedById: null }, data: { acceptedAt: null } }); // the link stays usable
    throw e;
  }
}
