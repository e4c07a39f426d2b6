// Changing many examples at once from the list's bulk bar: the split, the review state, tags added or
// removed, or a move to the trash, on ids or on everything a filter matches (the list's own filter, as
// SQL). Each changed example gets a new version and a revision, like a save in the editor. Every
// change is recorded (ExampleBulkChange, one ExampleBulkChangeItem per example with the values it
// replaced), so it can be undone while no one has saved those examples since.
//
// At 20,000 examples the work is set-based: rows are read a batch at a time without their messages,
// and each batch's revisions (snapshots of the saved state) are built by the database from the rows
// just written, in the batch's one transaction. A move to the trash copies each row and its history
// as JSON into TrashedExample, and a restore puts back exactly what was stored.
import { Prisma as SqlitePrisma } from "../../../generated/sqlite/client";
import { LIMITS } from "../../schemas/common";
import {
  exampleBulkChangeSchema,
  type ExampleBulkChange,
  type ExampleBulkResultDto,
  type ExampleUndoResultDto,
  type TrashedExamplesDto,
} from "../../schemas/example";
import { BATCH, newRowId, type Row, selectRows, type Step, type Value, writeEach, writeSteps } from "../bulk";
import { db, dbKind } from "../db";
import { AppError, notFound } from "../errors";
import { requireProject } from "../projects/projects";
import { listWhere } from "./filters";
import { filterSql } from "./search";

/** How long after a change its undo is accepted (the list offers it for a minute). */
export const UNDO_WINDOW_MS = 10 * 60_000;

type Body = ReturnType<typeof exampleBulkChangeSchema.parse>;
interface Light {
  id: string;
  number: number;
  version: number;
  split: string;
  reviewState: string;
  tags: string;
  targetKind: string;
  invalid: boolean | number;
}

const inList = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** Which examples a change works on, as SQL on "Example": a filter, or a chunk of ids. */
async function* scopes(projectId: string, body: Body): AsyncGenerator<{ sql: string; params: Value[] }> {
  if (body.ids) {
    const ids = [...new Set(body.ids)];
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      yield { sql: `"Example"."projectId" = ? AND "Example"."id" IN (${inList(chunk.length)})`, params: [projectId, ...chunk] };
    }
    return;
  }
  const f = await filterSql(listWhere(projectId, body.filter ?? {}));
  yield { sql: f.sql, params: f.values };
}

/** The selected examples, a batch at a time in number order, without their messages. */
async function* batches(projectId: string, body: Body): AsyncGenerator<Light[]> {
  for await (const scope of scopes(projectId, body)) {
    for (let after = 0; ;) {
      const rows = await selectRows<Light>(
        `SELECT "id", "number", "version", "split", "reviewState", "tags", "targetKind", "invalid" FROM "Example" WHERE ${scope.sql} AND "Example"."number" > ? ORDER BY "Example"."number" LIMIT ${BATCH}`,
        [...scope.params, after],
      );
      if (rows.length === 0) break;
      after = Number(rows.at(-1)!.number);
      yield rows;
      if (rows.length < BATCH) break;
    }
  }
}

/** The revision snapshot of a stored row, as the editor's snapshotOf writes it, built by the database. */
function snapshotSql(): string {
  return dbKind() === "sqlite"
    ? `json_object('messages', json(e."messages"), 'split', e."split", 'reviewState', e."reviewState", 'tags', json(e."tags"))`
    : `json_build_object('messages', e."messages"::json, 'split', e."split", 'reviewState', e."reviewState", 'tags', e."tags"::json)::text`;
}

/** One revision per example of `ids`, at its current (just written) version; ids are the change's id and the number. */
function revisionsStep(prefix: string, ids: string[], authorId: string, at: Date): Step {
  return {
    sql: `INSERT INTO "ExampleRevision" ("id", "exampleId", "version", "snapshot", "authorId", "createdAt")
          SELECT ? || '.' || e."number", e."id", e."version", ${snapshotSql()}, ?, ? FROM "Example" e WHERE e."id" IN (${inList(ids.length)})`,
    params: [prefix, authorId, at, ...ids],
  };
}

/**
 * The saves of one batch: each row's new values written if its version is still the one read (the
 * version moves on), then a revision per saved row. A row saved by someone since is left alone.
 */
function saveSteps(projectId: string, updates: Row[], revisionPrefix: string, authorId: string, at: Date): Step[] {
  return [
    {
      update: "Example",
      key: ["id", "version"],
      rows: updates,
      alsoSet: `"version" = t."version" + 1`,
      where: `t."projectId" = ?`,
      params: [projectId],
    },
    revisionsStep(
      revisionPrefix,
      updates.map((u) => u.id as string),
      authorId,
      at,
    ),
  ];
}

