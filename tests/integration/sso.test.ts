// Single sign-on as people meet it, against a real OpenID Connect provider (oidc-provider) started
// here on loopback: the browser's trip (ToolTune's start → the provider's login and consent pages →
// ToolTune's callback) is followed with fetch and cookie jars, through the app's own route handlers.
// An invited address joins with the invited role; a member's address signs in as that member; anyone
// else is refused; a tampered or replayed state and an ID token with the wrong nonce are refused.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as invitesRoute from "@/app/api/invites/route";
import * as meRoute from "@/app/api/me/route";
import * as memberRoute from "@/app/api/members/[userId]/route";
import { OIDC_PROVIDER_ID, publicUrl } from "@/lib/server/auth/config";
import { ssoErrorMessage } from "@/lib/server/auth/sso";
import { db } from "@/lib/server/db";
import { ensureMember, sessionCookie } from "../support/auth";

const run = Math.random().toString(36).slice(2, 8);
const CLIENT_ID = "tooltune-test";
const CLIENT_SECRET = "a client secret long enough for HS256 signing";

/** The provider's people: login name → claims. email_verified is what the provider vouches for. */
const people = new Map<string, { email: string; email_verified: boolean; name: string; role?: string }>();

let server: Server;
let issuer = "";
const saved: Record<string, string | undefined> = {};
const OIDC_ENV = { TOOLTUNE_OIDC_ISSUER: "", TOOLTUNE_OIDC_CLIENT_ID: CLIENT_ID, TOOLTUNE_OIDC_CLIENT_SECRET: CLIENT_SECRET, TOOLTUNE_OIDC_NAME: "Test IdP" };

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [`${publicUrl()}/api/auth/callback/${OIDC_PROVIDER_ID}`], grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "role"] },
    cookies: { keys: ["sso-test-cookie-key"] },
    async findAccount(_ctx, id) {
      const who = people.get(id);
      if (!who) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...who }) };
    },
  });
  server.on("request", provider.callback());
  for (const [k, v] of Object.entries({ ...OIDC_ENV, TOOLTUNE_OIDC_ISSUER: issuer })) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await new Promise((resolve) => server?.close(resolve));
});

