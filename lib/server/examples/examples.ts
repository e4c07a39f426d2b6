// All reads and writes of examples go through here. Every write validates against the current
// catalogue, stores derived columns, bumps `version` (optimistic concurrency) and writes a revision.
import type {
  ExampleDto,
  ExampleInput,
  ExampleListDto,
  ExampleListQuery,
  ExampleNeighboursDto,
  ExampleUpdate,
} from "../../schemas/example";
import { exampleInputSchema, exampleUpdateSchema } from "../../schemas/example";
import type { HistoryPage, ReviewState } from "../../schemas/common";
import { validateMessages } from "../../validation/example";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { requireProject } from "../projects/projects";
import { validationContext } from "./context";
import { deriveColumns, reviewStateAfterSave } from "./derive";
import { exampleInclude, parseMessages, toExampleDto, toSummaryDto } from "./dto";
import { listWhere } from "./filters";
import { countMatches, findExamplePage, findNeighbours, orderOf } from "./search";
import { jsonText, parseJsonText } from "../json-text";
import { authorLabel, authorSelect } from "../authors";
import type { ExampleOriginDto } from "../../schemas/eval-failures";

export async function getExample(projectId: string, id: string): Promise<ExampleDto> {
  const row = await db().example.findFirst({ where: { id, projectId }, include: exampleInclude });
  if (!row) throw notFound("example", id);
  const dto = toExampleDto(row);
  if (row.fromEvalId) dto.origin = await originOf(row.fromEvalId, row.fromEvalResultId);
  return dto;
}

/** Where an example added from an eval's failure came from (the eval or its result may be gone since). */
async function originOf(evalId: string, resultId: string | null): Promise<ExampleOriginDto> {
  const [ev, result] = await Promise.all([
    db().eval.findUnique({ where: { id: evalId }, select: { name: true } }),
    resultId ? db().evalResult.findUnique({ where: { id: resultId }, select: { exampleNumber: true, verdict: true } }) : null,
  ]);
  return { evalId, evalName: ev?.name ?? null, exampleNumber: result?.exampleNumber ?? null, verdict: result?.verdict ?? null };
}

export async function createExample(projectId: string, input: ExampleInput, authorId: string, source = "manual"): Promise<ExampleDto> {
  const data = exampleInputSchema.parse(input);
  await requireProject(projectId);
  const ctx = await validationContext(projectId);
  const issues = validateMessages(data.messages, ctx);
  const derived = deriveColumns(data.messages);
  const reviewState = reviewStateAfterSave({ requested: data.reviewState, stored: undefined, targetKind: derived.targetKind, issues });
  const id = await db().$transaction(async (tx) => {
    const p = await tx.project.update({
      where: { id: projectId },
      data: { nextExampleNumber: { increment: 1 } },
      select: { nextExampleNumber: true },
    });
    const row = await tx.example.create({
      data: {
        projectId,
        number: p.nextExampleNumber - 1,
        messages: jsonText(data.messages),
        ...derived,
        split: data.split,
        reviewState,
        tags: jsonText(data.tags),
        source,
        invalid: issues.length > 0,
        issues: jsonText(issues),
        validatedVersion: ctx.catalogueVersion,
        createdById: authorId,
        updatedById: authorId,
      },
    });
    await tx.exampleRevision.create({ data: { exampleId: row.id, version: 1, authorId, snapshot: snapshotOf(row) } });
    return row.id;
  });
  return getExample(projectId, id);
}

export function snapshotOf(r: { messages: string; split: string; reviewState: string; tags: string }) {
  return jsonText({ messages: parseJsonText(r.messages), split: r.split, reviewState: r.reviewState, tags: parseJsonText(r.tags) });
}

