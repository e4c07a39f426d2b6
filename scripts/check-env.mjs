// Validates the settings before anything starts, naming the variable that is wrong. Also the guard of
// `npm start`: serving beyond this machine (a non-loopback HOST, or a TOOLTUNE_URL that is not
// loopback) needs sign-in, so it needs TOOLTUNE_AUTH_SECRET, and TOOLTUNE_URL so the app knows the
// address people open (it refuses other Host names and cross-site writes).
import { existsSync } from "node:fs";
import { z } from "zod";
import { findInvalidTrustedProxies } from "@better-auth/core/utils/ip";

function isJsonObject(text) {
  try {
    const v = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;
const MAKE_SECRET = `openssl rand -base64 32   (or: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))")`;

/** An origin as the browser shows it: scheme, host, port; no path, query or credentials. */
function isOrigin(value) {
  try {
    const u = new URL(value.trim());
    return /^https?:$/.test(u.protocol) && !u.username && !u.password && !u.search && !u.hash && u.pathname === "/";
  } catch {
    return false;
  }
}
const origin = z
  .string()
  .refine(isOrigin, "must be an address such as https://tooltune.example.com (scheme, host and optional port; no path)");

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with "file:" (SQLite) or "postgresql://"')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with "redis://"')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  TOOLTUNE_URL: origin.optional(),
  TOOLTUNE_ALLOWED_ORIGINS: z
    .string()
    .refine(
      (v) => v.split(",").every((p) => !p.trim() || isOrigin(p)),
      "must be comma-separated addresses such as https://tooltune.lan,https://10.0.0.5:3000 (no paths)",
    )
    .optional(),
  TOOLTUNE_AUTH_SECRET: z.string().min(32, `must be at least 32 characters; make one with: ${MAKE_SECRET}`).optional(),
  TOOLTUNE_INLINE_REVALIDATION_LIMIT: z.coerce.number().int().min(0).optional(),
  TOOLTUNE_INLINE_HEALTH_LIMIT: z.coerce.number().int().min(0).optional(),
  OPENAI_BASE_URL: z.string().url("must be a URL such as https://api.openai.com/v1").optional(),
  FIREWORKS_BASE_URL: z.string().url("must be a URL such as https://api.fireworks.ai").optional(),
  TOGETHER_BASE_URL: z.string().url("must be a URL such as https://api.together.xyz/v1").optional(),
  TOOLTUNE_GPU_URL: z.string().url("must be a URL such as http://gpu-box:8700").optional(),
  TOOLTUNE_AGENT_LOST_MS: z.coerce.number().int().min(1000).optional(),
  TOOLTUNE_POLL_MIN_MS: z.coerce.number().int().min(50).optional(),
  TOOLTUNE_POLL_MAX_MS: z.coerce.number().int().min(50).optional(),
  TOOLTUNE_EVAL_LEASE_MS: z.coerce.number().int().min(500).optional(),
  TOOLTUNE_EVAL_ATTEMPTS: z.coerce.number().int().min(1).max(20).optional(),
  TOOLTUNE_EVAL_TIMEOUT_MS: z.coerce.number().int().min(1000).optional(),
  TOOLTUNE_MCP_TIMEOUT_MS: z.coerce.number().int().min(1000).optional(),
  // The stdio MCP servers ToolTune may start: a JSON object, or the path of a file holding one
  // (each entry's fields are checked where it is used, lib/server/catalogue/mcp-servers.ts).
  TOOLTUNE_MCP_SERVERS: z
    .string()
    .refine((v) => (v.trim().startsWith("{") ? isJsonObject(v) : existsSync(v.trim())), {
      message: 'must be a JSON object such as {"docs": {"command": "npx", "args": ["-y", "docs-mcp"]}}, or the path of a file holding one',
    })
    .optional(),
  TOOLTUNE_OIDC_ISSUER: z
    .string()
    .url("must be the provider's issuer URL, such as https://sso.example.com/realms/team")
    .refine((v) => /^https?:/.test(v), "must be an http(s) URL")
    .optional(),
  TOOLTUNE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  TOOLTUNE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  TOOLTUNE_OIDC_NAME: z.string().max(60, "is the sign-in button's label; keep it under 60 characters").optional(),
  TOOLTUNE_OIDC_SCOPES: z.string().optional(),
  TOOLTUNE_TRUSTED_PROXIES: z
    .string()
    .superRefine((v, ctx) => {
      const bad = findInvalidTrustedProxies(v.split(",").map((p) => p.trim()).filter(Boolean));
      if (bad.length > 0)
        ctx.addIssue({ code: "custom", message: `${bad.map((b) => JSON.stringify(b)).join(", ")} is not an address or CIDR range; list your proxies like 127.0.0.1,10.0.0.0/24` });
    })
    .optional(),
  TOOLTUNE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, "must be smtp://[user:password@]host[:port] or smtps://… (invitations are emailed through it)")
    .optional(),
  TOOLTUNE_MAIL_FROM: z.string().min(3).optional(),
  TOOLTUNE_SIGNIN_PER_ADDRESS: z.coerce.number().int().min(1).optional(),
  TOOLTUNE_SIGNIN_PER_ACCOUNT: z.coerce.number().int().min(1).optional(),
});
const OIDC_REQUIRED = ["TOOLTUNE_OIDC_ISSUER", "TOOLTUNE_OIDC_CLIENT_ID", "TOOLTUNE_OIDC_CLIENT_SECRET"];
const r = schema
  .superRefine((env, ctx) => {
    const set = OIDC_REQUIRED.filter((k) => env[k]);
    if (set.length === 0 || set.length === OIDC_REQUIRED.length) return;
    for (const k of OIDC_REQUIRED.filter((k) => !env[k]))
      ctx.addIssue({
        code: "custom",
        path: [k],
        message: `is needed too: single sign-on takes ${OIDC_REQUIRED.join(", ")} (or none of them)`,
      });
  })
  .safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
