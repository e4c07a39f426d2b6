// Secrets stored in the database (saved endpoints' API keys) are encrypted at rest with AES-256-GCM.
// The key comes from TOOLTUNE_SECRET_KEY (32 bytes, base64 or hex); without it, a key is made once in
// the data directory (data/secret.key, mode 600), so a database dump or backup alone reveals nothing.
// Teams on PostgreSQL should set the env variable and keep it out of the database's backups.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, dataSubdir } from "./files/data-dir";

const PREFIX = "enc:v1:";
export const SECRET_KEY_ENV = "TOOLTUNE_SECRET_KEY";

function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error(`${where} must be 32 bytes, base64 or hex (make one with: openssl rand -base64 32)`);
  return key;
}

let cached: { source: string; key: Buffer } | null = null;

function secretKey(): Buffer {
  const fromEnv = process.env[SECRET_KEY_ENV];
  const source = fromEnv ? `env:${fromEnv}` : `file:${dataDir()}`;
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (fromEnv) key = parseKey(fromEnv, SECRET_KEY_ENV);
  else {
    const file = path.join(dataSubdir(), "secret.key");
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    key = parseKey(readFileSync(file, "utf8"), file);
  }
  cached = { source, key };
  return key;
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64")).join(":");
}

/** The plain secret. Rows written before encryption hold plain text and are returned as they are. */
export function decryptSecret(stored: string): string {
  if (!isEncrypted(stored)) return stored;
  const [iv, tag, data] = stored.slice(PREFIX.length).split(":").map((p) => Buffer.from(p, "base64"));
  const decipher = createDecipheriv("aes-256-gcm", secretKey(), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(`a stored secret cannot be decrypted: ${SECRET_KEY_ENV} (or data/secret.key) is not the key it was saved with; enter the endpoint's key again`);
  }
}
