// The headers every response carries, read as a browser reads the policy.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, makeNonce, securityHeaders } from "@/lib/server/net/security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

describe("the security headers", () => {
  it("allows scripts only from this origin or carrying the request's nonce, and nothing from elsewhere", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123==", dev: false }));
    // 'unsafe-eval': Ajv compiles schemas into functions in the browser; no new script can load.
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    for (const [name, values] of csp) {
      expect(values.join(" "), name).not.toMatch(/https?:|\*/);
      if (name !== "style-src-attr") expect(values, name).not.toContain("'unsafe-inline'");
    }
  });

  it("allows inline <style> elements only for next dev, whose server injects them", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: true })).get("style-src")).toContain("'unsafe-inline'");
    expect(directives(contentSecurityPolicy({ nonce: "n", dev: false })).get("style-src")).not.toContain("'unsafe-inline'");
  });

  it("sends nosniff, same-origin referrers and no framing, and HSTS only for an https public URL", () => {
    const plain = new Headers(securityHeaders({ nonce: "n", https: false, dev: false }));
    expect(plain.get("x-content-type-options")).toBe("nosniff");
    expect(plain.get("referrer-policy")).toBe("same-origin");
    expect(plain.get("x-frame-options")).toBe("DENY");
    expect(plain.get("strict-transport-security")).toBeNull();
    expect(new Headers(securityHeaders({ nonce: "n", https: true, dev: false })).get("strict-transport-security")).toMatch(
      /^max-age=\d{7,}/,
    );
  });

  it("makes a different 128-bit nonce for every request", () => {
    const nonces = new Set(Array.from({ length: 100 }, makeNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(atob(n)).toHaveLength(16);
  });
});
