// API tokens (Authorization: Bearer tt_…) and the audit log, through the same route handlers the
// app serves: a token acts with min(its role, its owner's role now), is refused with a 401 that
// says why once revoked or expired, and is never shown again; every write, sign-in and 403 leaves
// exactly one audit event naming its actor; the log cannot be changed; admins filter it.
import { writeFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as auditRoute from "@/app/api/audit/route";
import * as inviteRoute from "@/app/api/invites/route";
import * as acceptRoute from "@/app/api/invites/accept/route";
import * as memberRoute from "@/app/api/members/[userId]/route";
import * as projectsRoute from "@/app/api/projects/route";
import * as commitRoute from "@/app/api/projects/[projectId]/imports/[importId]/commit/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as tokenRoute from "@/app/api/tokens/[tokenId]/route";
import type { Role } from "@/lib/schemas/auth";
import type { ApiTokenDto, AuditEventDto } from "@/lib/schemas/tokens";
import { publicUrl } from "@/lib/server/auth/config";
import { hashToken, LAST_USED_EVERY_MS } from "@/lib/server/auth/tokens";
import { resolveAuthor } from "@/lib/server/authors";
import { recordAudit } from "@/lib/server/audit/record";
import { db, dbKind, disconnectDb } from "@/lib/server/db";
import { analyseImport } from "@/lib/server/imports/analyse";
import { registerImport } from "@/lib/server/imports/imports";
import { closeQueue } from "@/lib/server/queue";
import { ensureMember, sessionCookie, TEST_PASSWORD, testEmail } from "../support/auth";
import { call, testFilesDir } from "./helpers";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
const run = Math.random().toString(36).slice(2, 8);

afterAll(async () => {
  await closeQueue();
  await disconnectDb();
});

/** A request as a script sends it: a bearer token, no cookie, no Origin. */
async function bearer(handler: Handler, method: string, token: string, opts: { params?: Record<string, string>; body?: unknown; path?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const req = new Request(`http://test.local${opts.path ?? "/api"}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, json: (text ? JSON.parse(text) : null) as any };
}

async function makeToken(name: string, role: Role, body: Record<string, unknown>) {
  const r = await call(tokensRoute.POST, "POST", { author: name, role, body });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json as ApiTokenDto & { token: string };
}

const userId = async (name: string, role: Role) => (await db().user.findUniqueOrThrow({ where: { email: testEmail(name, role) } })).id;
const eventsSince = (since: Date, where: Record<string, unknown> = {}) => db().auditEvent.findMany({ where: { at: { gte: since }, ...where }, orderBy: { at: "asc" } });

describe("API tokens", () => {
  it("are made, listed without the token, and revoked; only the hash is stored", async () => {
    const made = await makeToken("Tok Lister", "editor", { name: "ci" });
    expect(made.token).toMatch(/^tt_[A-Za-z0-9_-]{43}$/);
    expect(made.role).toBe("editor"); // the owner's role by default
    expect(made.token.startsWith(made.prefix)).toBe(true);

    const list = await call(tokensRoute.GET, "GET", { author: "Tok Lister", role: "editor" });
    expect(list.status).toBe(200);
    const mine = (list.json as ApiTokenDto[]).find((t) => t.id === made.id)!;
    expect(mine).toMatchObject({ name: "ci", role: "editor", effectiveRole: "editor", revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(list.json)).not.toContain(made.token);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.tokenHash).toBe(hashToken(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token);

    // Someone else's list does not show it, and they cannot revoke it.
    const other = await call(tokensRoute.GET, "GET", { author: "Tok Other", role: "owner" });
    expect((other.json as ApiTokenDto[]).some((t) => t.id === made.id)).toBe(false);
    expect((await call(tokenRoute.DELETE, "DELETE", { author: "Tok Other", role: "owner", params: { tokenId: made.id } })).status).toBe(404);

    const revoked = await call(tokenRoute.DELETE, "DELETE", { author: "Tok Lister", role: "editor", params: { tokenId: made.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).not.toBeNull();
  });

  it("cannot have a role above its owner's", async () => {
    const r = await call(tokensRoute.POST, "POST", { author: "Tok Climber", role: "editor", body: { name: "too high", role: "admin" } });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toContain("cannot be higher than yours (editor)");
  });

  it("act with min(token role, owner's current role): a viewer token cannot write, a demoted editor's token neither", async () => {
    const viewerToken = await makeToken("Tok Editor", "editor", { name: "read only", role: "viewer" });
    const editorToken = await makeToken("Tok Editor", "editor", { name: "writer" });

    const denied = await bearer(projectsRoute.POST, "POST", viewerToken.token, { body: { name: `tok-viewer-${run}` } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.message).toContain("your role (viewer)");

    const made = await bearer(projectsRoute.POST, "POST", editorToken.token, { body: { name: `tok-editor-${run}` } });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const project = await db().project.findUniqueOrThrow({ where: { id: made.json.id }, include: { examples: true } });
    expect(project.name).toBe(`tok-editor-${run}`);
    // Reads work for both.
    expect((await bearer(projectsRoute.GET, "GET", viewerToken.token)).status).toBe(200);

    // The owner demotes the editor: their editor token now writes no more.
    const id = await userId("Tok Editor", "editor");
    expect((await call(memberRoute.PATCH, "PATCH", { params: { userId: id }, body: { role: "viewer" } })).status).toBe(200);
    const after = await bearer(projectsRoute.POST, "POST", editorToken.token, { body: { name: `tok-editor-2-${run}` } });
    expect(after.status).toBe(403);
    expect(after.json.error.message).toContain("your role (viewer)");
    expect((await bearer(projectsRoute.GET, "GET", editorToken.token)).status).toBe(200);
  });

  it("never manage tokens, whatever their role", async () => {
    const t = await makeToken("Tok Owner", "owner", { name: "owner script" });
    const r = await bearer(tokensRoute.POST, "POST", t.token, { body: { name: "another" } });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toContain("API tokens cannot manage API tokens");
    expect((await bearer(tokenRoute.DELETE, "DELETE", t.token, { params: { tokenId: t.id } })).status).toBe(403);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: t.id } })).revokedAt).toBeNull();
  });

  it("are refused with a 401 saying why when revoked, expired, unknown or not a token", async () => {
    const t = await makeToken("Tok Ender", "editor", { name: "short lived", expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await bearer(projectsRoute.GET, "GET", t.token)).status).toBe(200);

    await db().apiToken.update({ where: { id: t.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await bearer(projectsRoute.GET, "GET", t.token);
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toContain("API token 'short lived' expired on");

    const r = await makeToken("Tok Ender", "editor", { name: "to revoke" });
    await call(tokenRoute.DELETE, "DELETE", { author: "Tok Ender", role: "editor", params: { tokenId: r.id } });
    const revoked = await bearer(projectsRoute.GET, "GET", r.token);
    expect(revoked.status).toBe(401);
    expect(revoked.json.error.message).toContain("API token 'to revoke' was revoked on");

    const unknown = await bearer(projectsRoute.GET, "GET", `tt_${"x".repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.message).toContain("not known");
    expect((await bearer(projectsRoute.GET, "GET", "sk-something")).json.error.message).toContain('they start with "tt_"');

    const past = await call(tokensRoute.POST, "POST", { author: "Tok Ender", role: "editor", body: { name: "old", expiresAt: "2020-01-01T00:00:00Z" } });
    expect(past.status).toBe(422);
  });

  it("record their last use, at most once a minute", async () => {
    const t = await makeToken("Tok User", "viewer", { name: "poller" });
    const lastUsed = async () => (await db().apiToken.findUniqueOrThrow({ where: { id: t.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await bearer(projectsRoute.GET, "GET", t.token);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await bearer(projectsRoute.GET, "GET", t.token);
    expect((await lastUsed())!.getTime()).toBe(first!.getTime());
    const old = new Date(Date.now() - LAST_USED_EVERY_MS - 1000);
    await db().apiToken.update({ where: { id: t.id }, data: { lastUsedAt: old } });
    await bearer(projectsRoute.GET, "GET", t.token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old.getTime() + 1000);
    const listed = (await call(tokensRoute.GET, "GET", { author: "Tok User", role: "viewer" })).json as ApiTokenDto[];
    expect(listed.find((x) => x.id === t.id)!.lastUsedAt).not.toBeNull();
  });
});

async function authCall(path: string, body: unknown, cookie?: string) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: publicUrl(), "x-forwarded-for": "198.51.100.7", ...(cookie ? { cookie } : {}) };
  const req = new Request(`${publicUrl()}/api/auth/${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const res = await (authRoute.POST as unknown as (r: Request) => Promise<Response>)(req);
  await res.body?.cancel();
  return res;
}
const signIn = async (email: string, password: string) => (await authCall("sign-in/email", { email, password })).status;

describe("audit log", () => {
  it("records a sign-in and a failed sign-in, each once, with the address tried", async () => {
    const email = await ensureMember("Audit Signer", "editor");
    const since = new Date(Date.now() - 5);
    expect(await signIn(email, TEST_PASSWORD)).toBe(200);
    expect(await signIn(email, "wrong password!")).toBe(401);
    const events = await eventsSince(since, { action: "auth.sign-in", actorLabel: email });
    expect(events.map((e) => e.outcome)).toEqual(["ok", "failed"]);
    expect(events[0].actorUserId).toBe(await userId("Audit Signer", "editor"));
    expect(events[1].actorUserId).toBeNull();
    expect(events[0].ip).toBe("198.51.100.7");
  });

  it("records a sign-out once, by the member signing out", async () => {
    const email = await ensureMember("Audit Leaver", "viewer");
    const signedIn = await authCall("sign-in/email", { email, password: TEST_PASSWORD });
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const since = new Date();
    expect((await authCall("sign-out", {}, cookie)).status).toBe(200);
    const events = await eventsSince(since, { actorLabel: email, action: { not: "auth.sign-in" } });
    expect(events.map((e) => [e.action, e.outcome, e.targetType])).toEqual([["auth.sign-out", "ok", "session"]]);
  });

  it("records an accepted invitation as the new member joining", async () => {
    const owner = await sessionCookie("Audit Inviter", "owner");
    const email = `joiner-${run}@test.local`;
    const invite = await inviteRoute.POST(new Request("http://test.local/api/invites", { method: "POST", headers: { cookie: owner, "content-type": "application/json" }, body: JSON.stringify({ email, role: "viewer" }) }), { params: Promise.resolve({}) as Promise<never> });
    expect(invite.status).toBe(201);
    const { id: inviteId, url } = (await invite.json()) as { id: string; url: string };
    const token = new URL(url).searchParams.get("token")!;
    const since = new Date();
    const r = await call(acceptRoute.POST, "POST", { author: null, body: { token, name: "Joiner", email, password: TEST_PASSWORD } });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const events = await eventsSince(since, { action: "members.join" });
    expect(events.map((e) => [e.actorLabel, e.actorUserId, e.targetId, e.outcome])).toEqual([[email, r.json.id, r.json.id, "ok"]]);
    const created = await db().auditEvent.findMany({ where: { targetId: inviteId } });
    expect(created.map((e) => [e.action, e.actorLabel, e.targetType, e.targetLabel])).toEqual([["members.manage", testEmail("Audit Inviter", "owner"), "invite", email]]);
    // A used link again: a failed join, by the address tried.
    const again = await call(acceptRoute.POST, "POST", { author: null, body: { token, name: "Joiner", email, password: TEST_PASSWORD } });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect((await eventsSince(since, { action: "members.join", outcome: "failed" })).map((e) => e.actorLabel)).toEqual([email]);
  });

  it("records a role change once, by the admin who made it, with the old and new role", async () => {
    await ensureMember("Audit Admin", "admin");
    const target = await userId(`Audit Changed ${run}`, "viewer").catch(async () => {
      await ensureMember(`Audit Changed ${run}`, "viewer");
      return userId(`Audit Changed ${run}`, "viewer");
    });
    const since = new Date(Date.now() - 5);
    expect((await call(memberRoute.PATCH, "PATCH", { author: "Audit Admin", role: "admin", params: { userId: target }, body: { role: "editor" } })).status).toBe(200);
    const events = await eventsSince(since, { targetId: target });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "members.manage", actorLabel: testEmail("Audit Admin", "admin"), outcome: "ok", targetType: "user", targetLabel: testEmail(`Audit Changed ${run}`, "viewer") });
    expect(JSON.parse(events[0].detail!)).toMatchObject({ from: "viewer", to: "editor", status: 200 });
  });

  it("records a token's creation and revocation once each, never with the token", async () => {
    const since = new Date(Date.now() - 5);
    const t = await makeToken("Audit Tokener", "editor", { name: "deploy" });
    await call(tokenRoute.DELETE, "DELETE", { author: "Audit Tokener", role: "editor", params: { tokenId: t.id } });
    const events = await eventsSince(since, { targetId: t.id });
    expect(events.map((e) => [e.action, e.actorLabel, e.targetLabel])).toEqual([
      ["tokens.create", testEmail("Audit Tokener", "editor"), "deploy"],
      ["tokens.revoke", testEmail("Audit Tokener", "editor"), "deploy"],
    ]);
    expect(JSON.stringify(events)).not.toContain(t.token);
  });

  it("names a token's writes as the token of its owner", async () => {
    const t = await makeToken("Audit Script", "editor", { name: "nightly" });
    const since = new Date();
    const r = await bearer(projectsRoute.POST, "POST", t.token, { body: { name: `audit-token-${run}` }, path: "/api/projects" });
    expect(r.status).toBe(201);
    const events = await eventsSince(since, { actorUserId: await userId("Audit Script", "editor"), action: { not: "tokens.create" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "projects.create", actorLabel: `token 'nightly' of ${testEmail("Audit Script", "editor")}`, targetType: "project", targetId: r.json.id, targetLabel: `audit-token-${run}` });
    expect(JSON.parse(events[0].detail!)).toMatchObject({ route: "POST /projects", status: 201 });
  });

  it("records an import commit once, with its project and import", async () => {
    const projectId = (await call(projectsRoute.POST, "POST", { body: { name: `audit-import-${run}`, outputStyle: "native_tools" } })).json.id as string;
    const file = path.join(testFilesDir(), `audit-${run}.jsonl`);
    const tools = [{ type: "function", function: { name: "get_weather", description: "Weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
    const line = (city: string) => ({ messages: [{ role: "user", content: `weather in ${city}?` }, { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city }) } }] }], tools });
    writeFileSync(file, [line("Oslo"), line("Lima")].map((e) => JSON.stringify(e)).join("\n") + "\n");
    const importId = await registerImport(projectId, { fileName: path.basename(file), filePath: file, fileBytes: statSync(file).size, format: "auto" }, await resolveAuthor("Importer"));
    await analyseImport(importId);
    const since = new Date(Date.now() - 5);
    const r = await bearer(commitRoute.POST, "POST", (await makeToken("Audit Importer", "editor", { name: "importer" })).token, {
      params: { projectId, importId },
      body: { keepValid: true, skipDuplicates: false },
      path: `/api/projects/${projectId}/imports/${importId}/commit`,
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const events = await eventsSince(since, { projectId });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "imports.write", actorLabel: `token 'importer' of ${testEmail("Audit Importer", "editor")}`, outcome: "ok", targetType: "import", targetId: importId });
    expect(JSON.parse(events[0].detail!).route).toBe("POST /projects/[projectId]/imports/[importId]/commit");
  });

  it("records a 403 once, as denied, on writes and reads alike", async () => {
    const since = new Date(Date.now() - 5);
    expect((await call(projectsRoute.POST, "POST", { author: "Audit Viewer", role: "viewer", body: { name: `nope-${run}` } })).status).toBe(403);
    expect((await call(auditRoute.GET, "GET", { author: "Audit Viewer", role: "viewer" })).status).toBe(403);
    const events = await eventsSince(since, { actorLabel: testEmail("Audit Viewer", "viewer") });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ["projects.create", "denied"],
      ["audit.read", "denied"],
    ]);
    expect(JSON.parse(events[0].detail!).error).toContain("your role (viewer) cannot create a project");
    // A successful read is not recorded.
    const reads = await eventsSince(since, { action: "read" });
    await call(projectsRoute.GET, "GET", { author: "Audit Viewer", role: "viewer" });
    expect(await eventsSince(since, { action: "read" })).toHaveLength(reads.length);
  });

  it("records a write whose hostile input carries NUL bytes (PostgreSQL's text refuses them raw)", async () => {
    const label = `nul-${Date.now()}\u0000\u0000end`;
    await recordAudit({ action: "test.nul", actor: { userId: null, label: "cli (tester)" }, target: { type: "project", id: "p\u0000", label }, detail: { name: "a\u0000b" } });
    const e = await db().auditEvent.findFirstOrThrow({ where: { action: "test.nul", targetLabel: { startsWith: label.slice(0, label.indexOf("\u0000")) } } });
    expect(e.targetLabel).toBe(label.replace(/\u0000/g, "\uFFFD"));
    expect(JSON.parse(e.detail!)).toEqual({ name: "a\u0000b" });
  });

  it("cannot be changed or deleted, by the app's client or by SQL", async () => {
    const e = await db().auditEvent.findFirstOrThrow();
    const count = await db().auditEvent.count();
    // PostgreSQL passes the trigger's message on; Prisma's SQLite adapter reports RAISE(ABORT) as a constraint violation.
    const refused = dbKind() === "postgres" ? /append-only/ : /append-only|constraint/i;
    await expect(db().auditEvent.update({ where: { id: e.id }, data: { outcome: "ok", actorLabel: "someone else" } })).rejects.toThrow(refused);
    await expect(db().auditEvent.delete({ where: { id: e.id } })).rejects.toThrow(refused);
    await expect(db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'x'`)).rejects.toThrow(refused);
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(refused);
    if (dbKind() === "postgres") await expect(db().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(refused);
    expect((await db().auditEvent.findUniqueOrThrow({ where: { id: e.id } })).actorLabel).toBe(e.actorLabel);
    expect(await db().auditEvent.count()).toBeGreaterThanOrEqual(count);
  });

  describe("GET /api/audit", () => {
    let projectId = "";
    const admin = { author: "Audit Reader", role: "admin" as Role };
    const get = async (query: Record<string, string>) => {
      const r = await call(auditRoute.GET, "GET", { ...admin, query });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return r.json as { events: AuditEventDto[]; total: number; page: number; pageSize: number };
    };

    beforeAll(async () => {
      await sessionCookie("Audit Reader", "admin");
      // Sent to its real path, as the browser does: route() reads the route from it.
      const cookie = await sessionCookie("Audit Filterer", "editor");
      const res = await projectsRoute.POST(new Request("http://test.local/api/projects", { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name: `audit-filter-${run}` }) }), { params: Promise.resolve({}) as Promise<never> });
      expect(res.status).toBe(201);
      projectId = ((await res.json()) as { id: string }).id;
      await call(projectsRoute.POST, "POST", { author: "Audit Filterer", role: "editor", body: { name: "" } }); // invalid: failed
      await call(projectsRoute.POST, "POST", { author: "Audit Filterer", role: "viewer", body: { name: "x" } }); // denied
    });

    it("lists newest first, filtered by actor, action, project, outcome and dates, paginated", async () => {
      const all = await get({ actor: "audit-filterer" });
      expect(all.total).toBe(3);
      expect(all.events.map((e) => e.outcome)).toEqual(["denied", "failed", "ok"]);
      const times = all.events.map((e) => e.at);
      expect([...times].sort().reverse()).toEqual(times);

      expect((await get({ actor: "audit-filterer", outcome: "failed" })).events.map((e) => e.detail?.status)).toEqual([422]);
      expect((await get({ project: projectId })).events.map((e) => e.action)).toEqual(["projects.create"]);
      expect((await get({ action: "projects.", actor: "audit-filterer.editor" })).total).toBe(2);
      expect((await get({ action: "tokens.", actor: "audit-filterer" })).total).toBe(0);

      const page1 = await get({ actor: "audit-filterer", pageSize: "2", page: "1" });
      const page2 = await get({ actor: "audit-filterer", pageSize: "2", page: "2" });
      expect([page1.events.length, page2.events.length, page1.total]).toEqual([2, 1, 3]);
      expect(page2.events[0].id).toBe(all.events[2].id);

      const today = new Date().toISOString().slice(0, 10);
      expect((await get({ actor: "audit-filterer", from: today, to: today })).total).toBe(3);
      expect((await get({ actor: "audit-filterer", to: "2020-01-01" })).total).toBe(0);
      expect((await get({ actor: "audit-filterer", from: new Date(Date.now() + 60_000).toISOString() })).total).toBe(0);
      const bad = await call(auditRoute.GET, "GET", { ...admin, query: { from: "yesterday" } });
      expect(bad.status).toBe(422);
      expect(bad.json.error.message).toContain("from is not a date");
    });

    it("is for admins: an editor gets a 403", async () => {
      expect((await call(auditRoute.GET, "GET", { author: "Audit Filterer", role: "editor" })).status).toBe(403);
    });
  });
});
