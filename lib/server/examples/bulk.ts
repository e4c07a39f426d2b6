// Changing many examples at once from the list's bulk bar: the split, the review state, tags added or
// removed, or a move to the trash, on ids or on everything a filter matches. Each changed example
// gets a new version and a revision, like a save in the editor; batches of BATCH go through
// lib/server/bulk, one short transaction each. Every change is recorded (ExampleBulkChange) with the
// values it replaced, so it can be undone while no one has saved those examples since.
import { LIMITS } from "../../schemas/common";
import { exampleBulkChangeSchema, type ExampleBulkChange, type ExampleBulkResultDto, type ExampleUndoResultDto } from "../../schemas/example";
import { BATCH, newRowId, type Row, selectRows, type Step, type Value, writeSteps } from "../bulk";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { parseJsonText } from "../json-text";
import { requireProject } from "../projects/projects";
import { snapshotOf } from "./examples";
import { listWhere } from "./filters";

/** How long after a change its undo is accepted (the list offers it for a minute). */
export const UNDO_WINDOW_MS = 10 * 60_000;

/** Ids per Prisma `in` list: under SQLite's 999 bound parameters through Prisma. */
const IN_CHUNK = 500;

type Body = ReturnType<typeof exampleBulkChangeSchema.parse>;
interface Selected {
  id: string;
  number: number;
  version: number;
  messages: string;
  split: string;
  reviewState: string;
  tags: string;
  targetKind: string;
  invalid: boolean;
}
const select = { id: true, number: true, version: true, messages: true, split: true, reviewState: true, tags: true, targetKind: true, invalid: true } as const;

/** One changed example in the undo record: its id, the version the change wrote, and the values before. */
type UndoEntry = [id: string, versionAfter: number, split: string, reviewState: string, tags: string];

/** The selected examples, a page at a time: ids in chunks (under parameter limits), a filter by number. */
async function* pages(projectId: string, body: Body): AsyncGenerator<Selected[]> {
  if (body.ids) {
    const ids = [...new Set(body.ids)];
    for (let i = 0; i < ids.length; i += IN_CHUNK) yield db().example.findMany({ where: { projectId, id: { in: ids.slice(i, i + IN_CHUNK) } }, orderBy: { number: "asc" }, select });
    return;
  }
  const where = listWhere(projectId, body.filter ?? {});
  for (let after = 0; ; ) {
    // A text filter here is the plain LIKE the list's index search answers the same as (search.ts).
    const rows = await db().example.findMany({ where: { AND: [where, { number: { gt: after } }] }, orderBy: { number: "asc" }, take: BATCH, select });
    if (rows.length === 0) return;
    after = rows.at(-1)!.number;
    yield rows;
  }
}

function nextTags(current: string[], add: string[] | undefined, remove: string[] | undefined): string[] {
  const drop = new Set(remove ?? []);
  const out = current.filter((t) => !drop.has(t));
  for (const t of add ?? []) if (!out.includes(t)) out.push(t);
  return out;
}

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** The record's undo text grows batch by batch, in the batch's own transaction (JSON lines). */
function recordStep(changeId: string, first: boolean, base: { projectId: string; authorId: string; action: string; request: string; createdAt: Date }, lines: string, changed: number): Step {
  if (first) return { insert: "ExampleBulkChange", rows: [{ id: changeId, ...base, changed, undo: lines, undoneAt: null }] };
  return { sql: `UPDATE "ExampleBulkChange" SET "undo" = "undo" || ?, "changed" = "changed" + ? WHERE "id" = ?`, params: [lines, changed, changeId] };
}

function describeRequest(body: Body): string {
  return JSON.stringify({ set: body.set, trash: body.trash, filter: body.filter, ids: body.ids?.length });
}

