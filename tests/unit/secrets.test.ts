// Endpoint keys at rest: AES-256-GCM with the key from TOOLTUNE_SECRET_KEY (or one made in the data directory).
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, isEncrypted } from "@/lib/server/secrets";

const saved = { key: process.env.TOOLTUNE_SECRET_KEY, dir: process.env.TOOLTUNE_DATA_DIR };
afterEach(() => {
  for (const [k, v] of [["TOOLTUNE_SECRET_KEY", saved.key], ["TOOLTUNE_DATA_DIR", saved.dir]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("secrets at rest", () => {
  it("round-trips, and never stores the same text twice or the plain key", () => {
    process.env.TOOLTUNE_SECRET_KEY = randomBytes(32).toString("base64");
    const a = encryptSecret("sk-live-123");
    const b = encryptSecret("sk-live-123");
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-live-123");
    expect(isEncrypted(a)).toBe(true);
    expect(decryptSecret(a)).toBe("sk-live-123");
  });

  it("says what to do when the key changed, instead of sending garbage", () => {
    process.env.TOOLTUNE_SECRET_KEY = randomBytes(32).toString("hex");
    const stored = encryptSecret("sk-1");
    process.env.TOOLTUNE_SECRET_KEY = randomBytes(32).toString("hex");
    expect(() => decryptSecret(stored)).toThrow(/not the key it was saved with; enter the endpoint's key again/);
  });

  it("refuses a key of the wrong size, naming the setting", () => {
    process.env.TOOLTUNE_SECRET_KEY = "short";
    expect(() => encryptSecret("x")).toThrow(/TOOLTUNE_SECRET_KEY must be 32 bytes/);
  });

  it("reads keys saved before encryption as they are", () => {
    expect(decryptSecret("sk-old-plain")).toBe("sk-old-plain");
  });

  it("without the setting, makes one key file readable only by its owner and keeps using it", () => {
    delete process.env.TOOLTUNE_SECRET_KEY;
    process.env.TOOLTUNE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "tooltune-secret-"));
    const stored = encryptSecret("sk-2");
    const file = path.join(process.env.TOOLTUNE_DATA_DIR, "secret.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
    expect(decryptSecret(stored)).toBe("sk-2");
  });
});
