// Share links (lib/schemas/share.ts): a read-only link to one eval report, eval comparison, run page
// or run overlay. Only the SHA-256 of a token is stored; the link is shown once. A token resolves to a
// SharePrincipal that may read exactly the ids it names, and only through /api/share/[token]/…
// (./http.ts); no other route accepts it. Unknown, revoked and expired tokens all read as "no such
// link" (404), so a guess learns nothing.
import { createHash, randomBytes } from "node:crypto";
import { roleAllows } from "../../schemas/auth";
import { sharePath, type ShareCreate, type ShareKind, type ShareLinkDto } from "../../schemas/share";
import { publicUrl } from "../auth/config";
import type { Principal } from "../auth/principal";
import { noteAudit } from "../audit/context";
import { db } from "../db";
import { AppError } from "../errors";

const DAY_MS = 24 * 60 * 60 * 1000;
/** lastViewedAt is written at most this often per link: a page load makes several API calls. */
const VIEW_WRITE_MS = 60_000;

export const hashShareToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

/** Who a share token speaks for: read access to the ids it names in its project, nothing else. */
export interface SharePrincipal {
  kind: "share";
  linkId: string;
  projectId: string;
  shareKind: ShareKind;
  targets: string[];
  expiresAt: Date;
}

const isEvalKind = (k: ShareKind) => k === "eval" || k === "eval_compare";

/** Checks the targets exist in the project (evals for eval kinds, runs for run kinds). */
async function checkTargets(projectId: string, kind: ShareKind, targets: string[]) {
  const project = await db().project.findFirst({ where: { id: projectId, deletedAt: null }, select: { id: true } });
  if (!project) throw new AppError("not_found", `project ${projectId} not found`);
  const found = isEvalKind(kind)
    ? await db().eval.findMany({ where: { projectId, id: { in: targets } }, select: { id: true } })
    : await db().run.findMany({ where: { projectId, id: { in: targets } }, select: { id: true } });
  const have = new Set(found.map((r) => r.id));
  const missing = targets.filter((t) => !have.has(t));
  if (missing.length > 0)
    throw new AppError("not_found", `${isEvalKind(kind) ? "eval" : "run"} ${missing.join(", ")} not found in this project`, {
      field: "targets",
    });
}

type Row = {
  id: string;
  kind: string;
  targets: string;
  createdById: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastViewedAt: Date | null;
};

async function toDtos(rows: Row[]): Promise<ShareLinkDto[]> {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => x !== null))];
  const users = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ShareKind,
    targets: JSON.parse(r.targets) as string[],
    createdById: r.createdById,
    createdBy: r.createdById ? (names.get(r.createdById) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastViewedAt: r.lastViewedAt?.toISOString() ?? null,
  }));
}

export async function createShareLink(who: Principal, projectId: string, input: ShareCreate): Promise<ShareLinkDto> {
  await checkTargets(projectId, input.kind, input.targets);
  const token = newToken();
  const row = await db().shareLink.create({
    data: {
      tokenHash: hashShareToken(token),
      kind: input.kind,
      projectId,
      targets: JSON.stringify(input.targets),
      createdById: who.userId,
      expiresAt: new Date(Date.now() + input.days * DAY_MS),
    },
  });
  // route() records the request's audit event (lib/server/audit/); this names what it made. Never the token.
  noteAudit({
    action: "share.create",
    target: { type: "share_link", id: row.id, label: `${input.kind} ${input.targets.join(", ")}` },
    detail: { kind: input.kind, targets: input.targets, expiresAt: row.expiresAt.toISOString() },
  });
  const [dto] = await toDtos([row]);
  return { ...dto, url: publicUrl() + sharePath(token) };
}

/** The links of one thing (same kind, same ids in the same order), newest first; revoked and expired ones too, marked. */
export async function listShareLinks(projectId: string, kind: ShareKind, targets: string[]): Promise<ShareLinkDto[]> {
  const rows = await db().shareLink.findMany({
    where: { projectId, kind, targets: JSON.stringify(targets) },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return toDtos(rows);
}

/** Revoking is for the link's creator and for admins and owners. */
export async function revokeShareLink(who: Principal, projectId: string, id: string): Promise<ShareLinkDto> {
  const row = await db().shareLink.findFirst({ where: { id, projectId } });
  if (!row) throw new AppError("not_found", `share link ${id} not found in this project`);
  noteAudit({
    action: "share.revoke",
    target: { type: "share_link", id, label: `${row.kind} ${(JSON.parse(row.targets) as string[]).join(", ")}` },
    detail: { createdById: row.createdById },
  });
  if (row.createdById !== who.userId && !roleAllows(who.role, "members.manage")) {
    throw new AppError("forbidden", "only the member who made this share link, an admin or the owner can revoke it");
  }
  if (row.revokedAt) return (await toDtos([row]))[0];
  const updated = await db().shareLink.update({ where: { id }, data: { revokedAt: new Date() } });
  const [dto] = await toDtos([updated]);
  return dto;
}

/** The principal of a share token, or null when it is unknown, revoked, expired, or its project is in the trash. */
export async function resolveShareToken(token: string, now = new Date()): Promise<SharePrincipal | null> {
  if (token.length < 16 || token.length > 200) return null;
  const row = await db().shareLink.findUnique({
    where: { tokenHash: hashShareToken(token) },
    include: { project: { select: { deletedAt: true } } },
  });
  if (!row || row.revokedAt || row.expiresAt <= now || row.project.deletedAt) return null;
  if (!row.lastViewedAt || now.getTime() - row.lastViewedAt.getTime() > VIEW_WRITE_MS) {
    await db().shareLink.updateMany({ where: { id: row.id }, data: { lastViewedAt: now } });
  }
  return {
    kind: "share",
    linkId: row.id,
    projectId: row.projectId,
    shareKind: row.kind as ShareKind,
    targets: JSON.parse(row.targets) as string[],
    expiresAt: row.expiresAt,
  };
}

const gone = (what: string) => new AppError("not_found", `${what} is not part of this share link`);

/** The eval, if this link shows it (its report, or one side of its comparison). */
export function shareAllowsEval(share: SharePrincipal, projectId: string, evalId: string): void {
  if (projectId !== share.projectId || !isEvalKind(share.shareKind) || !share.targets.includes(evalId)) throw gone(`eval ${evalId}`);
}

/** A project-wide read an eval link's report needs (the pass/fail thresholds), if this is an eval link of this project. */
export function shareAllowsEvalReport(share: SharePrincipal, projectId: string): void {
  if (projectId !== share.projectId || !isEvalKind(share.shareKind)) throw gone("this project's eval report settings");
}

/** The comparison A vs B, if this is an eval_compare link for exactly these two (either way round). */
export function shareAllowsCompare(share: SharePrincipal, projectId: string, a: string, b: string): void {
  const t = share.targets;
  if (projectId !== share.projectId || share.shareKind !== "eval_compare" || a === b || !t.includes(a) || !t.includes(b))
    throw gone("this comparison");
}

/** The run, if this link shows it (its page, or one run of its overlay). */
export function shareAllowsRun(share: SharePrincipal, projectId: string, runId: string): void {
  if (projectId !== share.projectId || isEvalKind(share.shareKind) || !share.targets.includes(runId)) throw gone(`run ${runId}`);
}