export async function changeExamples(projectId: string, input: ExampleBulkChange, authorId: string): Promise<ExampleBulkResultDto> {
  const body = exampleBulkChangeSchema.parse(input);
  await requireProject(projectId);
  if (body.trash) return trashExamples(projectId, body, authorId);
  const { reviewState, split, addTags, removeTags } = body.set!;
  const out: ExampleBulkResultDto = { matched: 0, changed: 0, unchanged: 0, skipped: { unlabelled: 0, invalid: 0, tooManyTags: 0 }, dryRun: body.dryRun === true, changeId: null };
  const changeId = newRowId();
  const base = { projectId, authorId, action: addTags || removeTags ? "tags" : "set", request: describeRequest(body), createdAt: new Date() };
  for await (const rows of pages(projectId, body)) {
    out.matched += rows.length;
    const updates: Row[] = [];
    const revisions: Row[] = [];
    const undo: string[] = [];
    const now = new Date();
    for (const r of rows) {
      // The editor's rule (reviewStateAfterSave): only a labelled, valid target leaves draft.
      if (reviewState && reviewState !== "draft" && r.reviewState !== reviewState) {
        if (r.targetKind === "unlabelled") { out.skipped.unlabelled += 1; continue; }
        if (r.invalid) { out.skipped.invalid += 1; continue; }
      }
      const tagsBefore = parseJsonText<string[]>(r.tags);
      const tags = addTags || removeTags ? nextTags(tagsBefore, addTags, removeTags) : tagsBefore;
      if (tags.length > LIMITS.tags) { out.skipped.tooManyTags += 1; continue; }
      const next = { messages: r.messages, tags: JSON.stringify(tags), split: split ?? r.split, reviewState: reviewState ?? r.reviewState };
      if (next.split === r.split && next.reviewState === r.reviewState && sameTags(tags, tagsBefore)) { out.unchanged += 1; continue; }
      if (out.dryRun) { out.changed += 1; continue; }
      updates.push({ id: r.id, version: r.version, split: next.split, reviewState: next.reviewState, tags: next.tags, updatedById: authorId, updatedAt: now });
      revisions.push({ id: newRowId(), exampleId: r.id, version: r.version + 1, snapshot: snapshotOf(next), authorId, createdAt: now });
      undo.push(JSON.stringify([r.id, r.version + 1, r.split, r.reviewState, r.tags] satisfies UndoEntry) + "\n");
    }
    if (updates.length === 0) continue;
    // Keyed on (id, version): an example saved by someone since this page was read is left alone,
    // and its revision number already taken makes the batch roll back (unique exampleId+version).
    try {
      const [changed] = await writeSteps([
        { update: "Example", key: ["id", "version"], rows: updates, alsoSet: `"version" = t."version" + 1`, where: `t."projectId" = ?`, params: [projectId] },
        { insert: "ExampleRevision", rows: revisions },
        recordStep(changeId, out.changeId === null, base, undo.join(""), updates.length),
      ]);
      out.changed += changed;
      out.changeId = changeId;
    } catch (e) {
      if (!/unique|UNIQUE/.test((e as Error).message)) throw e;
      throw new AppError("conflict", `someone saved one of these examples while this change ran; ${out.changed} were changed before it (undo can put them back) and the rest are as they were: run the change again to finish`, { current: { changeId: out.changeId } });
    }
  }
  return out;
}

const inList = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * Moves the selected examples to the trash: each row and its revisions are copied as they are stored
 * into TrashedExample, then deleted, in one transaction per batch (the gauge, the search index and the
 * counts follow through their triggers). Undo, or a restore from the trash, puts back the same rows.
 */
async function trashExamples(projectId: string, body: Body, authorId: string): Promise<ExampleBulkResultDto> {
  const out: ExampleBulkResultDto = { matched: 0, changed: 0, unchanged: 0, skipped: { unlabelled: 0, invalid: 0, tooManyTags: 0 }, dryRun: body.dryRun === true, changeId: null };
  const changeId = newRowId();
  const base = { projectId, authorId, action: "trash", request: describeRequest(body), createdAt: new Date() };
  for await (const rows of pages(projectId, body)) {
    out.matched += rows.length;
    if (out.dryRun) { out.changed += rows.length; continue; }
    const ids = rows.map((r) => r.id);
    const [full, revs] = await Promise.all([
      selectRows(`SELECT * FROM "Example" WHERE "projectId" = ? AND "id" IN (${inList(ids.length)})`, [projectId, ...ids]),
      selectRows(`SELECT * FROM "ExampleRevision" WHERE "exampleId" IN (${inList(ids.length)}) ORDER BY "version"`, ids),
    ]);
    const revsOf = new Map<string, Row[]>();
    for (const r of revs) revsOf.set(String(r.exampleId), [...(revsOf.get(String(r.exampleId)) ?? []), r]);
    const now = new Date();
    const trashed: Row[] = full.map((r) => ({
      id: String(r.id), projectId, number: Number(r.number), request: String(r.request ?? "").slice(0, 500),
      row: JSON.stringify(r), revisions: JSON.stringify(revsOf.get(String(r.id)) ?? []), bulkChangeId: changeId, trashedById: authorId, trashedAt: now,
    }));
    const gone = trashed.map((t) => t.id as string);
    if (gone.length === 0) continue;
    const [, , deleted] = await writeSteps([
      { insert: "TrashedExample", rows: trashed },
      { sql: `DELETE FROM "ExampleRevision" WHERE "exampleId" IN (${inList(gone.length)})`, params: gone },
      { sql: `DELETE FROM "Example" WHERE "projectId" = ? AND "id" IN (${inList(gone.length)})`, params: [projectId, ...gone] },
      recordStep(changeId, out.changeId === null, base, "", gone.length),
    ]);
    out.changed += deleted;
    out.changeId = changeId;
  }
  return out;
}

