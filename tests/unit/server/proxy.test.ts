// proxy.ts itself, called as Next calls it: refusals come back as JSON for the API and as a plain
// page otherwise, an accepted request goes on with the nonce in its CSP, and every answer carries
// the security headers.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

let proxy: (typeof import("@/proxy"))["proxy"];
beforeAll(async () => {
  process.env.PORT = "3000";
  delete process.env.TOOLTUNE_URL;
  delete process.env.TOOLTUNE_ALLOWED_ORIGINS;
  ({ proxy } = await import("@/proxy"));
});

const request = (path: string, headers: Record<string, string>, method = "GET") =>
  new NextRequest(`http://127.0.0.1:3000${path}`, { method, headers });

describe("proxy.ts", () => {
  it("answers a foreign Host on the API with 421 and a JSON error, with the security headers", async () => {
    const res = proxy(request("/api/projects", { host: "rebind.evil.example:3000" }));
    expect(res.status).toBe(421);
    expect((await res.json()).error).toMatchObject({ code: "unknown_host" });
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers a foreign Host on a page with a plain 421 page", async () => {
    const res = proxy(request("/projects", { host: "rebind.evil.example:3000" }));
    expect(res.status).toBe(421);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(/refused.*rebind\.evil\.example/);
  });

  it("refuses a cross-site POST with 403", async () => {
    const res = proxy(request("/api/projects", { host: "127.0.0.1:3000", origin: "https://evil.example" }, "POST"));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("cross_origin");
  });

  it("lets its own POST through, with the nonce of the response's CSP passed on to the renderer", () => {
    const res = proxy(request("/api/projects", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }, "POST"));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    const other = proxy(request("/", { host: "127.0.0.1:3000" })).headers.get("content-security-policy");
    expect(other).not.toBe(csp);
  });
  it("passes the page's own path on to server components, replacing any value the client sent", () => {
    const res = proxy(request("/projects/p1/examples?split=train", { host: "127.0.0.1:3000", "x-tooltune-path": "//evil.example" }));
    expect(res.headers.get("x-middleware-request-x-tooltune-path")).toBe("/projects/p1/examples?split=train");
  });
});
