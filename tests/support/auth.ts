// Test members: made through the same one-time links people use (setup, then invites) and signed
// in through Better Auth's own API, so a test's session cookie is exactly the one a browser gets.
import type { Role } from "@/lib/schemas/auth";
import { auth } from "@/lib/server/auth/auth";
import { acceptInvite, createInvite, newSetupLink } from "@/lib/server/auth/invites";
import { db } from "@/lib/server/db";

export const TEST_PASSWORD = "correct horse battery staple";

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x";
export const testEmail = (name: string, role: Role) => `${slug(name)}.${role}@test.local`;

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

async function someOwner() {
  const owner = await db().user.findFirst({ where: { role: "owner" }, orderBy: { createdAt: "asc" } });
  if (owner) return owner;
  const url = await newSetupLink();
  const email = testEmail("Test Owner", "owner");
  await acceptInvite({ token: tokenOf(url!), name: "Test Owner", email, password: TEST_PASSWORD });
  return db().user.findUniqueOrThrow({ where: { email } });
}

/** Makes (once) a member called `name` with `role`; returns their address. */
export async function ensureMember(name: string, role: Role = "owner"): Promise<string> {
  const email = testEmail(name, role);
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) return email;
  const owner = await someOwner();
  if (owner.email === email) return email;
  const invite = await createInvite({ kind: "session", userId: owner.id, name: owner.name, email: owner.email!, role: "owner", sessionId: "" }, { email, role });
  await acceptInvite({ token: tokenOf(invite.url!), name, email, password: TEST_PASSWORD });
  return email;
}

const cookies = new Map<string, string>();

/** The Cookie header of a fresh session of the member `name` with `role` (made on first use). */
export async function sessionCookie(name: string, role: Role = "owner"): Promise<string> {
  const key = `${process.env.DATABASE_URL}|${name}|${role}`;
  const known = cookies.get(key);
  if (known) return known;
  const email = await ensureMember(name, role);
  const { headers } = await auth().api.signInEmail({ body: { email, password: TEST_PASSWORD }, returnHeaders: true });
  const cookie = headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`signing in ${email} set no cookie`);
  cookies.set(key, cookie);
  return cookie;
}

/** Forgets cached cookies (after a test revokes sessions). */
export function forgetSessionCookies(): void {
  cookies.clear();
}
