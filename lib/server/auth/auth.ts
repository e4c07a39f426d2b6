// The one Better Auth instance of a process: email + password (the library's hashing), database
// sessions in httpOnly SameSite=Lax cookies (Secure behind https), sign-in limited per address and
// per account in Redis. Sign-up through the library is off: accounts are made only from a one-time
// link (invites.ts), which calls the library's own password hashing and account linking.
// Single sign-on through any OpenID Connect provider (TOOLTUNE_OIDC_*) is Better Auth's generic OAuth
// plugin with discovery: it checks state (signed, one use, bound to a browser cookie), PKCE, the ID
// token's signature, issuer, audience and nonce. It cannot make an account on its own: a user is made
// only for a verified address with a pending invitation (sso.ts), and an existing member is linked
// only on a verified address from the provider.
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { genericOAuth } from "better-auth/plugins";
import { db, dbKind, type Db } from "../db";
import { PASSWORD_MIN } from "../../schemas/auth";
import { authSecret, oidcSettings, publicUrl, secureCookies, trustedOrigins, trustedProxies, type OidcSettings } from "./config";
import { consume, forget, redisRateLimitStorage, signInLimits } from "./rate-limit";
import { auditSsoCallback, claimInvitationForSso, markInvitationUsed } from "./sso";

const SIGN_IN = "/sign-in/email";
const SSO_START = "/sign-in/social";
const SSO_CALLBACK = "/callback/";
const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;

/** The OIDC provider as a generic OAuth config: discovery, PKCE, verified ID tokens, callback by GET (response_mode=query). */
function oidcPlugin(o: OidcSettings) {
  return genericOAuth({
    config: [
      {
        providerId: o.providerId,
        name: o.name,
        discoveryUrl: o.discoveryUrl,
        clientId: o.clientId,
        clientSecret: o.clientSecret,
        scopes: o.scopes,
        pkce: true,
        requireIdTokenVerification: true,
        responseMode: "query",
      },
    ],
  });
}

function create(client: Db, oidc: OidcSettings | null) {
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
    plugins: oidc ? [oidcPlugin(oidc)] : [],
    // Linking an SSO identity to a member: only when the provider says the address is verified (no
    // provider is "trusted" to skip that). Members' own addresses were typed by an admin in an
    // invitation (or by the owner at setup), so they are not required to be verified here.
    account: { accountLinking: { enabled: true, trustedProviders: [], requireLocalEmailVerified: false, allowDifferentEmails: false } },
    // Where a failed SSO callback lands (a tampered or expired state, say): the sign-in page words the ?error= code.
    onAPIError: { errorURL: `${publicUrl()}/sign-in` },
    databaseHooks: {
      user: {
        create: {
          // Accounts from invites.ts are made outside any Better Auth endpoint (no context); inside one,
          // the only way a user is made is the OAuth callback, which needs an invitation.
          before: async (user, ctx) => {
            if (!ctx) return;
            const role = await claimInvitationForSso(user.email, user.emailVerified === true, ctx.context);
            return { data: { ...user, role } };
          },
          after: async (user, ctx) => {
            if (ctx) await markInvitationUsed(user.id, user.email);
          },
        },
      },
    },
    advanced: {
      cookiePrefix: "tooltune",
      useSecureCookies: secureCookies(),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: trustedProxies() },
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 200,
      customRules: { [SIGN_IN]: limits.perAddress, [SSO_START]: limits.perAddress },
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
        if (ctx.path.startsWith(SSO_CALLBACK)) {
          const returned = ctx.context.returned;
          const location = returned instanceof APIError ? (new Headers(returned.headers).get("location") ?? null) : null;
          const user = ctx.context.newSession?.user;
          await auditSsoCallback({ request: ctx.context, headers: ctx.headers, user: user ? { id: user.id, email: user.email } : null, location: location ?? ctx.context.responseHeaders?.get("location") ?? null });
          return;
        }
        if (ctx.path !== SIGN_IN || !ctx.context.newSession) return;
        await forget(accountKey(ctx.context.newSession.user.email));
      }),
    },
  });
}

export type Auth = ReturnType<typeof create>;

const g = globalThis as unknown as { __tooltuneAuth?: { client: Db; oidcKey: string; auth: Auth } };

export function auth(): Auth {
  const client = db();
  const oidc = oidcSettings();
  const oidcKey = JSON.stringify([oidc, trustedProxies()]); // a test may change either
  if (!g.__tooltuneAuth || g.__tooltuneAuth.client !== client || g.__tooltuneAuth.oidcKey !== oidcKey) g.__tooltuneAuth = { client, oidcKey, auth: create(client, oidc) };
  return g.__tooltuneAuth.auth;
}