/** A batch's revision number already taken (someone saved one of its examples meanwhile): the batch rolled back. */
const isUniqueViolation = (e: unknown) => /unique|UNIQUE|duplicate/.test((e as Error).message);

function nextTags(current: string[], add: string[] | undefined, remove: string[] | undefined): string[] {
  const drop = new Set(remove ?? []);
  const out = current.filter((t) => !drop.has(t));
  for (const t of add ?? []) if (!out.includes(t)) out.push(t);
  return out;
}

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** The change's record, written with its first batch; later batches add to its count. */
function recordStep(
  changeId: string,
  first: boolean,
  base: { projectId: string; authorId: string; action: string; request: string; createdAt: Date },
  changed: number,
): Step {
  if (first) return { insert: "ExampleBulkChange", rows: [{ id: changeId, ...base, changed, undoneAt: null }] };
  return { sql: `UPDATE "ExampleBulkChange" SET "changed" = "changed" + ? WHERE "id" = ?`, params: [changed, changeId] };
}

const describeRequest = (body: Body) => JSON.stringify({ set: body.set, trash: body.trash, filter: body.filter, ids: body.ids?.length });
const emptyResult = (dryRun: boolean): ExampleBulkResultDto => ({
  matched: 0,
  changed: 0,
  unchanged: 0,
  skipped: { unlabelled: 0, invalid: 0, tooManyTags: 0 },
  dryRun,
  changeId: null,
});

export async function changeExamples(projectId: string, input: ExampleBulkChange, authorId: string): Promise<ExampleBulkResultDto> {
  const body = exampleBulkChangeSchema.parse(input);
  await requireProject(projectId);
  if (body.trash) return trashExamples(projectId, body, authorId);
  const { reviewState, split, addTags, removeTags } = body.set!;
  const out = emptyResult(body.dryRun === true);
  const changeId = newRowId();
  const base = {
    projectId,
    authorId,
    action: addTags || removeTags ? "tags" : "set",
    request: describeRequest(body),
    createdAt: new Date(),
  };
  for await (const rows of batches(projectId, body)) {
    out.matched += rows.length;
    const updates: Row[] = [];
    const items: Row[] = [];
    const now = new Date();
    for (const r of rows) {
      // The editor's rule (reviewStateAfterSave): only a labelled, valid target leaves draft.
      if (reviewState && reviewState !== "draft" && r.reviewState !== reviewState) {
        if (r.targetKind === "unlabelled") {
          out.skipped.unlabelled += 1;
          continue;
        }
        if (Boolean(r.invalid)) {
          out.skipped.invalid += 1;
          continue;
        }
      }
      const tagsBefore = JSON.parse(r.tags) as string[];
      const tags = addTags || removeTags ? nextTags(tagsBefore, addTags, removeTags) : tagsBefore;
      if (tags.length > LIMITS.tags) {
        out.skipped.tooManyTags += 1;
        continue;
      }
      const next = {
        split: split ?? r.split,
        reviewState: reviewState ?? r.reviewState,
        tags: sameTags(tags, tagsBefore) ? r.tags : JSON.stringify(tags),
      };
      if (next.split === r.split && next.reviewState === r.reviewState && next.tags === r.tags) {
        out.unchanged += 1;
        continue;
      }
      if (out.dryRun) {
        out.changed += 1;
        continue;
      }
      updates.push({ id: r.id, version: Number(r.version), ...next, updatedById: authorId, updatedAt: now });
      items.push({
        changeId,
        exampleId: r.id,
        versionAfter: Number(r.version) + 1,
        split: r.split,
        reviewState: r.reviewState,
        tags: r.tags,
      });
    }
    if (updates.length === 0) continue;
    // Keyed on (id, version): an example saved by someone since this batch was read is left alone,
    // and its revision number already taken makes the batch roll back (unique exampleId+version).
    try {
      const [changed] = await writeSteps([
        ...saveSteps(projectId, updates, changeId, authorId, now),
        { insert: "ExampleBulkChangeItem", rows: items },
        recordStep(changeId, out.changeId === null, base, updates.length),
      ]);
      out.changed += changed;
      out.changeId = changeId;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw new AppError(
        "conflict",
        `someone saved one of these examples while this change ran; ${out.changed} were changed before it (undo can put them back) and the rest are as they were: run the change again to finish`,
        { current: { changeId: out.changeId } },
      );
    }
  }
  return out;
}

// The columns of the two tables, from the generated client, so the trash copies whatever they hold.
const EXAMPLE_COLUMNS = Object.values(SqlitePrisma.ExampleScalarFieldEnum);
const REVISION_COLUMNS = Object.values(SqlitePrisma.ExampleRevisionScalarFieldEnum);
const quoted = (cols: readonly string[], prefix = "") => cols.map((c) => `${prefix}"${c}"`).join(", ");
const jsonObject = (cols: readonly string[], table: string) => `json_object(${cols.map((c) => `'${c}', ${table}."${c}"`).join(", ")})`;

