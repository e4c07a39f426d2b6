// Which requests the app answers: its own Host names only (DNS rebinding), and writes from its own
// origin only (CSRF). The same function proxy.ts runs before every route and page.
import { describe, expect, it } from "vitest";
import { checkRequest, guardConfig, type GuardRequest } from "@/lib/server/net/request-guard";

const local = guardConfig({ PORT: "3000" });
const team = guardConfig({
  TOOLTUNE_URL: "https://tooltune.example.com",
  TOOLTUNE_ALLOWED_ORIGINS: "https://tt.lan, http://10.0.0.5:3000",
  PORT: "3000",
});
const req = (r: Partial<GuardRequest>): GuardRequest => ({ method: "GET", host: "127.0.0.1:3000", origin: null, secFetchSite: null, ...r });

describe("the Host check", () => {
  it("answers loopback names on the served port when TOOLTUNE_URL is unset", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "LOCALHOST:3000", "localhost.:3000"]) {
      expect(checkRequest(req({ host }), local), host).toBeNull();
    }
  });

  it("refuses a rebinding name, another port, a missing Host and Host tricks with 421", () => {
    for (const host of [
      "evil.example:3000",
      "evil.example",
      "127.0.0.1:3001",
      "localhost",
      "",
      null,
      "evil.example@127.0.0.1:3000",
      "127.0.0.1:3000/x",
      "127.0.0.1:3000 evil",
      "127.0.0.1.evil.example:3000",
    ]) {
      const r = checkRequest(req({ host }), local);
      expect(r?.status, String(host)).toBe(421);
      expect(r?.code).toBe("unknown_host");
    }
    expect(checkRequest(req({ host: "evil.example:3000" }), local)?.message).toMatch(/Host "evil\.example:3000".*TOOLTUNE_URL/);
  });

  it("answers the public name, with or without the default port, and the extra origins", () => {
    for (const host of [
      "tooltune.example.com",
      "tooltune.example.com:443",
      "TOOLTUNE.example.com",
      "tt.lan",
      "10.0.0.5:3000",
      "127.0.0.1:3000",
    ]) {
      expect(checkRequest(req({ host }), team), host).toBeNull();
    }
    for (const host of ["tooltune.example.com:8443", "other.example.com", "10.0.0.5", "tt.lan:3000"]) {
      expect(checkRequest(req({ host }), team)?.status, host).toBe(421);
    }
  });

  it("takes the loopback port from PORT (next start sets it)", () => {
    expect(checkRequest(req({ host: "127.0.0.1:3107" }), guardConfig({ PORT: "3107" }))).toBeNull();
    expect(checkRequest(req({ host: "127.0.0.1:3000" }), guardConfig({ PORT: "3107" }))?.status).toBe(421);
    expect(checkRequest(req({ host: "localhost" }), guardConfig({ PORT: "80" }))).toBeNull();
  });
});

describe("the Origin check on writes", () => {
  it("refuses a POST, PUT, PATCH or DELETE from a foreign origin with 403, naming the origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      const r = checkRequest(req({ method, origin: "https://evil.example" }), local);
      expect(r?.status, method).toBe(403);
      expect(r?.code).toBe("cross_origin");
      expect(r?.message).toContain('Origin "https://evil.example"');
    }
  });

  it("accepts writes from the app's own origins", () => {
    expect(checkRequest(req({ method: "POST", origin: "http://127.0.0.1:3000" }), local)).toBeNull();
    expect(checkRequest(req({ method: "POST", host: "localhost:3000", origin: "http://localhost:3000" }), local)).toBeNull();
    expect(checkRequest(req({ method: "DELETE", host: "tooltune.example.com", origin: "https://tooltune.example.com" }), team)).toBeNull();
    expect(checkRequest(req({ method: "PATCH", host: "tt.lan", origin: "https://tt.lan" }), team)).toBeNull();
  });

  it("refuses the public name over the wrong scheme or port, a null origin and a sibling subdomain", () => {
    for (const origin of [
      "http://tooltune.example.com",
      "https://tooltune.example.com:8443",
      "null",
      "https://evil.tooltune.example.com",
      "not a url",
    ]) {
      expect(checkRequest(req({ method: "POST", host: "tooltune.example.com", origin }), team)?.status, origin).toBe(403);
    }
  });

  it("lets reads from anywhere through: the browser keeps another site from reading the answer", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(checkRequest(req({ method, origin: "https://evil.example", secFetchSite: "cross-site" }), local), method).toBeNull();
    }
  });

  it("refuses a write without Origin that the browser marks cross-site or same-site", () => {
    expect(checkRequest(req({ method: "POST", secFetchSite: "cross-site" }), local)?.status).toBe(403);
    expect(checkRequest(req({ method: "POST", secFetchSite: "same-site" }), local)?.status).toBe(403);
    expect(checkRequest(req({ method: "POST", secFetchSite: "same-origin" }), local)).toBeNull();
  });

  it("lets scripts and the command line write: no Origin and no Sec-Fetch-Site", () => {
    expect(checkRequest(req({ method: "POST" }), local)).toBeNull();
    expect(checkRequest(req({ method: "DELETE", host: "tooltune.example.com" }), team)).toBeNull();
  });
});

describe("the settings", () => {
  it("marks an https public URL for Strict-Transport-Security, and only that", () => {
    expect(team.https).toBe(true);
    expect(local.https).toBe(false);
    expect(guardConfig({ TOOLTUNE_URL: "http://tooltune.lan:3000" }).https).toBe(false);
  });

  it("names the setting that is malformed", () => {
    expect(() => guardConfig({ TOOLTUNE_URL: "tooltune.example.com" })).toThrow(/TOOLTUNE_URL: .*not a URL/);
    expect(() => guardConfig({ TOOLTUNE_URL: "https://tooltune.example.com/app" })).toThrow(/TOOLTUNE_URL: .*origin only/);
    expect(() => guardConfig({ TOOLTUNE_ALLOWED_ORIGINS: "https://ok.lan,ftp://x.lan" })).toThrow(
      /TOOLTUNE_ALLOWED_ORIGINS: "ftp:\/\/x.lan"/,
    );
  });
});
