// Where the app is reached and the secret that signs its cookies. TOOLTUNE_URL is the address people
// type (behind a TLS proxy: https://tooltune.example.com); cookies are Secure when it is https.
// TOOLTUNE_AUTH_SECRET signs sessions; without it a loopback-only install makes one in the data
// directory (data/auth.secret, mode 600), the way lib/server/secrets.ts makes data/secret.key.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, dataSubdir } from "../files/data-dir";
import { guardConfig } from "../net/request-guard";

export const AUTH_SECRET_ENV = "TOOLTUNE_AUTH_SECRET";
export const PUBLIC_URL_ENV = "TOOLTUNE_URL";
const MIN_SECRET_CHARS = 32;

export function publicUrl(): string {
  const raw = process.env[PUBLIC_URL_ENV]?.trim();
  const url = raw || `http://127.0.0.1:${process.env.PORT || 3000}`;
  try {
    return new URL(url).origin;
  } catch {
    throw new Error(`${PUBLIC_URL_ENV} is not a URL: "${url}" (expected something like https://tooltune.example.com)`);
  }
}

/** Origins whose requests may carry the session: the same ones proxy.ts lets write (public URL, allowed origins, loopback). */
export function trustedOrigins(): string[] {
  const { origins } = guardConfig({ TOOLTUNE_URL: process.env.TOOLTUNE_URL, TOOLTUNE_ALLOWED_ORIGINS: process.env.TOOLTUNE_ALLOWED_ORIGINS, PORT: process.env.PORT });
  return [...new Set([publicUrl(), ...origins])];
}

export const TRUSTED_PROXIES_ENV = "TOOLTUNE_TRUSTED_PROXIES";

/**
 * The reverse proxies (addresses or CIDR ranges, TOOLTUNE_TRUSTED_PROXIES) that append to
 * X-Forwarded-For. With them, the client is the rightmost address that is not one of them; without
 * them only a single-address X-Forwarded-For counts (one a proxy set, replacing the client's own),
 * and a chain counts as no address at all. The sign-in limits and the audit log read it the same way.
 */
export function trustedProxies(): string[] {
  return (process.env[TRUSTED_PROXIES_ENV] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

export function secureCookies(): boolean {
  return publicUrl().startsWith("https:");
}

let cached: { source: string; secret: string } | null = null;

export function authSecret(): string {
  const fromEnv = process.env[AUTH_SECRET_ENV]?.trim();
  const source = fromEnv ? `env:${fromEnv}` : `file:${dataDir()}`;
  if (cached?.source === source) return cached.secret;
  let secret: string;
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_CHARS) throw new Error(`${AUTH_SECRET_ENV} must be at least ${MIN_SECRET_CHARS} characters (make one with: openssl rand -base64 32)`);
    secret = fromEnv;
  } else {
    const file = path.join(dataSubdir(), "auth.secret");
    if (!existsSync(file)) {
      try {
        writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another process made it first
      }
    }
    secret = readFileSync(file, "utf8").trim();
    if (secret.length < MIN_SECRET_CHARS) throw new Error(`${file} holds a secret shorter than ${MIN_SECRET_CHARS} characters; delete it to make a new one (every session ends)`);
  }
  cached = { source, secret };
  return secret;
}

/** Single sign-on through an OpenID Connect provider, when TOOLTUNE_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are set. */
export interface OidcSettings {
  /** The provider's id in Better Auth: its callback is `${publicUrl()}/api/auth/callback/${OIDC_PROVIDER_ID}`. */
  providerId: typeof OIDC_PROVIDER_ID;
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** The button's label: "Sign in with <name>". */
  name: string;
  scopes: string[];
}

export const OIDC_PROVIDER_ID = "oidc";
const OIDC_ENV = ["TOOLTUNE_OIDC_ISSUER", "TOOLTUNE_OIDC_CLIENT_ID", "TOOLTUNE_OIDC_CLIENT_SECRET"] as const;

/** The configured OIDC provider, or null when none is; a half-configured one is an error that names what is missing. */
export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  const [issuer, clientId, clientSecret] = OIDC_ENV.map((k) => env[k]?.trim() ?? "");
  if (!issuer && !clientId && !clientSecret) return null;
  const missing = OIDC_ENV.filter((k) => !env[k]?.trim());
  if (missing.length > 0) throw new Error(`single sign-on is half configured: set ${missing.join(" and ")} too (or unset all TOOLTUNE_OIDC_* variables)`);
  let base: URL;
  try {
    base = new URL(issuer);
  } catch {
    throw new Error(`TOOLTUNE_OIDC_ISSUER is not a URL: "${issuer}" (expected the provider's issuer, such as https://accounts.example.com/realms/team)`);
  }
  const trimmed = base.href.replace(/\/+$/, "");
  const scopes = (env.TOOLTUNE_OIDC_SCOPES?.trim() || "openid email profile").split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes("openid")) scopes.unshift("openid");
  return {
    providerId: OIDC_PROVIDER_ID,
    issuer: trimmed,
    discoveryUrl: `${trimmed}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    name: env.TOOLTUNE_OIDC_NAME?.trim() || "single sign-on",
    scopes,
  };
}
