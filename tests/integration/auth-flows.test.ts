// Sign-in as people meet it: the first-run link works once and makes the owner; invitations make
// members with the invited role; sessions can be listed, revoked and signed out; sign-in attempts
// are limited per address and per account; members' roles change and removed members are out.
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as acceptRoute from "@/app/api/invites/accept/route";
import * as invitesRoute from "@/app/api/invites/route";
import * as inviteRoute from "@/app/api/invites/[inviteId]/route";
import * as meRoute from "@/app/api/me/route";
import * as memberRoute from "@/app/api/members/[userId]/route";
import * as projectsRoute from "@/app/api/projects/route";
import { publicUrl } from "@/lib/server/auth/config";
import { databaseKind, pgConnectionFields, sqliteFilePath } from "@/lib/server/database-url";
import { db, disconnectDb } from "@/lib/server/db";
import { TEST_PASSWORD, sessionCookie } from "../support/auth";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;
const run = Math.random().toString(36).slice(2, 8); // rate-limit counters live in Redis across runs

async function send(handler: Handler, method: string, opts: { path?: string; cookie?: string; body?: unknown; params?: Record<string, string>; ip?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: publicUrl() };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.ip) headers["x-forwarded-for"] = opts.ip;
  const res = await handler(new Request(publicUrl() + (opts.path ?? "/api/x"), { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }), {
    params: Promise.resolve(opts.params ?? {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

const signIn = (email: string, password: string, ip = "192.0.2.10") => send(authRoute.POST, "POST", { path: "/api/auth/sign-in/email", body: { email, password }, ip });
const me = (cookie: string) => send(meRoute.GET, "GET", { cookie });
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

describe("first run", () => {
  const saved = process.env.DATABASE_URL!;
  const fresh = databaseKind(saved) === "postgres" ? saved.replace(/\/([^/?]+)(\?|$)/, "/$1_fresh$2") : saved.replace(/\.db$/, "-fresh.db");

  beforeAll(async () => {
    if (databaseKind(fresh) === "postgres") {
      const cfg = pgConnectionFields(fresh);
      const admin = new pg.Client({ ...cfg, database: "postgres" });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${cfg.database}" WITH (FORCE)`);
      await admin.end();
    } else {
      execFileSync("rm", ["-f", sqliteFilePath(fresh), `${sqliteFilePath(fresh)}-wal`, `${sqliteFilePath(fresh)}-shm`]);
    }
    execFileSync("node", ["scripts/db.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: fresh }, stdio: "ignore" });
    await disconnectDb();
    process.env.DATABASE_URL = fresh;
  }, 120_000);

  afterAll(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = saved;
  });

  const setupUrl = () => execFileSync("node_modules/.bin/tsx", ["scripts/setup-url.ts"], { env: { ...process.env }, encoding: "utf8" });

  it("prints a one-time setup link that makes the owner once; a newer link replaces it; then none is printed", async () => {
    const first = setupUrl().match(/http\S+\/setup\?token=\S+/)?.[0];
    const second = setupUrl().match(/http\S+\/setup\?token=\S+/)?.[0];
    expect(first, "npm start prints the setup link").toBeTruthy();
    expect(second).not.toBe(first);

    const stale = await send(acceptRoute.POST, "POST", { body: { token: tokenOf(first!), name: "Olu Owner", email: "olu@example.test", password: TEST_PASSWORD } });
    expect(stale.status, JSON.stringify(stale.json)).toBe(404);
    expect(stale.json.error.message).toMatch(/revoked/);

    const made = await send(acceptRoute.POST, "POST", { body: { token: tokenOf(second!), name: "Olu Owner", email: "Olu@Example.test", password: TEST_PASSWORD } });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.cookie).toMatch(/session_token=/);
    expect((await me(made.cookie)).json).toMatchObject({ name: "Olu Owner", email: "olu@example.test", role: "owner" });

    const again = await send(acceptRoute.POST, "POST", { body: { token: tokenOf(second!), name: "Mallory", email: "mallory@example.test", password: TEST_PASSWORD } });
    expect(again.status).toBe(404);
    expect(await db().user.count({ where: { role: { not: null } } })).toBe(1);
    expect(setupUrl()).not.toMatch(/setup\?token=/);
  });
});

describe("invitations", () => {
  let owner: string;
  let admin: string;
  beforeAll(async () => {
    owner = await sessionCookie("Invite Owner", "owner");
    admin = await sessionCookie("Invite Admin", "admin");
  });

  it("makes a member with the invited role and address, once; the link is stored only hashed", async () => {
    const email = `ed-${run}@example.test`;
    const inv = await send(invitesRoute.POST, "POST", { cookie: admin, body: { email, role: "editor" } });
    expect(inv.status, JSON.stringify(inv.json)).toBe(201);
    const token = tokenOf(inv.json.url);
    expect(await db().invite.count({ where: { tokenHash: token } })).toBe(0);
    expect((await send(invitesRoute.GET, "GET", { cookie: admin })).json.map((i: { email: string }) => i.email)).toContain(email);

    const wrong = await send(acceptRoute.POST, "POST", { body: { token, name: "Eve", email: "eve@example.test", password: TEST_PASSWORD } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toContain(email);
    const short = await send(acceptRoute.POST, "POST", { body: { token, name: "Ed", email, password: "short" } });
    expect(short.status).toBe(422);
    expect(short.json.error.field).toBe("password");

    const ok = await send(acceptRoute.POST, "POST", { body: { token, name: "Ed Itor", email, password: TEST_PASSWORD } });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    expect((await me(ok.cookie)).json).toMatchObject({ name: "Ed Itor", role: "editor" });
    expect((await send(acceptRoute.POST, "POST", { body: { token, name: "Ed", email, password: TEST_PASSWORD } })).status).toBe(404);
    expect((await send(invitesRoute.GET, "GET", { cookie: admin })).json.map((i: { email: string }) => i.email)).not.toContain(email);
    // The new editor writes under their own name.
    const p = await send(projectsRoute.POST, "POST", { cookie: ok.cookie, body: { name: `by ed ${run}` } });
    expect(p.status).toBe(201);
  });

  it("lets only an owner invite an owner, and a revoked invite no longer works", async () => {
    const asAdmin = await send(invitesRoute.POST, "POST", { cookie: admin, body: { email: `o-${run}@example.test`, role: "owner" } });
    expect(asAdmin.status).toBe(403);
    const inv = await send(invitesRoute.POST, "POST", { cookie: owner, body: { email: `o-${run}@example.test`, role: "owner" } });
    expect(inv.status).toBe(201);
    expect((await send(inviteRoute.DELETE, "DELETE", { cookie: admin, params: { inviteId: inv.json.id } })).status).toBe(204);
    const used = await send(acceptRoute.POST, "POST", { body: { token: tokenOf(inv.json.url), name: "O", email: `o-${run}@example.test`, password: TEST_PASSWORD } });
    expect(used.status).toBe(404);
    expect(used.json.error.message).toMatch(/revoked/);
  });

  it("emails the link where SMTP is set, and says so; a refused send still leaves a working link", async () => {
    const received: { from: string; to: string[]; body: string; user?: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onAuth: (a, _s, cb) => (a.username === "mailer" && a.password === "s3cret" ? cb(null, { user: a.username }) : cb(new Error("bad credentials"))),
      onRcptTo: (addr, _s, cb) => (addr.address.startsWith("bounce-") ? cb(new Error("550 no such mailbox here")) : cb()),
      onData: (stream, session, cb) => {
        let body = "";
        stream.on("data", (c: Buffer) => (body += c.toString("utf8")));
        stream.on("end", () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), body, user: session.user as string | undefined });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.server.address() as AddressInfo).port;
    const saved = { url: process.env.TOOLTUNE_SMTP_URL, from: process.env.TOOLTUNE_MAIL_FROM };
    process.env.TOOLTUNE_SMTP_URL = `smtp://mailer:s3cret@127.0.0.1:${port}`;
    process.env.TOOLTUNE_MAIL_FROM = "ToolTune <tooltune@team.example>";
    try {
      const email = `mailed-${run}@example.test`;
      const inv = await send(invitesRoute.POST, "POST", { cookie: admin, body: { email, role: "viewer" } });
      expect(inv.status).toBe(201);
      expect(inv.json.mail).toEqual({ sent: true, to: email });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ from: "tooltune@team.example", to: [email], user: "mailer" });
      // The mail carries the very link the admin was shown (quoted-printable may wrap long lines).
      const text = received[0].body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      expect(text).toContain(inv.json.url);
      expect(text).toMatch(/Subject: You are invited to ToolTune/);
      expect(text).toContain("as a viewer");

      const bounced = await send(invitesRoute.POST, "POST", { cookie: admin, body: { email: `bounce-${run}@example.test`, role: "editor" } });
      expect(bounced.status).toBe(201);
      expect(bounced.json.mail).toMatchObject({ sent: false, to: `bounce-${run}@example.test`, error: expect.stringContaining("no such mailbox") });
      const ok = await send(acceptRoute.POST, "POST", { body: { token: tokenOf(bounced.json.url), name: "Bo Unce", email: `bounce-${run}@example.test`, password: TEST_PASSWORD } });
      expect(ok.status).toBe(201);
    } finally {
      for (const [k, v] of [["TOOLTUNE_SMTP_URL", saved.url], ["TOOLTUNE_MAIL_FROM", saved.from]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    // Without SMTP the answer says nothing about mail: the link is to copy.
    const plain = await send(invitesRoute.POST, "POST", { cookie: admin, body: { email: `plain-${run}@example.test`, role: "viewer" } });
    expect(plain.json.mail).toBeUndefined();
    expect(plain.json.url).toMatch(/\/invite\?token=/);
  });

  it("refuses to invite an address that is already a member", async () => {
    const r = await send(invitesRoute.POST, "POST", { cookie: owner, body: { email: "invite-admin.admin@test.local", role: "viewer" } });
    expect(r.status).toBe(409);
  });
});

describe("sessions", () => {
  it("lists one's sessions, revokes another one, and signs out", async () => {
    const cookieA = await sessionCookie("Session Sam", "viewer");
    const b = await signIn("session-sam.viewer@test.local", TEST_PASSWORD, "192.0.2.77");
    expect(b.status, JSON.stringify(b.json)).toBe(200);
    expect((await me(b.cookie)).status).toBe(200);

    const list = await send(authRoute.GET, "GET", { path: "/api/auth/list-sessions", cookie: cookieA });
    expect(list.status).toBe(200);
    expect(list.json.length).toBeGreaterThanOrEqual(2);
    const bToken = decodeURIComponent(b.cookie.split("=")[1]).split(".")[0];
    expect(list.json.map((s: { token: string }) => s.token)).toContain(bToken);

    const revoked = await send(authRoute.POST, "POST", { path: "/api/auth/revoke-session", cookie: cookieA, body: { token: bToken } });
    expect(revoked.status, JSON.stringify(revoked.json)).toBe(200);
    expect((await me(b.cookie)).status).toBe(401);
    expect((await me(cookieA)).status).toBe(200);

    const out = await send(authRoute.POST, "POST", { path: "/api/auth/sign-out", cookie: cookieA, body: {} });
    expect(out.status).toBe(200);
    expect((await me(cookieA)).status).toBe(401);
  });

  it("sets an httpOnly, SameSite=Lax session cookie", async () => {
    const email = "session-sam.viewer@test.local";
    const r = await authRoute.POST(new Request(publicUrl() + "/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json", origin: publicUrl(), "x-forwarded-for": "192.0.2.78" }, body: JSON.stringify({ email, password: TEST_PASSWORD }) }));
    const session = r.headers.getSetCookie().find((c) => c.includes("session_token="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });
});

describe("sign-in limits", () => {
  it("answers 429 after 10 attempts a minute from one address, while another address still gets in", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn(`nobody-${run}-${i}@example.test`, "wrong password!", ip)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    await sessionCookie("Limit Lee", "viewer");
    expect((await signIn("limit-lee.viewer@test.local", TEST_PASSWORD, "192.0.2.99")).status).toBe(200);
  });

  it("counts the address a trusted proxy saw, not the one a client forged at the front of X-Forwarded-For", async () => {
    // Not 198.51.100.x: the test above locks a random address there out, and one in 250 runs drew the same.
    const real = `100.64.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
    const saved = process.env.TOOLTUNE_TRUSTED_PROXIES;
    process.env.TOOLTUNE_TRUSTED_PROXIES = "127.0.0.1,10.0.0.0/8";
    try {
      const since = new Date(Date.now() - 5);
      const statuses = [];
      // The client makes up a new first address each time; nginx appends the one it saw, then itself.
      for (let i = 0; i < 11; i++) statuses.push((await signIn(`forger-${run}-${i}@example.test`, "wrong password!", `203.0.113.${i + 1}, ${real}, 10.1.2.3, 127.0.0.1`)).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      // Someone else behind the same proxy, sending the same forged first address, is not held back.
      const other = "100.127.255.1";
      expect((await signIn(`forger-${run}-x@example.test`, "wrong password!", `203.0.113.1, ${other}, 127.0.0.1`)).status).toBe(401);
      const failed = await db().auditEvent.findMany({ where: { action: "auth.sign-in", at: { gte: since }, actorLabel: `forger-${run}-0@example.test` } });
      expect(failed.map((e) => e.ip)).toEqual([real]);
    } finally {
      if (saved === undefined) delete process.env.TOOLTUNE_TRUSTED_PROXIES;
      else process.env.TOOLTUNE_TRUSTED_PROXIES = saved;
    }
  });

  it("answers 429 after 10 attempts on one account from many addresses, even with the right password", async () => {
    await sessionCookie(`Target ${run}`, "editor");
    const email = `target-${run}.editor@test.local`;
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(email, "wrong password!", `203.0.113.${i + 1}`)).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const right = await signIn(email, TEST_PASSWORD, "203.0.113.200");
    expect(right.status).toBe(429);
    expect(right.json.error.message).toMatch(/too many sign-in attempts for this account/);
  });
});

describe("members", () => {
  it("changes roles within the rules, keeps an owner, and shuts a removed member out while keeping their user row and name for what they wrote", async () => {
    const owner = await sessionCookie("Member Owner", "owner");
    const admin = await sessionCookie("Member Admin", "admin");
    const viewerCookie = await sessionCookie("Member Vic", "viewer");
    const vic = await db().user.findUniqueOrThrow({ where: { email: "member-vic.viewer@test.local" } });
    const adminRow = await db().user.findUniqueOrThrow({ where: { email: "member-admin.admin@test.local" } });

    expect((await send(memberRoute.PATCH, "PATCH", { cookie: admin, params: { userId: vic.id }, body: { role: "owner" } })).status).toBe(403);
    expect((await send(memberRoute.PATCH, "PATCH", { cookie: admin, params: { userId: vic.id }, body: { role: "editor" } })).json.role).toBe("editor");
    expect((await me(viewerCookie)).json.role).toBe("editor");
    const p = await send(projectsRoute.POST, "POST", { cookie: viewerCookie, body: { name: `vic ${run}` } });
    expect(p.status).toBe(201);

    // With every other owner made admin, the last owner cannot step down or be removed.
    const self = await db().user.findUniqueOrThrow({ where: { email: "member-owner.owner@test.local" } });
    const others = await db().user.findMany({ where: { role: "owner", id: { not: self.id } } });
    for (const o of others) expect((await send(memberRoute.PATCH, "PATCH", { cookie: owner, params: { userId: o.id }, body: { role: "admin" } })).status).toBe(200);
    const demote = await send(memberRoute.PATCH, "PATCH", { cookie: owner, params: { userId: self.id }, body: { role: "viewer" } });
    expect(demote.status).toBe(409);
    expect(demote.json.error.message).toMatch(/only owner/);
    expect((await send(memberRoute.DELETE, "DELETE", { cookie: owner, params: { userId: self.id } })).status).toBe(409);
    for (const o of others) await db().user.update({ where: { id: o.id }, data: { role: "owner" } });

    expect((await send(memberRoute.DELETE, "DELETE", { cookie: owner, params: { userId: vic.id } })).status).toBe(204);
    expect((await me(viewerCookie)).status).toBe(401);
    expect((await signIn("member-vic.viewer@test.local", TEST_PASSWORD, "192.0.2.120")).status).toBe(401);
    const kept = await db().user.findUniqueOrThrow({ where: { id: vic.id } });
    expect(kept).toMatchObject({ name: "Member Vic", role: null, email: null });
    expect(adminRow.role).toBe("admin");
  });
});
