// `npm start` checks its settings first (scripts/check-env.mjs): serving beyond this machine needs an
// auth secret and the public URL, and the refusal says how to make the secret.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const SECRET = "k3VYc1mXj9bq0rM2wLZp8yT6nQ4sAeHf5uGdR7oB1Cw=";

function checkEnv(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["scripts/check-env.mjs"], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
    encoding: "utf8",
  });
  return { code: r.status, stderr: r.stderr };
}

describe("npm start's guard", { timeout: 60_000 }, () => {
  it("refuses HOST=0.0.0.0 without a secret, and says how to make one and to set TOOLTUNE_URL", () => {
    const r = checkEnv({ HOST: "0.0.0.0" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("HOST=0.0.0.0");
    expect(r.stderr).toContain("TOOLTUNE_AUTH_SECRET");
    expect(r.stderr).toContain("openssl rand -base64 32");
    expect(r.stderr).toContain("randomBytes(32)");
    expect(r.stderr).toMatch(/TOOLTUNE_URL is the address people open/);
  });

  it("names a trusted proxy that is not an address or CIDR range", () => {
    const r = checkEnv({ TOOLTUNE_TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8, nginx.local" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TOOLTUNE_TRUSTED_PROXIES: "nginx.local" is not an address or CIDR range');
    expect(checkEnv({ TOOLTUNE_TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8, ::1" }).code).toBe(0);
  });

  it("refuses a LAN address with a secret but no TOOLTUNE_URL", () => {
    const r = checkEnv({ HOST: "192.168.1.20", TOOLTUNE_AUTH_SECRET: SECRET });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs TOOLTUNE_URL/);
  });

  it("refuses a public TOOLTUNE_URL without a secret even on loopback (a reverse proxy exposes it)", () => {
    const r = checkEnv({ HOST: "127.0.0.1", TOOLTUNE_URL: "https://tooltune.example.com" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TOOLTUNE_URL=https:\/\/tooltune\.example\.com .*needs TOOLTUNE_AUTH_SECRET/);
  });

  it("refuses a secret shorter than 32 characters, and a TOOLTUNE_URL with a path", () => {
    const r = checkEnv({ HOST: "0.0.0.0", TOOLTUNE_AUTH_SECRET: "hunter2", TOOLTUNE_URL: "https://tooltune.example.com/app" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TOOLTUNE_AUTH_SECRET: must be at least 32 characters; make one with: openssl rand -base64 32/);
    expect(r.stderr).toMatch(/TOOLTUNE_URL: must be an address such as https:\/\/tooltune\.example\.com/);
    expect(r.stderr).not.toContain("hunter2");
  });

  it("starts on loopback with nothing set, and on the network with a secret and the public URL", () => {
    expect(checkEnv({}).code).toBe(0);
    for (const host of ["127.0.0.1", "localhost", "::1"]) expect(checkEnv({ HOST: host }).code, host).toBe(0);
    const r = checkEnv({
      HOST: "0.0.0.0",
      TOOLTUNE_AUTH_SECRET: SECRET,
      TOOLTUNE_URL: "https://tooltune.example.com",
      TOOLTUNE_ALLOWED_ORIGINS: "https://tt.lan,http://10.0.0.5:3000",
    });
    expect(r.code).toBe(0);
    expect(r.stderr, "bound to the network directly: a warning about forged client addresses").toMatch(
      /warning: HOST=0\.0\.0\.0 .*forge X-Forwarded-For/,
    );
    const proxied = checkEnv({ HOST: "127.0.0.1", TOOLTUNE_AUTH_SECRET: SECRET, TOOLTUNE_URL: "https://tooltune.example.com" });
    expect(proxied.stderr, "behind a reverse proxy: nothing to warn about").toBe("");
    expect(proxied.code).toBe(0);
  });

  it("names a malformed TOOLTUNE_ALLOWED_ORIGINS", () => {
    const r = checkEnv({ TOOLTUNE_ALLOWED_ORIGINS: "https://tt.lan,tt2.lan" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TOOLTUNE_ALLOWED_ORIGINS: must be comma-separated addresses/);
  });
});
