// The examples list read through each database's text index, with the same answer as a plain
// `searchText LIKE '%text%'`:
// - PostgreSQL: a pg_trgm GIN index on the side table "ExampleSearchText" (one row per example,
//   kept by triggers from "Example"."searchText", migration 0012). It is kept off "Example" because
//   every new row version there (a split, a review) writes an entry in each of its indexes, and the
//   trigram index was the dearest of them. A search of 3+ characters reads the side table.
// - SQLite: LIKE never uses an index, so a search of 3+ characters reads the FTS5 table
//   "ExampleSearch" (trigram tokens: any substring, case-folded); triggers note changed rows in
//   "ExampleSearchPending" (cheap on every write path) and each search first indexes them in one
//   statement, so it always sees the latest text (migration 0008).
// Either way the list's other filters are written as SQL from the same `where` object listWhere
// builds, shorter searches scan "Example"."searchText" as before, and a search's count stops at
// SEARCH_COUNT_CAP, so a common word costs what a rare one does.
import { Prisma } from "../../../generated/sqlite/client";
import type { ExampleSort } from "../../schemas/example";
import { db, dbKind } from "../db";

type Where = Record<string, unknown>;
type Include = Prisma.ExampleInclude;

/** The trigram tokenizer indexes 3-character pieces: a shorter query cannot use the index. */
const MIN_INDEXED = 3;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function indexedText(where: Where): string | null {
  const s = where.searchText;
  if (!isRecord(s) || typeof s.contains !== "string") return null;
  return [...s.contains].length >= MIN_INDEXED ? s.contains : null;
}

/** A LIKE pattern for Prisma's `contains` on SQLite (LIKE: ASCII case-insensitive, as Prisma's). */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `text` as an FTS5 phrase: the trigram tokenizer matches it as a substring. */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * How a query meets the text index: "subquery" lets the planner choose (with statistics it walks the
 * number index for a common word and starts from the matches for a rare one); "index" is for a query
 * that reads the index table itself, joined to "Example".
 */
type TextMode = "subquery" | "index";

/** The text filter against the index: FTS5 on SQLite, the trigram-indexed side table on PostgreSQL. */
function textCondition(text: string, mode: TextMode): Prisma.Sql {
  if (dbKind() === "sqlite") {
    if (mode === "index") return Prisma.sql`"ExampleSearch" MATCH ${phrase(text)}`;
    return Prisma.sql`"Example".rowid IN (SELECT rowid FROM "ExampleSearch" WHERE "ExampleSearch" MATCH ${phrase(text)})`;
  }
  const pattern = likeContains(text); // backslash is PostgreSQL's default LIKE escape
  if (mode === "index") return Prisma.sql`"ExampleSearchText"."searchText" LIKE ${pattern}`;
  return Prisma.sql`"Example"."id" IN (SELECT t."exampleId" FROM "ExampleSearchText" t WHERE t."searchText" LIKE ${pattern})`;
}

/** Prisma's reference to another column of the row (`db().example.fields.x`), as in `{ gt: fields.y }`. */
const fieldName = (v: unknown) =>
  isRecord(v) && v.modelName === "Example" && typeof v.name === "string" && /^[A-Za-z]+$/.test(v.name) ? v.name : null;