/** Puts trashed examples back (all of one change, or the given ids), skipping any already back. */
async function restoreTrashed(projectId: string, where: { bulkChangeId: string } | { ids: string[] }): Promise<number> {
  let restored = 0;
  const ids = "ids" in where ? [...new Set(where.ids)] : null;
  for (let i = 0; ; i += IN_CHUNK) {
    const chunk = ids ? ids.slice(i, i + IN_CHUNK) : null;
    if (chunk && chunk.length === 0) break;
    const rows = await db().trashedExample.findMany({
      where: { projectId, ...(chunk ? { id: { in: chunk } } : { bulkChangeId: (where as { bulkChangeId: string }).bulkChangeId }) },
      orderBy: { number: "asc" },
      take: chunk ? undefined : IN_CHUNK,
    });
    if (rows.length === 0) break;
    const examples = rows.map((r) => JSON.parse(r.row) as Row);
    const revisions = rows.flatMap((r) => JSON.parse(r.revisions) as Row[]);
    const back = rows.map((r) => r.id);
    await writeSteps([
      { insert: "Example", rows: examples },
      ...(revisions.length ? [{ insert: "ExampleRevision", rows: revisions }] : []),
      { sql: `DELETE FROM "TrashedExample" WHERE "id" IN (${inList(back.length)})`, params: back as Value[] },
    ]);
    restored += rows.length;
    if (!chunk && rows.length < IN_CHUNK) break;
  }
  return restored;
}

/** Undoes a bulk change: every example it changed that no one has saved since goes back to before it. */
export async function undoBulkChange(projectId: string, changeId: string, authorId: string, now = new Date()): Promise<ExampleUndoResultDto> {
  const change = await db().exampleBulkChange.findFirst({ where: { id: changeId, projectId } });
  if (!change) throw notFound("bulk change", changeId);
  if (change.undoneAt) throw new AppError("conflict", `this change was already undone (${change.undoneAt.toISOString()})`);
  if (now.getTime() - change.createdAt.getTime() > UNDO_WINDOW_MS) {
    throw new AppError("conflict", `a change can be undone for ${UNDO_WINDOW_MS / 60_000} minutes; this one is older${change.action === "trash" ? ": restore its examples from the project's trash instead" : ""}`);
  }
  // Claimed first, so two clicks cannot both undo it.
  const claimed = await db().exampleBulkChange.updateMany({ where: { id: changeId, undoneAt: null }, data: { undoneAt: now } });
  if (claimed.count === 0) throw new AppError("conflict", "this change was already undone");
  if (change.action === "trash") return { restored: await restoreTrashed(projectId, { bulkChangeId: changeId }), keptNewer: 0 };

  const entries = change.undo.split("\n").filter(Boolean).map((l) => JSON.parse(l) as UndoEntry);
  const out: ExampleUndoResultDto = { restored: 0, keptNewer: 0 };
  for (let i = 0; i < entries.length; i += IN_CHUNK) {
    const batch = entries.slice(i, i + IN_CHUNK);
    const current = await db().example.findMany({ where: { projectId, id: { in: batch.map((e) => e[0]) } }, select: { id: true, version: true, messages: true } });
    const byId = new Map(current.map((c) => [c.id, c]));
    const updates: Row[] = [];
    const revisions: Row[] = [];
    const at = new Date();
    for (const [id, versionAfter, split, reviewState, tags] of batch) {
      const c = byId.get(id);
      if (!c || c.version !== versionAfter) { out.keptNewer += 1; continue; }
      updates.push({ id, version: versionAfter, split, reviewState, tags, updatedById: authorId, updatedAt: at });
      revisions.push({ id: newRowId(), exampleId: id, version: versionAfter + 1, snapshot: snapshotOf({ messages: c.messages, split, reviewState, tags }), authorId, createdAt: at });
    }
    if (updates.length === 0) continue;
    try {
      const [changed] = await writeSteps([
        { update: "Example", key: ["id", "version"], rows: updates, alsoSet: `"version" = t."version" + 1`, where: `t."projectId" = ?`, params: [projectId] },
        { insert: "ExampleRevision", rows: revisions },
      ]);
      out.restored += changed;
    } catch (e) {
      if (!/unique|UNIQUE/.test((e as Error).message)) throw e;
      // Someone saved one of this batch meanwhile: take the batch again, row by row through the version check.
      out.keptNewer += updates.length;
    }
  }
  return out;
}

export interface TrashedExampleDto {
  id: string;
  number: number;
  request: string;
  trashedAt: string;
  bulkChangeId: string | null;
}

export async function listTrashedExamples(projectId: string, limit = 200): Promise<{ items: TrashedExampleDto[]; total: number }> {
  await requireProject(projectId);
  const [items, total] = await Promise.all([
    db().trashedExample.findMany({ where: { projectId }, orderBy: [{ trashedAt: "desc" }, { number: "asc" }], take: limit, select: { id: true, number: true, request: true, trashedAt: true, bulkChangeId: true } }),
    db().trashedExample.count({ where: { projectId } }),
  ]);
  return { items: items.map((t) => ({ ...t, trashedAt: t.trashedAt.toISOString() })), total };
}

export async function restoreTrashedExamples(projectId: string, ids: string[]): Promise<{ restored: number }> {
  await requireProject(projectId);
  return { restored: await restoreTrashed(projectId, { ids }) };
}