if (!r.success) {
  for (const i of r.error.issues) console.error(`[env] ${i.path.join(".")}: ${i.message}`);
  console.error("[env] fix these in your environment or .env (see .env.example)");
  process.exit(2);
}

// Reachable from other machines: by binding to a network address, or through a public address.
const env = r.data;
const publicHost = env.TOOLTUNE_URL ? new URL(env.TOOLTUNE_URL).hostname.replace(/^\[|\]$/g, "") : null;
const exposedBy = [
  env.HOST && !LOOPBACK.test(env.HOST) ? `HOST=${env.HOST}` : null,
  publicHost && !LOOPBACK.test(publicHost) ? `TOOLTUNE_URL=${env.TOOLTUNE_URL}` : null,
].filter(Boolean);
const missing = [!env.TOOLTUNE_AUTH_SECRET && "TOOLTUNE_AUTH_SECRET", !env.TOOLTUNE_URL && "TOOLTUNE_URL"].filter(Boolean);
if (exposedBy.length > 0 && missing.length > 0) {
  console.error(`[env] ${exposedBy.join(" and ")} makes ToolTune reachable from other machines, which needs ${missing.join(" and ")}:`);
  if (!env.TOOLTUNE_AUTH_SECRET)
    console.error(`[env]   TOOLTUNE_AUTH_SECRET signs sign-in sessions (32+ characters); make one with: ${MAKE_SECRET}`);
  if (!env.TOOLTUNE_URL)
    console.error("[env]   TOOLTUNE_URL is the address people open, e.g. https://tooltune.example.com; other Host names are refused");
  console.error(
    `[env] put them in .env (see .env.example), or leave HOST and TOOLTUNE_URL unset to serve this machine only. README: "Put it on your team's network"`,
  );
  process.exit(2);
}

// Bound to a network address directly: sign-in works, but the caller's address (per-address sign-in
// limits, the audit log) comes from X-Forwarded-For, which Next keeps as the client sent it.
if (env.HOST && !LOOPBACK.test(env.HOST)) {
  console.error(
    `[env] warning: HOST=${env.HOST} serves ToolTune without a reverse proxy; a client can then forge X-Forwarded-For, so per-address sign-in limits and audit addresses cannot be trusted. Keep HOST=127.0.0.1 behind a proxy that replaces X-Forwarded-For, or one that appends to it and is listed in TOOLTUNE_TRUSTED_PROXIES (README: "Put it on your team's network").`,
  );
}