/** One filter as SQL (the text filter as `text` says). */
function condition(key: string, value: unknown, text: TextMode = "subquery"): Prisma.Sql {
  if (!/^[A-Za-z]+$/.test(key)) throw new Error(`the examples search cannot filter on "${key}"`);
  const col = Prisma.raw(`"Example"."${key}"`);
  if (key === "searchText" && isRecord(value) && typeof value.contains === "string") return textCondition(value.contains, text);
  if (value === null) return Prisma.sql`${col} IS NULL`;
  // Booleans are 0/1 integers in SQLite and a boolean type in PostgreSQL.
  if (typeof value === "boolean") return dbKind() === "sqlite" ? Prisma.sql`${col} = ${value ? 1 : 0}` : Prisma.sql`${col} = ${value}`;
  if (typeof value === "string" || typeof value === "number") return Prisma.sql`${col} = ${value}`;
  if (isRecord(value)) {
    const parts: Prisma.Sql[] = [];
    for (const [op, v] of Object.entries(value)) {
      if (op === "contains" && typeof v === "string") parts.push(Prisma.sql`${col} LIKE ${likeContains(v)} ESCAPE '\\'`);
      else if (op === "in" && Array.isArray(v) && v.length > 0)
        parts.push(Prisma.sql`${col} IN (${Prisma.join(v as (string | number)[])})`);
      else if (op === "not" && v === null) parts.push(Prisma.sql`${col} IS NOT NULL`);
      else if ((op === "lt" || op === "gt") && typeof v === "number")
        parts.push(Prisma.sql`${col} ${Prisma.raw(op === "lt" ? "<" : ">")} ${v}`);
      else if ((op === "lt" || op === "gt") && fieldName(v))
        parts.push(Prisma.sql`${col} ${Prisma.raw(op === "lt" ? "<" : ">")} ${Prisma.raw(`"Example"."${fieldName(v)}"`)}`);
      else throw new Error(`the examples search cannot translate ${key}.${op}`);
    }
    if (parts.length > 0) return Prisma.join(parts, " AND ");
  }
  // A filter shape this file does not know must fail loudly, never be silently dropped.
  throw new Error(`the examples search cannot translate the filter "${key}"`);
}

const whereSql = (where: Where) =>
  Prisma.join(
    Object.entries(where).map(([k, v]) => condition(k, v)),
    " AND ",
  );

/**
 * The list's filter as SQL on "Example" with `?` placeholders, for lib/server/bulk's reads and writes
 * (bulk changes select exactly what the list shows); SQLite's text index is brought up to date first.
 */
export async function filterSql(where: Where): Promise<{ sql: string; values: (string | number | boolean)[] }> {
  if (dbKind() === "sqlite" && hasText(where)) await syncSearchIndex();
  const w = whereSql(where);
  return { sql: w.sql, values: w.values as (string | number | boolean)[] };
}

/** Where a search's matches come from: the index table joined to "Example", with the other filters. */
function fromIndex(where: Where): Prisma.Sql {
  const { searchText, ...others } = where;
  if (dbKind() === "sqlite") {
    return Prisma.sql`FROM "ExampleSearch" CROSS JOIN "Example" ON "Example".rowid = "ExampleSearch".rowid WHERE ${condition("searchText", searchText, "index")} AND ${whereSql(others)}`;
  }
  // The side table carries the project, so other projects' matches are dropped before the join.
  return Prisma.sql`FROM "ExampleSearchText" JOIN "Example" ON "Example"."id" = "ExampleSearchText"."exampleId" WHERE ${condition("searchText", searchText, "index")} AND "ExampleSearchText"."projectId" = ${String(where.projectId)} AND ${whereSql(others)}`;
}

/** Imports of at least this many examples refresh PostgreSQL's planner statistics. */
const ANALYSE_AFTER = 10_000;

/**
 * Call after a bulk import of `newRows` examples. SQLite: the FTS index takes the noted rows now
 * (about 3 s at 100,000) instead of in the first search. PostgreSQL (10,000 rows or more): the
 * planner knows the new rows only once statistics are taken (autovacuum comes within a minute or
 * so); until then it takes a common search word for a rare one and sorts every match (52 ms instead
 * of 0.3 ms measured).
 */
export async function refreshSearchIndex(newRows: number): Promise<void> {
  if (dbKind() === "sqlite") await syncSearchIndex();
  else if (newRows >= ANALYSE_AFTER) await db().$executeRawUnsafe(`ANALYZE "Example", "ExampleSearchText"`);
}

/** Brings the SQLite index up to date with the rows the triggers noted (none: one indexed read). */
async function syncSearchIndex(): Promise<void> {
  const [{ pending }] = await db().$queryRaw<
    { pending: number | bigint }[]
  >`SELECT EXISTS (SELECT 1 FROM "ExampleSearchPending") AS pending`;
  if (!Number(pending)) return;
  // One transaction: SQLite has one writer, so no row is noted between the re-index and the clear.
  await db().$transaction([
    db().$executeRaw`DELETE FROM "ExampleSearch" WHERE rowid IN (SELECT "exampleRowid" FROM "ExampleSearchPending")`,
    db()
      .$executeRaw`INSERT INTO "ExampleSearch"(rowid, "searchText") SELECT e.rowid, e."searchText" FROM "Example" e WHERE e.rowid IN (SELECT "exampleRowid" FROM "ExampleSearchPending")`,
    db().$executeRaw`DELETE FROM "ExampleSearchPending"`,
  ]);
}

