// API tokens (lib/server/auth/tokens.ts) and the audit log (lib/server/audit/): shapes shared by the
// routes and the pages.
import { z } from "zod";
import { roleSchema, type Role } from "./auth";

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, "name the token, e.g. ci").max(60, "at most 60 characters"),
  /** Default: the owner's role. */
  role: roleSchema.optional(),
  /** ISO date-time; none: never expires. */
  expiresAt: z.iso.datetime({ offset: true, message: "an ISO date such as 2027-01-31T00:00:00Z" }).nullish(),
});
export type TokenCreateInput = z.infer<typeof tokenCreateSchema>;

export interface ApiTokenDto {
  id: string;
  name: string;
  /** The token's first characters, to tell tokens apart. */
  prefix: string;
  role: Role;
  /** min(role, the owner's role now); null once the owner is not a member. */
  effectiveRole: Role | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Only in the answer to the request that made it. */
  token?: string;
}

export const AUDIT_OUTCOMES = ["ok", "denied", "failed"] as const;

export const auditQuerySchema = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(200).optional(),
  project: z.string().trim().max(200).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** ISO date or date-time; `to` is inclusive of its whole day when a bare date. */
  from: z.string().trim().max(40).optional(),
  to: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditEventDto {
  id: string;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  projectId: string | null;
  outcome: (typeof AUDIT_OUTCOMES)[number];
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditPageDto {
  events: AuditEventDto[];
  total: number;
  page: number;
  pageSize: number;
}
