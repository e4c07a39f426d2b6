// Roles, the actions each may take, and the shapes of sign-in forms: shared by the server (which
// enforces them in lib/server/auth/) and the browser (which hides what a role cannot do).
// The README's "Roles" table lists ACTIONS; a unit test keeps the two the same.
import { z } from "zod";

export const ROLES = ["viewer", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Each action and the least role that may take it; every higher role may too. */
export const ACTIONS = {
  read: { least: "viewer", what: "see every project, example, run, eval, endpoint and GPU agent (never a key or token) and the trash" },
  "projects.create": { least: "editor", what: "create a project" },
  "projects.update": { least: "editor", what: "rename a project, change its output style, prompt and price table" },
  "catalogue.write": { least: "editor", what: "add, edit, archive and reorder tools" },
  "examples.write": { least: "editor", what: "create, label, edit, bulk-change and delete examples" },
  "imports.write": { least: "editor", what: "upload, re-analyse, commit and discard imports" },
  "splits.write": { least: "editor", what: "apply a train/validation/gold split" },
  "runs.write": { least: "editor", what: "start, cancel and retry training runs; name, tag and annotate them" },
  "evals.write": { least: "editor", what: "start and cancel evals, use the playground" },
  "shares.create": { least: "editor", what: "make read-only share links to an eval report, eval comparison, run or run overlay, and revoke one's own (admins revoke any)" },
  "endpoints.write": { least: "admin", what: "add, change and delete endpoints and their API keys" },
  "agents.manage": { least: "admin", what: "register, change, probe and remove the GPU pool's agents and their tokens" },
  "projects.delete": { least: "admin", what: "move a project to the trash, restore it, purge it, empty the trash" },
  "members.manage": { least: "admin", what: "invite members, revoke invites, change roles, remove members" },
  "audit.read": { least: "admin", what: "read the audit log" },
} as const satisfies Record<string, { least: Role; what: string }>;
export type Action = keyof typeof ACTIONS;

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

export function roleAllows(role: Role | null | undefined, action: Action): boolean {
  return role != null && RANK[role] >= RANK[ACTIONS[action].least];
}

export function allowedRoles(action: Action): Role[] {
  return ROLES.filter((r) => roleAllows(r, action));
}

/** Whether `actor` may give `target` (or take from someone who has it): only owners hand out or take away ownership. */
export function canAssignRole(actor: Role, target: Role): boolean {
  return roleAllows(actor, "members.manage") && (target !== "owner" || actor === "owner");
}

/** The request header proxy.ts sets to the page's path and query (never the client's own value). */
export const PATH_HEADER = "x-tooltune-path";

/**
 * A path on this site to go back to after signing in, or "/" for anything else: an absolute URL,
 * a protocol-relative "//host" or a "/\\host" (which browsers read as "//host") would make the
 * sign-in form an open redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f]/.test(next)) return "/";
  return next;
}

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", editor: "Editor", viewer: "Viewer" };

const email = z.string().trim().toLowerCase().max(254).email("enter an email address such as alex@example.com");
export const PASSWORD_MIN = 10;
const password = z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(128, "at most 128 characters");
const name = z.string().trim().min(1, "enter your name").max(80, "at most 80 characters");

export const signInSchema = z.object({ email, password: z.string().min(1, "enter your password").max(128) });
export const acceptInviteSchema = z.object({ token: z.string().min(16).max(200), name, email, password });
export const inviteCreateSchema = z.object({ email, role: roleSchema });
export const memberPatchSchema = z.object({ role: roleSchema });

export type AcceptInviteInput = z.infer<typeof acceptInviteSchema>;

export interface MeDto {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface MemberDto {
  id: string;
  name: string;
  email: string;
  role: Role;
  createdAt: string;
}

export interface InviteDto {
  id: string;
  email: string;
  role: Role;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  /** Only in the answer to the request that made it: the link is never shown again. */
  url?: string;
  /** Only in that answer, and only where SMTP is configured: whether the link was emailed. */
  mail?: { sent: true; to: string } | { sent: false; to: string; error: string };
}

/** The one-time link of an invite or the first-run setup. */
export function invitePath(kind: "setup" | "invite", token: string): string {
  return kind === "setup" ? `/setup?token=${encodeURIComponent(token)}` : `/invite?token=${encodeURIComponent(token)}`;
}