/**
 * A text search counts its matches up to this many and then says "more": a common word matches tens of
 * thousands of rows, and counting them all (every match rechecked against its text) is what made such
 * a search slow, while a page needs only its first rows in number order. Pages past the cap still load.
 */
export const SEARCH_COUNT_CAP = 1_000;

const hasText = (where: Where) => isRecord(where.searchText);

/** A list order: a column of "Example", and its direction; the example number breaks ties (same direction). */
export interface ExampleOrder {
  column: "number" | "updatedAt" | "targetTools" | "reviewState";
  desc: boolean;
}

const SORT_COLUMNS: Record<string, ExampleOrder["column"]> = {
  number: "number",
  updated: "updatedAt",
  tool: "targetTools",
  review: "reviewState",
};

export function orderOf(sort: ExampleSort = "number"): ExampleOrder {
  const desc = sort.startsWith("-");
  return { column: SORT_COLUMNS[desc ? sort.slice(1) : sort], desc };
}

const NUMBER_ORDER: ExampleOrder = { column: "number", desc: false };

function prismaOrder(o: ExampleOrder) {
  const dir = o.desc ? ("desc" as const) : ("asc" as const);
  return o.column === "number" ? [{ number: dir }] : [{ [o.column]: dir }, { number: dir }];
}

function sqlOrder(o: ExampleOrder): Prisma.Sql {
  const dir = o.desc ? "DESC" : "ASC";
  return Prisma.raw(o.column === "number" ? `"Example"."number" ${dir}` : `"Example"."${o.column}" ${dir}, "Example"."number" ${dir}`);
}

/**
 * Rows after (or before) `row` in the order, as a Prisma `where`: the column past its value, or equal
 * and the number past its number. `after` follows the order's own direction.
 */
function keysetWhere(o: ExampleOrder, row: { number: number; value: unknown }, after: boolean): Where {
  const up = after !== o.desc;
  const op = up ? "gt" : "lt";
  if (o.column === "number") return { number: { [op]: row.number } };
  return { OR: [{ [o.column]: { [op]: row.value } }, { [o.column]: row.value, number: { [op]: row.number } }] };
}

/** The same as SQL, against the row itself (so no value crosses the driver's date format). */
function keysetSql(o: ExampleOrder, id: string, after: boolean): Prisma.Sql {
  const cmp = Prisma.raw(after !== o.desc ? ">" : "<");
  const cols = Prisma.raw(o.column === "number" ? `"number"` : `"${o.column}", "number"`);
  const self = Prisma.raw(o.column === "number" ? `"Example"."number"` : `"Example"."${o.column}", "Example"."number"`);
  return Prisma.sql`(${self}) ${cmp} (SELECT ${cols} FROM "Example" AS "self" WHERE "self"."id" = ${id})`;
}

/**
 * One page of the list (ordered by number), the number of matches, and whether that number is only
 * a lower bound (a text search with more than SEARCH_COUNT_CAP matches).
 */