/** SQL of one trashed row and its history as JSON, from "Example" (SQLite: json_object; PostgreSQL: row_to_json). */
function trashedRowSql(): { row: string; revisions: string } {
  if (dbKind() === "sqlite") {
    return {
      row: jsonObject(EXAMPLE_COLUMNS, `"Example"`),
      revisions: `(SELECT json_group_array(${jsonObject(REVISION_COLUMNS, "r")}) FROM "ExampleRevision" r WHERE r."exampleId" = "Example"."id")`,
    };
  }
  return {
    row: `row_to_json("Example")::text`,
    revisions: `(SELECT coalesce(json_agg(r), '[]'::json) FROM "ExampleRevision" r WHERE r."exampleId" = "Example"."id")::text`,
  };
}

/** Rows per transaction of a move to the trash or a restore; PostgreSQL runs two at once (writeEach). */
const TRASH_CHUNK = 2500;

const chunksOf = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/**
 * Moves the selected examples to the trash: the ids are read first, then each chunk is one
 * transaction that copies the rows and their revisions as stored into TrashedExample and deletes them
 * (the gauge, the search index and the counts follow through their triggers).
 */
async function trashExamples(projectId: string, body: Body, authorId: string): Promise<ExampleBulkResultDto> {
  const out = emptyResult(body.dryRun === true);
  const ids: string[] = [];
  for await (const scope of scopes(projectId, body)) {
    const rows = await selectRows<{ id: string }>(
      `SELECT "id" FROM "Example" WHERE ${scope.sql} ORDER BY "Example"."number"`,
      scope.params,
    );
    for (const r of rows) ids.push(r.id);
  }
  out.matched = ids.length;
  if (out.dryRun || ids.length === 0) {
    out.changed = out.dryRun ? ids.length : 0;
    return out;
  }
  const changeId = newRowId();
  const now = new Date();
  await writeSteps([
    recordStep(changeId, true, { projectId, authorId, action: "trash", request: describeRequest(body), createdAt: now }, 0),
  ]);
  const json = trashedRowSql();
  const moved = await writeEach(
    chunksOf(ids, TRASH_CHUNK).map((chunk): Step[] => [
      {
        sql: `INSERT INTO "TrashedExample" ("id", "projectId", "number", "request", "row", "revisions", "bulkChangeId", "trashedById", "trashedAt")
              SELECT "Example"."id", "Example"."projectId", "Example"."number", substr("Example"."request", 1, 500), ${json.row}, ${json.revisions}, ?, ?, ?
              FROM "Example" WHERE "Example"."projectId" = ? AND "Example"."id" IN (${inList(chunk.length)})`,
        params: [changeId, authorId, now, projectId, ...chunk],
      },
      { sql: `DELETE FROM "ExampleRevision" WHERE "exampleId" IN (${inList(chunk.length)})`, params: chunk },
      { sql: `DELETE FROM "Example" WHERE "projectId" = ? AND "id" IN (${inList(chunk.length)})`, params: [projectId, ...chunk] },
    ]),
  );
  out.changed = moved.reduce((n, [copied]) => n + copied, 0);
  out.changeId = changeId;
  await db().exampleBulkChange.update({ where: { id: changeId }, data: { changed: out.changed } });
  return out;
}

/** Puts trashed examples back (all of one change, or the given ids) with their number and history. */
async function restoreTrashed(projectId: string, which: { bulkChangeId: string } | { ids: string[] }): Promise<number> {
  const ids =
    "ids" in which
      ? [...new Set(which.ids)]
      : (
          await selectRows<{ id: string }>(
            `SELECT "id" FROM "TrashedExample" WHERE "projectId" = ? AND "bulkChangeId" = ? ORDER BY "number"`,
            [projectId, which.bulkChangeId],
          )
        ).map((r) => r.id);
  const restored = await writeEach(
    chunksOf(ids, TRASH_CHUNK).map((chunk): Step[] => {
      const scope = `t."projectId" = ? AND t."id" IN (${inList(chunk.length)})`;
      const params = [projectId, ...chunk];
      // The example first, then its history (whose foreign key needs it), then the trash row goes.
      const copy: Step[] =
        dbKind() === "sqlite"
          ? [
              {
                sql: `INSERT INTO "Example" (${quoted(EXAMPLE_COLUMNS)}) SELECT ${EXAMPLE_COLUMNS.map((c) => `json_extract(t."row", '$.${c}')`).join(", ")} FROM "TrashedExample" t WHERE ${scope}`,
                params,
              },
              {
                sql: `INSERT INTO "ExampleRevision" (${quoted(REVISION_COLUMNS)}) SELECT ${REVISION_COLUMNS.map((c) => `json_extract(j.value, '$.${c}')`).join(", ")} FROM "TrashedExample" t, json_each(t."revisions") j WHERE ${scope}`,
                params,
              },
            ]
          : [
              {
                sql: `INSERT INTO "Example" SELECT x.* FROM "TrashedExample" t, json_populate_record(null::"Example", t."row"::json) x WHERE ${scope}`,
                params,
              },
              {
                sql: `INSERT INTO "ExampleRevision" SELECT x.* FROM "TrashedExample" t, json_populate_recordset(null::"ExampleRevision", t."revisions"::json) x WHERE ${scope}`,
                params,
              },
            ];
      return [...copy, { sql: `DELETE FROM "TrashedExample" AS t WHERE ${scope}`, params }];
    }),
  );
  return restored.reduce((n, [inserted]) => n + inserted, 0);
}