/** Cookies by origin (the app and the provider are both on 127.0.0.1; each keeps to its own here). */
class Jar {
  /** Each browser comes from an address of its own (sign-in starts are limited per address). */
  readonly ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
  private byOrigin = new Map<string, Map<string, string>>();
  take(origin: string, res: Response) {
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const i = pair.indexOf("=");
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(i + 1) === "";
      if (expired) jar.delete(pair.slice(0, i).trim());
      else jar.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
    this.byOrigin.set(origin, jar);
  }
  header(origin: string): string {
    return [...(this.byOrigin.get(origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  copy(): Jar {
    const j = new Jar();
    for (const [o, m] of this.byOrigin) j.byOrigin.set(o, new Map(m));
    return j;
  }
}

/** A request to the app, answered by its route handlers in this process (as Next.js would route it). */
async function app(jar: Jar, method: "GET" | "POST", url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { origin: publicUrl(), "x-forwarded-for": jar.ip };
  const cookie = jar.header(publicUrl());
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(new URL(url, publicUrl()), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const path = new URL(req.url).pathname;
  const res = path.startsWith("/api/auth/")
    ? await (method === "GET" ? authRoute.GET : authRoute.POST)(req)
    : path === "/api/me"
      ? await meRoute.GET(req, { params: Promise.resolve({}) })
      : (() => {
          throw new Error(`the test has no handler for ${method} ${path}`);
        })();
  jar.take(publicUrl(), res);
  return res;
}

/** Step 1, as the "Sign in with …" button does it: the provider's authorization address (state cookie kept in the jar). */
async function start(jar: Jar, next = "/"): Promise<URL> {
  const res = await app(jar, "POST", "/api/auth/sign-in/social", { provider: OIDC_PROVIDER_ID, callbackURL: next, errorCallbackURL: "/sign-in", disableRedirect: true });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const url = new URL(JSON.parse(text).url);
  expect(url.origin).toBe(issuer);
  for (const p of ["state", "nonce", "code_challenge"]) expect(url.searchParams.get(p), `the authorization request carries ${p}`).toBeTruthy();
  return url;
}

const formOf = (html: string) => {
  const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
  const hidden = Object.fromEntries([...html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  return action ? { action: action.replace(/&amp;/g, "&"), hidden } : null;
};

/** Step 2, at the provider: sign in as `login` on its login page, agree on its consent page; returns the callback address it sends back to ToolTune. */
async function atProvider(jar: Jar, authorizeUrl: URL, login: string): Promise<URL> {
  let url = authorizeUrl;
  let method: "GET" | "POST" = "GET";
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 12; hop++) {
    const headers: Record<string, string> = {};
    const cookie = jar.header(url.origin);
    if (cookie) headers.cookie = cookie;
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    const res: Response = await fetch(url, { method, headers, body, redirect: "manual" });
    jar.take(url.origin, res);
    const location: string | null = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const next: URL = new URL(location, url);
      if (next.origin !== issuer) return next;
      [url, method, body] = [next, "GET", undefined];
      continue;
    }
    const html = await res.text();
    const form = formOf(html);
    if (res.status !== 200 || !form) throw new Error(`the provider answered ${res.status} at ${url.pathname} with no form: ${html.slice(0, 400)}`);
    const fields = new URLSearchParams(form.hidden);
    if (fields.get("prompt") === "login") {
      fields.set("login", login);
      fields.set("password", "any password (the dev login page takes any)");
    }
    [url, method, body] = [new URL(form.action, url), "POST", fields];
  }
  throw new Error("the provider never sent the browser back to ToolTune");
}

/** Step 3: ToolTune's callback; returns where it sends the browser and whether a session cookie was set. */
async function callback(jar: Jar, callbackUrl: URL): Promise<{ status: number; location: URL; session: boolean }> {
  expect(callbackUrl.origin + callbackUrl.pathname).toBe(`${publicUrl()}/api/auth/callback/${OIDC_PROVIDER_ID}`);
  const before = jar.header(publicUrl());
  const res = await app(jar, "GET", callbackUrl.toString());
  const setCookies = res.headers.getSetCookie().filter((c) => /session_token=[^;]+/.test(c));
  expect(before).toBeDefined();
  return { status: res.status, location: new URL(res.headers.get("location") ?? "", publicUrl()), session: setCookies.length > 0 };
}

async function signInWithSso(login: string, jar = new Jar()) {
  const authorize = await start(jar);
  const back = await atProvider(jar, authorize, login);
  const result = await callback(jar, back);
  return { ...result, jar, back };
}

const me = async (jar: Jar) => {
  const res = await app(jar, "GET", "/api/me");
  return { status: res.status, json: await res.json() };
};

async function invite(email: string, role: "editor" | "viewer" | "admin") {
  const owner = await sessionCookie("Test Owner");
  const res = await invitesRoute.POST(
    new Request(`${publicUrl()}/api/invites`, { method: "POST", headers: { "content-type": "application/json", origin: publicUrl(), cookie: owner }, body: JSON.stringify({ email, role }) }),
    { params: Promise.resolve({}) },
  );
  expect(res.status, await res.clone().text()).toBe(201);
}

/** The audit log's events for SSO sign-ins of `label` (an address, or "anonymous"). */
const ssoEvents = async (label: string) =>
  (await db().auditEvent.findMany({ where: { action: "auth.sign-in", actorLabel: label }, orderBy: [{ at: "asc" }, { id: "asc" }] })).filter((e) => e.detail?.includes('"method":"sso"'));

const pendingInvites = (email: string) => db().invite.count({ where: { email, acceptedAt: null, revokedAt: null } });

describe("single sign-on through an OpenID Connect provider", () => {
  it("an invited address joins with the invited role, end to end; the invitation is used; the next sign-in is the same member", async () => {
    const email = `sso-editor-${run}@test.local`;
    // A "role" claim from the provider counts for nothing: the invitation says editor.
    people.set(`erin-${run}`, { email: email.toUpperCase(), email_verified: true, name: "Erin Editor", role: "owner" });
    await invite(email, "editor");

    const first = await signInWithSso(`erin-${run}`);
    expect(first.status).toBe(302);
    expect(first.location.pathname, `callback went to ${first.location}`).toBe("/");
    expect(first.session).toBe(true);
    const mine = await me(first.jar);
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({ email, name: "Erin Editor", role: "editor" });
    expect(await pendingInvites(email), "the invitation is used").toBe(0);
    const used = await db().invite.findFirstOrThrow({ where: { email } });
    expect(used.acceptedById).toBe(mine.json.id ?? (await db().user.findUniqueOrThrow({ where: { email } })).id);

    const again = await signInWithSso(`erin-${run}`);
    expect(again.session).toBe(true);
    expect((await me(again.jar)).json).toMatchObject({ email, role: "editor" });
    expect(await db().user.count({ where: { email } })).toBe(1);
    const events = await ssoEvents(email);
    expect(events.map((e) => e.outcome)).toEqual(["ok", "ok"]);
    expect(events[0].actorUserId).toBe(used.acceptedById);
  });

  it("a removed member is out: single sign-on refuses them until they are invited again", async () => {
    const email = `sso-removed-${run}@test.local`;
    people.set(`rae-${run}`, { email, email_verified: true, name: "Rae" });
    await invite(email, "viewer");
    expect((await signInWithSso(`rae-${run}`)).session).toBe(true);
    const { id } = await db().user.findUniqueOrThrow({ where: { email } });
    const removed = await memberRoute.DELETE(new Request(`${publicUrl()}/api/members/${id}`, { method: "DELETE", headers: { origin: publicUrl(), cookie: await sessionCookie("Test Owner") } }), {
      params: Promise.resolve({ userId: id }),
    });
    expect(removed.status, await removed.clone().text()).toBeLessThan(300);

    const again = await signInWithSso(`rae-${run}`);
    expect(again.session).toBe(false);
    expect(again.location.searchParams.get("error")).toBe("no_invitation");

    await invite(email, "editor");
    const back = await signInWithSso(`rae-${run}`);
    expect(back.session).toBe(true);
    expect((await me(back.jar)).json).toMatchObject({ email, role: "editor" });
  });

  it("a member's address signs in as that member (linked on the provider's verified address); an unverified one is not linked", async () => {
    const email = await ensureMember(`Vic SSO ${run}`, "viewer");
    people.set(`vic-unverified-${run}`, { email, email_verified: false, name: "Someone Else" });
    const refused = await signInWithSso(`vic-unverified-${run}`);
    expect(refused.session).toBe(false);
    expect(refused.location.pathname).toBe("/sign-in");
    expect(refused.location.searchParams.get("error")).toBe("account_not_linked");
    expect((await me(refused.jar)).status).toBe(401);

    people.set(`vic-${run}`, { email, email_verified: true, name: "Vic" });
    const linked = await signInWithSso(`vic-${run}`);
    expect(linked.session).toBe(true);
    expect((await me(linked.jar)).json).toMatchObject({ email, role: "viewer", name: `Vic SSO ${run}` });
  });

  it("an address with no invitation is refused with a page that says to ask an admin; no account is made", async () => {
    const email = `stranger-${run}@test.local`;
    people.set(`stranger-${run}`, { email, email_verified: true, name: "Stranger" });
    const res = await signInWithSso(`stranger-${run}`);
    expect(res.status).toBe(302);
    expect(res.session).toBe(false);
    expect(res.location.origin + res.location.pathname).toBe(`${publicUrl()}/sign-in`);
    const code = res.location.searchParams.get("error")!;
    expect(code).toBe("no_invitation");
    expect(ssoErrorMessage(code).detail).toMatch(/ask an admin for an invitation/);
    expect((await me(res.jar)).status).toBe(401);
    expect(await db().user.count({ where: { email } })).toBe(0);
    const [event] = await ssoEvents(email);
    expect(event, "the refusal is in the audit log, with the address tried").toBeTruthy();
    expect(event).toMatchObject({ outcome: "denied", actorUserId: null });
    expect(event.detail).toContain('"error":"no_invitation"');
  });

  it("an invitation is not taken by an address the provider has not verified", async () => {
    const email = `unverified-${run}@test.local`;
    await invite(email, "viewer");
    people.set(`unverified-${run}`, { email, email_verified: false, name: "Unverified" });
    const res = await signInWithSso(`unverified-${run}`);
    expect(res.session).toBe(false);
    expect(res.location.searchParams.get("error")).toBe("email_not_verified");
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect(await pendingInvites(email), "the invitation still waits").toBe(1);
  });

  describe("state and nonce", () => {
    const email = `state-${run}@test.local`;
    beforeAll(async () => {
      await invite(email, "viewer");
      people.set(`state-${run}`, { email, email_verified: true, name: "State Tester" });
    });

    it("a tampered state is refused, and so is a right state from another browser (no state cookie)", async () => {
      const jar = new Jar();
      const back = await atProvider(jar, await start(jar), `state-${run}`);
      const tampered = new URL(back);
      tampered.searchParams.set("state", back.searchParams.get("state")!.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
      const bad = await callback(jar.copy(), tampered);
      expect(bad.session).toBe(false);
      expect(bad.location.pathname).toBe("/sign-in");
      expect(bad.location.searchParams.get("error")).toBe("state_mismatch");

      const elsewhere = await callback(new Jar(), back);
      expect(elsewhere.session).toBe(false);
      expect(elsewhere.location.searchParams.get("error")).toBe("state_mismatch");
      expect(await db().user.count({ where: { email } })).toBe(0);
    });

    it("a replayed callback is refused: the state works once", async () => {
      const { jar, back, session } = await signInWithSso(`state-${run}`);
      expect(session).toBe(true);
      const replay = await callback(jar, back);
      expect(replay.session).toBe(false);
      expect(replay.location.pathname).toBe("/sign-in");
      expect(replay.location.searchParams.get("error")).toMatch(/^state_/);
      expect(ssoErrorMessage(replay.location.searchParams.get("error")!).title).toMatch(/no longer valid/);
    });

    it("an ID token with the wrong nonce is refused", async () => {
      const other = `nonce-${run}@test.local`;
      await invite(other, "editor");
      people.set(`nonce-${run}`, { email: other, email_verified: true, name: "Nonce Tester" });
      const jar = new Jar();
      const authorize = await start(jar);
      authorize.searchParams.set("nonce", "a-nonce-this-browser-never-got"); // the provider signs this one into the ID token
      const back = await atProvider(jar, authorize, `nonce-${run}`);
      const res = await callback(jar, back);
      expect(res.session).toBe(false);
      expect(res.location.pathname).toBe("/sign-in");
      expect(res.location.searchParams.get("error")).toBe("unable_to_get_user_info");
      const failed = (await ssoEvents("anonymous")).filter((e) => e.ip === jar.ip);
      expect(failed.map((e) => [e.outcome, JSON.parse(e.detail!).error])).toEqual([["failed", "unable_to_get_user_info"]]);
      expect(await db().user.count({ where: { email: other } })).toBe(0);
      expect(await pendingInvites(other), "a refused sign-in leaves the invitation waiting").toBe(1);
    });
  });
});
