// The examples list read through each database's text index (migration 0008_example_search), with
// the same answer as a plain `searchText LIKE '%text%'`:
// - PostgreSQL: a pg_trgm GIN index on "searchText" serves Prisma's `contains` as it is.
// - SQLite: LIKE never uses an index, so a search of 3+ characters reads the FTS5 table
//   "ExampleSearch" (trigram tokens: any substring, case-folded) and the list's other filters are
//   written as SQL from the same `where` object listWhere builds. Shorter searches scan, as before.
//   Triggers note changed rows in "ExampleSearchPending" (cheap on every write path); each search
//   first indexes them in one statement, so it always sees the latest text.
import { Prisma } from "../../../generated/sqlite/client";
import { db, dbKind } from "../db";

type Where = Record<string, unknown>;
type Include = Prisma.ExampleInclude;

/** The trigram tokenizer indexes 3-character pieces: a shorter query cannot use the index. */
const MIN_INDEXED = 3;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function indexedText(where: Where): string | null {
  const s = where.searchText;
  if (dbKind() !== "sqlite" || !isRecord(s) || typeof s.contains !== "string") return null;
  return [...s.contains].length >= MIN_INDEXED ? s.contains : null;
}

/** A LIKE pattern for Prisma's `contains` on SQLite (LIKE: ASCII case-insensitive, as Prisma's). */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function condition(key: string, value: unknown): Prisma.Sql {
  if (!/^[A-Za-z]+$/.test(key)) throw new Error(`the examples search cannot filter on "${key}"`);
  const col = Prisma.raw(`"Example"."${key}"`);
  if (key === "searchText" && isRecord(value) && typeof value.contains === "string") {
    const phrase = `"${value.contains.replace(/"/g, '""')}"`;
    return Prisma.sql`"Example".rowid IN (SELECT rowid FROM "ExampleSearch" WHERE "ExampleSearch" MATCH ${phrase})`;
  }
  if (value === null) return Prisma.sql`${col} IS NULL`;
  if (typeof value === "boolean") return Prisma.sql`${col} = ${value ? 1 : 0}`;
  if (typeof value === "string" || typeof value === "number") return Prisma.sql`${col} = ${value}`;
  if (isRecord(value)) {
    const parts: Prisma.Sql[] = [];
    for (const [op, v] of Object.entries(value)) {
      if (op === "contains" && typeof v === "string") parts.push(Prisma.sql`${col} LIKE ${likeContains(v)} ESCAPE '\\'`);
      else if (op === "in" && Array.isArray(v) && v.length > 0) parts.push(Prisma.sql`${col} IN (${Prisma.join(v as (string | number)[])})`);
      else if (op === "not" && v === null) parts.push(Prisma.sql`${col} IS NOT NULL`);
      else if ((op === "lt" || op === "gt") && typeof v === "number") parts.push(Prisma.sql`${col} ${Prisma.raw(op === "lt" ? "<" : ">")} ${v}`);
      else throw new Error(`the examples search cannot translate ${key}.${op}`);
    }
    if (parts.length > 0) return Prisma.join(parts, " AND ");
  }
  // A filter shape this file does not know must fail loudly, never be silently dropped.
  throw new Error(`the examples search cannot translate the filter "${key}"`);
}

const whereSql = (where: Where) => Prisma.join(Object.entries(where).map(([k, v]) => condition(k, v)), " AND ");

/** Brings the SQLite index up to date with the rows the triggers noted (none: one indexed read). */
async function syncSearchIndex(): Promise<void> {
  const [{ pending }] = await db().$queryRaw<{ pending: number | bigint }[]>`SELECT EXISTS (SELECT 1 FROM "ExampleSearchPending") AS pending`;
  if (!Number(pending)) return;
  // One transaction: SQLite has one writer, so no row is noted between the re-index and the clear.
  await db().$transaction([
    db().$executeRaw`DELETE FROM "ExampleSearch" WHERE rowid IN (SELECT "exampleRowid" FROM "ExampleSearchPending")`,
    db().$executeRaw`INSERT INTO "ExampleSearch"(rowid, "searchText") SELECT e.rowid, e."searchText" FROM "Example" e WHERE e.rowid IN (SELECT "exampleRowid" FROM "ExampleSearchPending")`,
    db().$executeRaw`DELETE FROM "ExampleSearchPending"`,
  ]);
}

/** One page of the list (ordered by number) and the number of matches. */
export async function findExamplePage<I extends Include>(where: Where, page: { skip: number; take: number; include: I }) {
  if (!indexedText(where)) {
    return Promise.all([
      db().example.count({ where }),
      db().example.findMany({ where, orderBy: { number: "asc" }, skip: page.skip, take: page.take, include: page.include }),
    ]);
  }
  await syncSearchIndex();
  const sql = whereSql(where);
  const [counted, ids] = await Promise.all([
    db().$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM "Example" WHERE ${sql}`,
    db().$queryRaw<{ id: string }[]>`SELECT "id" FROM "Example" WHERE ${sql} ORDER BY "number" ASC LIMIT ${page.take} OFFSET ${page.skip}`,
  ]);
  const rows = ids.length === 0 ? [] : await db().example.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: { number: "asc" }, include: page.include });
  return [Number(counted[0]?.n ?? 0), rows] as const;
}

/** The id of the nearest example before (or after) `number` within the same filters. */
export async function findNeighbour(where: Where, number: number, direction: "previous" | "next"): Promise<string | null> {
  const before = direction === "previous";
  if (!indexedText(where)) {
    const row = await db().example.findFirst({ where: { AND: [where, { number: before ? { lt: number } : { gt: number } }] }, orderBy: { number: before ? "desc" : "asc" }, select: { id: true } });
    return row?.id ?? null;
  }
  await syncSearchIndex();
  const bound = before ? Prisma.sql`"number" < ${number}` : Prisma.sql`"number" > ${number}`;
  const order = Prisma.raw(before ? "DESC" : "ASC");
  const rows = await db().$queryRaw<{ id: string }[]>`SELECT "id" FROM "Example" WHERE ${whereSql(where)} AND ${bound} ORDER BY "number" ${order} LIMIT 1`;
  return rows[0]?.id ?? null;
}