/** Saves a change made from `version`; if someone saved in between, throws 409 with their version. */
export async function updateExample(projectId: string, id: string, input: ExampleUpdate, authorId: string): Promise<ExampleDto> {
  const data = exampleUpdateSchema.parse(input);
  const stored = await db().example.findFirst({ where: { id, projectId } });
  if (!stored) throw notFound("example", id);
  if (stored.version !== data.version) throw await conflict(projectId, id);
  const messages = data.messages ?? parseMessages(stored.messages);
  const ctx = await validationContext(projectId);
  const issues = validateMessages(messages, ctx);
  const derived = deriveColumns(messages);
  const reviewState = reviewStateAfterSave({
    requested: data.reviewState,
    stored: stored.reviewState as ReviewState,
    targetKind: derived.targetKind,
    issues,
  });
  const next = {
    messages: jsonText(messages),
    ...derived,
    split: data.split ?? stored.split,
    reviewState,
    tags: data.tags ? jsonText(data.tags) : stored.tags,
    invalid: issues.length > 0,
    issues: jsonText(issues),
    validatedVersion: ctx.catalogueVersion,
    updatedById: authorId,
  };
  const saved = await db().$transaction(async (tx) => {
    const r = await tx.example.updateMany({
      where: { id, projectId, version: data.version },
      data: { ...next, version: { increment: 1 } },
    });
    if (r.count === 0) return false;
    await tx.exampleRevision.create({ data: { exampleId: id, version: data.version + 1, authorId, snapshot: snapshotOf(next) } });
    return true;
  });
  if (!saved) throw await conflict(projectId, id);
  return getExample(projectId, id);
}

async function conflict(projectId: string, id: string): Promise<AppError> {
  const current = await getExample(projectId, id);
  const who = current.updatedBy ?? "someone";
  return new AppError(
    "conflict",
    `${who} saved this example (now version ${current.version}) after you opened it; load their version or overwrite it`,
    { current },
  );
}

export async function deleteExample(projectId: string, id: string): Promise<void> {
  const r = await db().example.deleteMany({ where: { id, projectId } });
  if (r.count === 0) throw notFound("example", id);
}

export async function listExamples(projectId: string, query: ExampleListQuery): Promise<ExampleListDto> {
  await requireProject(projectId);
  const where = listWhere(projectId, query);
  const order = orderOf(query.sort);
  const { total, totalIsLowerBound, rows } = await findExamplePage(where, {
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
    include: exampleInclude,
    order,
  });
  return { items: rows.map(toSummaryDto), total, totalIsLowerBound, page: query.page, pageSize: query.pageSize };
}

/** Previous and next example within the same filters and sort, and where this one stands ("12 / 340"). */
export async function exampleNeighbours(projectId: string, id: string, query: ExampleListQuery): Promise<ExampleNeighboursDto> {
  const row = await db().example.findFirst({
    where: { id, projectId },
    select: { number: true, updatedAt: true, targetTools: true, reviewState: true },
  });
  if (!row) throw notFound("example", id);
  const where = listWhere(projectId, query);
  const order = orderOf(query.sort);
  const value = order.column === "number" ? row.number : row[order.column];
  const [{ previousId, nextId, before }, { total, lowerBound }, inFilter] = await Promise.all([
    findNeighbours(where, { id, number: row.number, value }, order),
    countMatches(where),
    findExamplePage({ AND: [where, { id }] } as unknown as typeof where, { skip: 0, take: 1, include: {} }).then((p) => p.rows.length > 0),
  ]);
  return { previousId, nextId, position: inFilter ? before + 1 : null, total, totalIsLowerBound: lowerBound };
}

/** Who saved each version, newest first, a page at a time. */
export async function listRevisions(projectId: string, id: string, page: HistoryPage = { limit: 100 }) {
  const row = await db().example.findFirst({ where: { id, projectId }, select: { id: true } });
  if (!row) throw notFound("example", id);
  const revs = await db().exampleRevision.findMany({
    where: { exampleId: id, ...(page.before ? { version: { lt: page.before } } : {}) },
    orderBy: { version: "desc" },
    take: page.limit,
    include: { author: authorSelect },
  });
  return revs.map((r) => ({ version: r.version, author: authorLabel(r.author)!, createdAt: r.createdAt.toISOString() }));
}
