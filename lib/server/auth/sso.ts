// Single sign-on keeps sign-up by invitation: Better Auth makes a user on a first OIDC sign-in, and
// the hook in auth.ts lets it only when the provider vouches for the address (email_verified) and an
// invitation for that address is pending; the user gets the invited role and the invitation is used.
// Anyone else is refused with a code the sign-in page explains. A member who already has an account
// (same address) is linked by Better Auth itself, again only on a verified address.
import { APIError } from "better-auth/api";
import type { Role } from "../../schemas/auth";
import { clientIp, recordAudit } from "../audit/record";
import { db } from "../db";

/** Codes the callback sends to /sign-in?error=…; the page words them (app/sign-in/page.tsx). */
export const SSO_REFUSED = { noInvitation: "no_invitation", emailNotVerified: "email_not_verified" } as const;

/** The address a callback's sign-in was for, kept per request (keyed by the request's Better Auth context) for its audit event. */
const triedAddress = new WeakMap<object, string>();

/** The role of a pending invitation for `email`, claimed once (compare-and-set); refuses (throws) without one. */
export async function claimInvitationForSso(email: string | null | undefined, emailVerified: boolean, request?: object | null): Promise<Role> {
  const address = email?.trim().toLowerCase();
  if (request && address) triedAddress.set(request, address);
  if (!address || !emailVerified) {
    throw new APIError("FORBIDDEN", { code: SSO_REFUSED.emailNotVerified, message: "the sign-in provider did not confirm this email address, so ToolTune cannot match it to an invitation" });
  }
  const now = new Date();
  const pending = await db().invite.findMany({
    where: { kind: "invite", email: address, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
  for (const invite of pending) {
    const claimed = await db().invite.updateMany({ where: { id: invite.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: now } });
    if (claimed.count === 1) return invite.role as Role;
  }
  throw new APIError("FORBIDDEN", { code: SSO_REFUSED.noInvitation, message: `${address} has no invitation to this ToolTune: ask an admin for an invitation` });
}

/** Records who used the invitation claimed by `claimInvitationForSso` (the user did not exist yet then). */
export async function markInvitationUsed(userId: string, email: string | null | undefined): Promise<void> {
  if (!email) return;
  await db().invite.updateMany({ where: { kind: "invite", email: email.toLowerCase(), acceptedAt: { not: null }, acceptedById: null }, data: { acceptedById: userId } });
}

/**
 * What the sign-in page says for a failed single sign-on (`/sign-in?error=CODE`). Only these fixed
 * words are shown: the query is anyone's to write, so its error_description is never displayed.
 */
export function ssoErrorMessage(code: string): { title: string; detail: string } {
  switch (code) {
    case SSO_REFUSED.noInvitation:
    case "signup_disabled":
    case "unable_to_create_user":
      return { title: "You are not a member of this ToolTune yet", detail: "Single sign-on worked, but no invitation is waiting for your email address: ask an admin for an invitation, then sign in again." };
    case SSO_REFUSED.emailNotVerified:
      return { title: "Your email address is not verified", detail: "The sign-in provider did not confirm your email address, so ToolTune cannot match it to a member or an invitation. Verify it with the provider, or ask an admin." };
    case "account_not_linked":
      return { title: "This address belongs to a member, but the provider did not verify it", detail: "Sign in with your password, or verify the address with the sign-in provider and try again." };
    case "state_mismatch":
    case "state_not_found":
    case "state_invalid":
    case "invalid_state":
    case "please_restart_the_process":
      return { title: "That sign-in attempt is no longer valid", detail: "It expired, was already used, or was started in another browser. Start again from this page." };
    case "unable_to_get_user_info":
    case "invalid_code":
    case "issuer_mismatch":
    case "nonce_binding_missing":
      return { title: "The sign-in provider's answer could not be verified", detail: "ToolTune refused it (its ID token, nonce or code did not check out). Start again; if it keeps happening, ask an admin to check the single sign-on settings." };
    case "access_denied":
      return { title: "Sign-in was cancelled at the provider", detail: "Start again when you are ready." };
    default:
      return { title: "Single sign-on did not complete", detail: `The sign-in failed (${code.replace(/[^a-z0-9_]/gi, "").slice(0, 60) || "unknown error"}). Start again, or sign in with your password.` };
  }
}

/** Refusals by the invitation rule (the person is not let in), as against failures (a broken or forged answer). */
const DENIED = new Set<string>([SSO_REFUSED.noInvitation, SSO_REFUSED.emailNotVerified, "account_not_linked", "access_denied"]);

/**
 * The audit event of one SSO callback: "auth.sign-in" with method "sso", ok with the member, or
 * denied/failed with the ?error= code the browser was sent to and the address tried when known.
 */
export async function auditSsoCallback(input: {
  request: object;
  headers: Headers | null | undefined;
  user: { id: string; email: string } | null;
  location: string | null;
}): Promise<void> {
  const ip = clientIp(input.headers ?? null);
  if (input.user) {
    await recordAudit({ action: "auth.sign-in", actor: { userId: input.user.id, label: input.user.email }, target: { type: "user", id: input.user.id, label: input.user.email }, ip, detail: { method: "sso" } });
    return;
  }
  let code = "unknown";
  try {
    code = new URL(input.location ?? "", "http://x").searchParams.get("error") ?? "unknown";
  } catch {
    // no usable Location: keep "unknown"
  }
  const email = triedAddress.get(input.request) ?? null;
  await recordAudit({
    action: "auth.sign-in",
    actor: { userId: null, label: email ?? "anonymous" },
    outcome: DENIED.has(code) ? "denied" : "failed",
    ip,
    detail: { method: "sso", error: code.slice(0, 80) },
  });
}