export async function findExamplePage<I extends Include>(
  where: Where,
  page: { skip: number; take: number; include: I; order?: ExampleOrder },
) {
  const order = page.order ?? NUMBER_ORDER;
  if (!indexedText(where)) {
    const [counted, rows] = await Promise.all([
      // Prisma's count with `take` is a COUNT over a LIMITed subquery: it stops at the cap.
      db().example.count({ where, take: hasText(where) ? SEARCH_COUNT_CAP + 1 : undefined }),
      db().example.findMany({ where, orderBy: prismaOrder(order), skip: page.skip, take: page.take, include: page.include }),
    ]);
    return capped(counted, rows, hasText(where));
  }
  const matches = fromIndex(where);
  const count = async () => {
    const [{ n }] = await db().$queryRaw<
      { n: number | bigint }[]
    >`SELECT count(*) AS n FROM (SELECT 1 ${matches} LIMIT ${SEARCH_COUNT_CAP + 1}) AS capped`;
    return Number(n);
  };
  const walk = () =>
    db().$queryRaw<
      { id: string }[]
    >`SELECT "id" FROM "Example" WHERE ${whereSql(where)} ORDER BY ${sqlOrder(order)} LIMIT ${page.take} OFFSET ${page.skip}`;
  let counted: number;
  let ids: { id: string }[];
  if (dbKind() === "postgres") {
    // The count stops after SEARCH_COUNT_CAP matches. With statistics (autovacuum, or the import
    // commit's ANALYZE) the planner walks the number index for a common word, each row checked in the
    // side table, and starts from the trigram index for a rare one: the page need not wait for the count.
    [counted, ids] = await Promise.all([count(), walk()]);
  } else {
    await syncSearchIndex();
    // Driven from the index, the count stops after SEARCH_COUNT_CAP matches (FTS5 yields them as it
    // reads). A page of a search with fewer matches is sorted from them; with more, the number index
    // is walked until the page is full, each row checked against the matches (a common word fills it fast).
    counted = await count();
    ids =
      counted === 0
        ? []
        : counted <= SEARCH_COUNT_CAP
          ? await db().$queryRaw<
              { id: string }[]
            >`SELECT "Example"."id" ${matches} ORDER BY ${sqlOrder(order)} LIMIT ${page.take} OFFSET ${page.skip}`
          : await walk();
  }
  const found = ids.length === 0 ? [] : await db().example.findMany({ where: { id: { in: ids.map((r) => r.id) } }, include: page.include });
  const at = new Map(ids.map((r, i) => [r.id, i]));
  const rows = found.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
  return capped(counted, rows, true);
}

function capped<R>(counted: number, rows: R[], search: boolean) {
  const atLeast = search && counted > SEARCH_COUNT_CAP;
  return { total: atLeast ? SEARCH_COUNT_CAP : counted, totalIsLowerBound: atLeast, rows };
}

/** How many examples match, capped for a text search (then `lowerBound`), as the list counts them. */
export async function countMatches(where: Where): Promise<{ total: number; lowerBound: boolean }> {
  if (!indexedText(where)) {
    const n = await db().example.count({ where, take: hasText(where) ? SEARCH_COUNT_CAP + 1 : undefined });
    const c = capped(n, [], hasText(where));
    return { total: c.total, lowerBound: c.totalIsLowerBound };
  }
  if (dbKind() === "sqlite") await syncSearchIndex();
  const [{ n }] = await db().$queryRaw<
    { n: number | bigint }[]
  >`SELECT count(*) AS n FROM (SELECT 1 ${fromIndex(where)} LIMIT ${SEARCH_COUNT_CAP + 1}) AS capped`;
  const c = capped(Number(n), [], true);
  return { total: c.total, lowerBound: c.totalIsLowerBound };
}

/** The example's place in the filter and order: the nearest before and after it, and its position (1-based). */
export async function findNeighbours(
  where: Where,
  row: { id: string; number: number; value: unknown },
  order: ExampleOrder = NUMBER_ORDER,
) {
  const prismaOrderAsc = prismaOrder(order);
  const reversed = prismaOrder({ ...order, desc: !order.desc });
  if (!indexedText(where)) {
    const [prev, next, before] = await Promise.all([
      db().example.findFirst({ where: { AND: [where, keysetWhere(order, row, false)] }, orderBy: reversed, select: { id: true } }),
      db().example.findFirst({ where: { AND: [where, keysetWhere(order, row, true)] }, orderBy: prismaOrderAsc, select: { id: true } }),
      db().example.count({ where: { AND: [where, keysetWhere(order, row, false)] } }),
    ]);
    return { previousId: prev?.id ?? null, nextId: next?.id ?? null, before };
  }
  if (dbKind() === "sqlite") await syncSearchIndex();
  const side = (after: boolean) =>
    db().$queryRaw<
      { id: string }[]
    >`SELECT "id" FROM "Example" WHERE ${whereSql(where)} AND ${keysetSql(order, row.id, after)} ORDER BY ${sqlOrder(after ? order : { ...order, desc: !order.desc })} LIMIT 1`;
  const [prev, next, [{ n }]] = await Promise.all([
    side(false),
    side(true),
    db().$queryRaw<
      { n: number | bigint }[]
    >`SELECT count(*) AS n FROM "Example" WHERE ${whereSql(where)} AND ${keysetSql(order, row.id, false)}`,
  ]);
  return { previousId: prev[0]?.id ?? null, nextId: next[0]?.id ?? null, before: Number(n) };
}