/** Undoes a bulk change: every example it changed that no one has saved since goes back to before it. */
export async function undoBulkChange(
  projectId: string,
  changeId: string,
  authorId: string,
  now = new Date(),
): Promise<ExampleUndoResultDto> {
  const change = await db().exampleBulkChange.findFirst({ where: { id: changeId, projectId } });
  if (!change) throw notFound("bulk change", changeId);
  if (change.undoneAt) throw new AppError("conflict", `this change was already undone (${change.undoneAt.toISOString()})`);
  if (now.getTime() - change.createdAt.getTime() > UNDO_WINDOW_MS) {
    throw new AppError(
      "conflict",
      `a change can be undone for ${UNDO_WINDOW_MS / 60_000} minutes; this one is older${change.action === "trash" ? ": restore its examples from the project's trash instead" : ""}`,
    );
  }
  // Claimed first, so two clicks cannot both undo it.
  const claimed = await db().exampleBulkChange.updateMany({ where: { id: changeId, undoneAt: null }, data: { undoneAt: now } });
  if (claimed.count === 0) throw new AppError("conflict", "this change was already undone");
  if (change.action === "trash") return { restored: await restoreTrashed(projectId, { bulkChangeId: changeId }), keptNewer: 0 };

  const out: ExampleUndoResultDto = { restored: 0, keptNewer: 0 };
  const undoId = newRowId();
  for (let after = ""; ;) {
    const items = await selectRows<{
      exampleId: string;
      versionAfter: number;
      split: string;
      reviewState: string;
      tags: string;
      version: number | null;
    }>(
      `SELECT i."exampleId", i."versionAfter", i."split", i."reviewState", i."tags", e."version" FROM "ExampleBulkChangeItem" i
       LEFT JOIN "Example" e ON e."id" = i."exampleId" AND e."projectId" = ? WHERE i."changeId" = ? AND i."exampleId" > ? ORDER BY i."exampleId" LIMIT ${BATCH}`,
      [projectId, changeId, after],
    );
    if (items.length === 0) break;
    after = items.at(-1)!.exampleId;
    const at = new Date();
    const updates: Row[] = [];
    for (const it of items) {
      if (it.version === null || Number(it.version) !== Number(it.versionAfter)) {
        out.keptNewer += 1;
        continue;
      }
      updates.push({
        id: it.exampleId,
        version: Number(it.versionAfter),
        split: it.split,
        reviewState: it.reviewState,
        tags: it.tags,
        updatedById: authorId,
        updatedAt: at,
      });
    }
    if (updates.length > 0) {
      try {
        const [changed] = await writeSteps([...saveSteps(projectId, updates, undoId, authorId, at)]);
        out.restored += changed;
        out.keptNewer += updates.length - changed;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // Someone saved one of this batch meanwhile: it stays as they saved it.
        out.keptNewer += updates.length;
      }
    }
    if (items.length < BATCH) break;
  }
  return out;
}

export async function listTrashedExamples(projectId: string, limit = 200): Promise<TrashedExamplesDto> {
  await requireProject(projectId);
  const [items, total] = await Promise.all([
    db().trashedExample.findMany({
      where: { projectId },
      orderBy: [{ trashedAt: "desc" }, { number: "asc" }],
      take: limit,
      select: { id: true, number: true, request: true, trashedAt: true, bulkChangeId: true },
    }),
    db().trashedExample.count({ where: { projectId } }),
  ]);
  return { items: items.map((t) => ({ ...t, trashedAt: t.trashedAt.toISOString() })), total };
}

export async function restoreTrashedExamples(projectId: string, ids: string[]): Promise<{ restored: number }> {
  await requireProject(projectId);
  return { restored: await restoreTrashed(projectId, { ids }) };
}
