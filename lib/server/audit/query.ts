// Reading the audit log (admins: the /audit page and GET /api/audit): newest first, filtered and
// paginated in the database.
import type { AuditEventDto, AuditPageDto, AuditQuery } from "../../schemas/tokens";
import { db } from "../db";
import { AppError } from "../errors";

function dateParam(value: string | undefined, field: "from" | "to"): Date | undefined {
  if (!value) return undefined;
  const bareDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(bareDay ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new AppError("validation_failed", `${field} is not a date: use 2026-12-31 or an ISO date-time`, { field });
  // A bare `to` day includes the whole day.
  if (bareDay && field === "to") d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
}

export async function listAuditEvents(q: AuditQuery): Promise<AuditPageDto> {
  const from = dateParam(q.from, "from");
  const to = dateParam(q.to, "to");
  const toIsDay = !!q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to);
  const where = {
    ...(q.actor ? { actorLabel: { contains: q.actor } } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.project ? { projectId: q.project } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(from || to ? { at: { ...(from ? { gte: from } : {}), ...(to ? (toIsDay ? { lt: to } : { lte: to }) : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db().auditEvent.count({ where }),
  ]);
  const events: AuditEventDto[] = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorLabel: r.actorLabel,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: r.targetLabel,
    projectId: r.projectId,
    outcome: r.outcome as AuditEventDto["outcome"],
    ip: r.ip,
    detail: parseDetail(r.detail),
  }));
  return { events, total, page: q.page, pageSize: q.pageSize };
}
