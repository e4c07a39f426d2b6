import { auditQuerySchema } from "@/lib/schemas/tokens";
import { listAuditEvents } from "@/lib/server/audit/query";
import { json, parseWith, route, searchParams } from "@/lib/server/http";

/** ?actor=&action=&project=&outcome=&from=&to=&page=&pageSize=: the audit log, newest first. */
export const GET = route("audit.read", async (req) => json(await listAuditEvents(parseWith(auditQuerySchema, searchParams(req)))));
