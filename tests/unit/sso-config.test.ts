// Single sign-on's settings and the network guard around its callback: TOOLTUNE_OIDC_* are all
// three or none (the app and `npm start` both say which one is missing), and the provider's
// redirect back (a cross-site GET, response_mode=query) passes proxy.ts's Origin check.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { oidcSettings } from "@/lib/server/auth/config";
import { ssoErrorMessage } from "@/lib/server/auth/sso";
import { checkRequest, guardConfig } from "@/lib/server/net/request-guard";

const FULL = { TOOLTUNE_OIDC_ISSUER: "https://sso.example.com/realms/team/", TOOLTUNE_OIDC_CLIENT_ID: "tooltune", TOOLTUNE_OIDC_CLIENT_SECRET: "s3cret" };

describe("TOOLTUNE_OIDC_* settings", () => {
  it("none set: no single sign-on", () => {
    expect(oidcSettings({})).toBeNull();
  });

  it("all three: discovery under the issuer, the default label and scopes, openid always asked for", () => {
    expect(oidcSettings(FULL)).toMatchObject({
      providerId: "oidc",
      issuer: "https://sso.example.com/realms/team",
      discoveryUrl: "https://sso.example.com/realms/team/.well-known/openid-configuration",
      name: "single sign-on",
      scopes: ["openid", "email", "profile"],
    });
    expect(oidcSettings({ ...FULL, TOOLTUNE_OIDC_NAME: "Keycloak", TOOLTUNE_OIDC_SCOPES: "email, groups" })).toMatchObject({ name: "Keycloak", scopes: ["openid", "email", "groups"] });
  });

  it("half configured: an error naming what is missing; a bad issuer is named too", () => {
    expect(() => oidcSettings({ TOOLTUNE_OIDC_ISSUER: FULL.TOOLTUNE_OIDC_ISSUER })).toThrow(/set TOOLTUNE_OIDC_CLIENT_ID and TOOLTUNE_OIDC_CLIENT_SECRET too/);
    expect(() => oidcSettings({ ...FULL, TOOLTUNE_OIDC_ISSUER: "sso.example.com" })).toThrow(/TOOLTUNE_OIDC_ISSUER is not a URL/);
  });

  it("npm start's check refuses a half configuration, naming the missing variable", { timeout: 30_000 }, () => {
    const run = (env: Record<string, string>) => spawnSync(process.execPath, ["scripts/check-env.mjs"], { env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env }, encoding: "utf8" });
    const half = run({ TOOLTUNE_OIDC_ISSUER: FULL.TOOLTUNE_OIDC_ISSUER, TOOLTUNE_OIDC_CLIENT_ID: "tooltune" });
    expect(half.status).toBe(2);
    expect(half.stderr).toMatch(/TOOLTUNE_OIDC_CLIENT_SECRET: is needed too/);
    expect(run(FULL).status).toBe(0);
  });
});

describe("the provider's redirect back to ToolTune", () => {
  const cfg = guardConfig({ TOOLTUNE_URL: "https://tooltune.example.com" });
  const callback = { host: "tooltune.example.com", origin: "https://sso.example.com", secFetchSite: "cross-site" };

  it("a cross-site GET to the callback passes (response_mode=query); the same as a POST (form_post) would be refused", () => {
    expect(checkRequest({ ...callback, method: "GET" }, cfg)).toBeNull();
    expect(checkRequest({ ...callback, method: "POST" }, cfg)).toMatchObject({ code: "cross_origin" });
  });
});

describe("what the sign-in page says after a refused single sign-on", () => {
  it("no invitation: ask an admin; a bad state: start again; an unknown code is shown only as letters, digits and _", () => {
    expect(ssoErrorMessage("no_invitation").detail).toMatch(/ask an admin for an invitation/);
    expect(ssoErrorMessage("state_mismatch").title).toMatch(/no longer valid/);
    expect(ssoErrorMessage("<script>alert(1)</script> call +1 555").detail).toContain("(scriptalert1scriptcall1555)");
  });
});
