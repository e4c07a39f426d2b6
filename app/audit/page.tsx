import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/AuditLog";
import { auditQuerySchema } from "@/lib/schemas/tokens";
import { listAuditEvents } from "@/lib/server/audit/query";
import { requireSignedIn } from "@/lib/server/auth/page";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

/** Admins: who did what, newest first, filtered and paginated on the server (the form is a plain GET). */
export default async function Page({ searchParams }: { searchParams: Promise<Search> }) {
  await requireSignedIn("audit.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" && v !== "" ? [[k, v]] : [])));
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({});
  let problem = parsed.success ? null : "some filters were not understood and are ignored";
  let page;
  try {
    page = await listAuditEvents(query);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problem = e.message;
    page = await listAuditEvents({ ...query, from: undefined, to: undefined });
  }
  const projects = await db().project.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 1000 });
  return <AuditLog page={page} filters={raw} projects={projects} problem={problem} />;
}
