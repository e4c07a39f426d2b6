// Writing the audit log. route() in ../http.ts records every write (any method but GET) with its
// action, principal and outcome; the few things route() cannot see (sign-in success and failure,
// sign-out) call recordAudit themselves. Nothing here or elsewhere updates or deletes an event,
// and migration 0014 makes both databases refuse it (README.md).
import { getIPFromHeader } from "@better-auth/core/utils/ip";
import type { Principal } from "../auth/principal";
import { trustedProxies } from "../auth/config";
import { db, type Tx } from "../db";
import { redactSecrets } from "../../redact";

export type AuditOutcome = "ok" | "denied" | "failed";

/** Who acted: a principal (session or API token), nobody (null: "anonymous"), or a label of one's own ("cli"). */
export type AuditActor = Principal | null | { userId: string | null; label: string };

export interface AuditInput {
  /** What was done: an ACTIONS name with the route ("imports.write POST /projects/[projectId]/imports/[importId]/commit"), or a name of its own ("auth.sign-in"). */
  action: string;
  actor: AuditActor;
  /** ok (default), denied (401/403) or failed (any other error). */
  outcome?: AuditOutcome;
  target?: { type: string; id?: string | null; label?: string | null } | null;
  projectId?: string | null;
  /** The caller's address; taken from `request` when not given. */
  ip?: string | null;
  request?: Request | Headers | null;
  /** A small object (at most 2 KB as JSON; secrets are redacted). */
  detail?: Record<string, unknown> | null;
}

const MAX_DETAIL = 2048;
/** At most n characters, and no NUL (PostgreSQL's text refuses it; hostile input brings it). */
const clip = (s: string | null | undefined, n: number) => {
  if (s == null) return null;
  const clean = s.includes("\u0000") ? s.replace(/\u0000/g, "\uFFFD") : s;
  return clean.length > n ? `${clean.slice(0, n - 1)}…` : clean;
};

/** The label an event shows for its actor: "alex@example.com", "token 'ci' of alex@example.com", "anonymous". */
export function actorOf(actor: AuditActor): { userId: string | null; label: string } {
  if (actor === null) return { userId: null, label: "anonymous" };
  if ("kind" in actor) {
    if (actor.kind === "token") return { userId: actor.userId, label: `token '${actor.tokenName}' of ${actor.email}` };
    return { userId: actor.userId, label: actor.email };
  }
  return { userId: actor.userId, label: actor.label };
}

/**
 * The caller's address read from X-Forwarded-For exactly as the sign-in limiter reads it (Better
 * Auth's own function, with TOOLTUNE_TRUSTED_PROXIES: config.ts says how), or null when no address
 * can be trusted. Its leftmost entry is whatever the client sent, so it is never taken on its own.
 */
export function clientIp(from: Request | Headers | null | undefined): string | null {
  if (!from) return null;
  const h = from instanceof Headers ? from : from.headers;
  const forwarded = h.get("x-forwarded-for");
  if (!forwarded) return null;
  return clip(getIPFromHeader(forwarded, { trustedProxies: trustedProxies(), ipv6Subnet: 128 }), 64);
}

function detailText(detail: Record<string, unknown> | null | undefined): string | null {
  if (!detail || Object.keys(detail).length === 0) return null;
  const text = redactSecrets(JSON.stringify(detail));
  return text.length <= MAX_DETAIL ? text : JSON.stringify({ truncated: text.slice(0, MAX_DETAIL - 40) });
}

/**
 * Appends one event. Inside a transaction (`tx`) a failure throws and undoes the change with it;
 * otherwise the change is already made, so a failure to record is logged, never thrown at the caller.
 */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  const actor = actorOf(input.actor);
  const data = {
    actorUserId: actor.userId,
    actorLabel: clip(actor.label, 200)!,
    action: clip(input.action, 200)!,
    outcome: input.outcome ?? "ok",
    targetType: clip(input.target?.type, 40),
    targetId: clip(input.target?.id, 200),
    targetLabel: clip(input.target?.label, 200),
    projectId: clip(input.projectId, 200),
    ip: input.ip !== undefined ? clip(input.ip, 64) : clientIp(input.request),
    detail: detailText(input.detail),
  };
  if (tx) {
    await tx.auditEvent.create({ data });
    return;
  }
  try {
    await db().auditEvent.create({ data });
  } catch (e) {
    console.error(`[audit] could not record ${data.action} by ${data.actorLabel} (${data.outcome}):`, redactSecrets((e as Error).message));
  }
}
