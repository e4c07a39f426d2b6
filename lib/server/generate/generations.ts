// Reads and cancel of generations, for the app. Counters live on the row (moved by the worker in the
// same transaction as each item's outcome); rejection reasons and drafts are counted at read.
import { EVAL_TERMINAL, type EvalBackend, type EvalStatus } from "../../schemas/evals";
import {
  generationItemsQuerySchema,
  type GenerationConfig,
  type GenerationDto,
  type GenerationItemDto,
  type GenerationItemsPageDto,
  type GenerationKind,
  type RejectionReason,
} from "../../schemas/generate";
import { costUsd } from "../../generate/plan";
import { authorLabels } from "../authors";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { parseJsonText } from "../json-text";
import { requireProject } from "../projects/projects";

type Row = Awaited<ReturnType<ReturnType<typeof db>["generation"]["findUniqueOrThrow"]>>;

/** By id, or by its tag ("gen:…", as a draft's tags name it). */
export async function requireGeneration(projectId: string, id: string): Promise<Row> {
  const row = await db().generation.findFirst({ where: id.startsWith("gen:") ? { tag: id, projectId } : { id, projectId } });
  if (!row) throw notFound("generation", id);
  return row;
}

async function decorate(rows: Row[]): Promise<GenerationDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [names, reasons, drafts] = await Promise.all([
    authorLabels(rows.map((r) => r.createdById)),
    db().generationItem.groupBy({
      by: ["generationId", "reason"],
      where: { generationId: { in: ids }, outcome: "rejected" },
      _count: { _all: true },
    }),
    db().example.groupBy({
      by: ["tags"],
      where: {
        projectId: rows[0].projectId,
        reviewState: "draft",
        source: "generated",
        OR: rows.map((r) => ({ tags: { contains: JSON.stringify(r.tag) } })),
      },
      _count: { _all: true },
    }),
  ]);
  return rows.map((r) => {
    const config = parseJsonText<GenerationConfig>(r.config);
    const own: Partial<Record<RejectionReason, number>> = {};
    for (const g of reasons) if (g.generationId === r.id && g.reason) own[g.reason as RejectionReason] = g._count._all;
    const draftCount = drafts.filter((d) => d.tags.includes(JSON.stringify(r.tag))).reduce((n, d) => n + d._count._all, 0);
    return {
      id: r.id,
      projectId: r.projectId,
      status: r.status as EvalStatus,
      backend: r.backend as EvalBackend,
      endpointId: r.endpointId,
      model: r.model,
      tag: r.tag,
      tools: config.tools.map((t) => t.name),
      plan: config.plan,
      temperature: config.temperature,
      total: r.total,
      done: r.done,
      accepted: r.accepted,
      rejected: r.rejected,
      failed: r.failed,
      reasons: own,
      drafts: draftCount,
      firstDraftId: null,
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      costUsd: config.pricing ? costUsd(r.promptTokens, r.completionTokens, config.pricing) : null,
      error: r.error,
      cancelRequested: r.cancelRequested,
      createdBy: names.get(r.createdById ?? "") ?? null,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    };
  });
}

export async function listGenerations(projectId: string): Promise<GenerationDto[]> {
  await requireProject(projectId);
  return decorate(await db().generation.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 100 }));
}

export async function getGeneration(projectId: string, id: string): Promise<GenerationDto> {
  const dto = (await decorate([await requireGeneration(projectId, id)]))[0];
  const first = await db().example.findFirst({
    where: { projectId, reviewState: "draft", tags: { contains: JSON.stringify(dto.tag) } },
    orderBy: { number: "asc" },
    select: { id: true },
  });
  return { ...dto, firstDraftId: first?.id ?? null };
}

export async function cancelGeneration(projectId: string, idOrTag: string): Promise<GenerationDto> {
  const row = await requireGeneration(projectId, idOrTag);
  const id = row.id;
  if (EVAL_TERMINAL.includes(row.status as EvalStatus)) throw new AppError("conflict", `this generation is already ${row.status}`);
  // A queued one that no worker holds ends now; a running one stops at its next check (about a second).
  const now = await db().generation.updateMany({
    where: { id, status: "queued" },
    data: { status: "cancelled", cancelRequested: true, finishedAt: new Date() },
  });
  if (now.count === 0) await db().generation.update({ where: { id }, data: { cancelRequested: true } });
  return getGeneration(projectId, id);
}

export async function generationItems(projectId: string, idOrTag: string, query: unknown): Promise<GenerationItemsPageDto> {
  const id = (await requireGeneration(projectId, idOrTag)).id;
  const q = generationItemsQuerySchema.parse(query);
  const where = { generationId: id, ...(q.outcome ? { outcome: q.outcome } : {}), ...(q.reason ? { reason: q.reason } : {}) };
  const [total, rows] = await Promise.all([
    db().generationItem.count({ where }),
    db().generationItem.findMany({ where, orderBy: { position: "asc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  const items: GenerationItemDto[] = rows.map((r) => ({
    id: r.id,
    itemKey: r.itemKey,
    tool: r.tool,
    kind: r.kind as GenerationKind,
    status: r.status as GenerationItemDto["status"],
    outcome: r.outcome as GenerationItemDto["outcome"],
    reason: r.reason as RejectionReason | null,
    detail: r.detail,
    request: r.request,
    raw: r.raw,
    exampleId: r.exampleId,
    error: r.error,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Generations whose worker died (lease expired), or queued ones no worker took, are handed out again. */
export async function reconcileGenerations(resume: (id: string) => Promise<void>, leaseMs: number): Promise<number> {
  const now = new Date();
  const stale = await db().generation.findMany({
    where: {
      OR: [
        { status: "running", leaseUntil: { lt: now } },
        { status: "queued", createdAt: { lt: new Date(now.getTime() - leaseMs) } },
      ],
    },
    select: { id: true },
  });
  for (const g of stale) await resume(g.id);
  return stale.length;
}
