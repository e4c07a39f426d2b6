// The one Better Auth instance of a process: email + password (the library's hashing), database
// sessions in httpOnly SameSite=Lax cookies (Secure behind https), sign-in limited per address and
// per account in Redis. Sign-up through the library is off: accounts are made only from a one-time
// link (invites.ts), which calls the library's own password hashing and account linking.
// Single sign-on (OIDC) slots in here as a plugin (genericOAuth / sso) later.
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { db, dbKind, type Db } from "../db";
import { PASSWORD_MIN } from "../../schemas/auth";
import { authSecret, publicUrl, secureCookies, trustedOrigins } from "./config";
import { consume, forget, redisRateLimitStorage, signInLimits } from "./rate-limit";

const SIGN_IN = "/sign-in/email";
const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;

function create(client: Db) {
  const limits = signInLimits();
  return betterAuth({
    appName: "ToolTune",
    baseURL: publicUrl(),
    basePath: "/api/auth",
    secret: authSecret(),
    trustedOrigins: trustedOrigins(),
    database: prismaAdapter(client, { provider: dbKind() === "postgres" ? "postgresql" : "sqlite" }),
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: PASSWORD_MIN, maxPasswordLength: 128 },
    user: { additionalFields: { role: { type: "string", required: false, input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    advanced: { cookiePrefix: "tooltune", useSecureCookies: secureCookies(), defaultCookieAttributes: { httpOnly: true, sameSite: "lax" } },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 200,
      customRules: { [SIGN_IN]: limits.perAddress },
      customStorage: redisRateLimitStorage,
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN) return;
        const email = (ctx.body as { email?: unknown } | undefined)?.email;
        if (typeof email !== "string") return;
        const { allowed, retryAfter } = await consume(accountKey(email), limits.perAccount);
        if (!allowed) {
          throw new APIError("TOO_MANY_REQUESTS", { message: `too many sign-in attempts for this account; try again in ${Math.ceil((retryAfter ?? 60) / 60)} minutes` });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN || !ctx.context.newSession) return;
        await forget(accountKey(ctx.context.newSession.user.email));
      }),
    },
  });
}

export type Auth = ReturnType<typeof create>;

const g = globalThis as unknown as { __tooltuneAuth?: { client: Db; auth: Auth } };

export function auth(): Auth {
  const client = db();
  if (!g.__tooltuneAuth || g.__tooltuneAuth.client !== client) g.__tooltuneAuth = { client, auth: create(client) };
  return g.__tooltuneAuth.auth;
}
