// Bulk reads and writes at 100,000 rows: the fastest honest path each database offers, behind one
// interface (README.md here says when to use it). SQLite: a second better-sqlite3 connection to the
// same file, prepared statements in short transactions. PostgreSQL: a pg pool, one
// `INSERT … SELECT FROM unnest($1::type[], …)` (or `UPDATE … FROM unnest`) per batch, so a batch
// binds one parameter per column and no parameter limit is ever near.
import Database from "better-sqlite3";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { databaseKind, pgConnectionFields, resolveDatabaseUrl, sqliteFilePath } from "../database-url";

export type Value = string | number | boolean | Date | null;
export type Row = Record<string, Value>;

/** One write of a transaction. `where` fragments use `?` placeholders and may name the target table as `t`. */
export type Step =
  | { insert: string; rows: readonly Row[] }
  | {
      /** Sets each row's other columns on the row whose `key` column(s) match (and `where`, when given). */
      update: string;
      key: string | readonly string[];
      rows: readonly Row[];
      /** Extra SET expressions, such as `"version" = "version" + 1`. */
      alsoSet?: string;
      where?: string;
      params?: Value[];
    }
  | {
      sql: string;
      params?: Value[];
      /**
       * SQLite only: the statement runs only when this query returns no row, checked in the same
       * write transaction (no other writer can come between). Used to empty a table at once
       * (SQLite's truncate optimisation needs a DELETE without WHERE) when no one else has rows in it.
       */
      unlessAnyRow?: { sql: string; params?: Value[] };
    };

/**
 * An id for rows written here: a UUID whose leading bits are the time (version 7), so 100,000 new
 * rows land at the end of the primary-key index instead of all over it (random UUIDs made an
 * import's staging 1.7x slower on SQLite, measured at 100,000 rows).
 */
export const newRowId = (): string => uuidv7();

export const BATCH = 1000;

type Conn = { url: string; kind: "sqlite"; sqlite: Database.Database; stmts: Map<string, Database.Statement> } | { url: string; kind: "postgres"; pool: pg.Pool; types: Map<string, Map<string, string>> };

const g = globalThis as unknown as { __tooltuneBulk?: Conn };

function conn(): Conn {
  const url = resolveDatabaseUrl(process.env.DATABASE_URL);
  if (g.__tooltuneBulk?.url === url) return g.__tooltuneBulk;
  void closeBulk();
  if (databaseKind(url) === "postgres") {
    const pool = new pg.Pool({ ...pgConnectionFields(url), max: 4 });
    g.__tooltuneBulk = { url, kind: "postgres", pool, types: new Map() };
  } else {
    // No busy timeout: better-sqlite3 would wait synchronously, blocking the event loop and so the
    // Prisma transaction of this same process that holds the lock. sqliteWrite retries instead.
    const sqlite = new Database(sqliteFilePath(url), { timeout: 0 });
    g.__tooltuneBulk = { url, kind: "sqlite", sqlite, stmts: new Map() };
  }
  return g.__tooltuneBulk;
}

export async function closeBulk(): Promise<void> {
  const c = g.__tooltuneBulk;
  g.__tooltuneBulk = undefined;
  if (c?.kind === "sqlite") c.sqlite.close();
  else if (c?.kind === "postgres") await c.pool.end();
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `?` placeholders numbered for pg, from `$start`. */
function numbered(sql: string, start = 1): string {
  let n = start;
  return sql.replace(/\?/g, () => `$${n++}`);
}

/**
 * A Prisma `where` made of equalities and `{ in: [...] }` (such as TRAINABLE) as SQL, so bulk reads
 * share the one definition. Anything else throws: extend this rather than copy the filter.
 */
export function equalitySql(where: Record<string, unknown>): { sql: string; params: Value[] } {
  const parts: string[] = [];
  const params: Value[] = [];
  for (const [col, v] of Object.entries(where)) {
    if (v !== null && typeof v === "object" && Object.keys(v).length === 1 && Array.isArray((v as { in?: unknown }).in)) {
      const list = (v as { in: Value[] }).in;
      parts.push(`${q(col)} IN (${list.map(() => "?").join(", ")})`);
      params.push(...list);
    } else if (v === null || ["string", "number", "boolean"].includes(typeof v)) {
      parts.push(v === null ? `${q(col)} IS NULL` : `${q(col)} = ?`);
      if (v !== null) params.push(v as Value);
    } else {
      throw new Error(`equalitySql: unsupported filter on ${col}: ${JSON.stringify(v)}`);
    }
  }
  return { sql: parts.length ? parts.join(" AND ") : "1 = 1", params };
}

/** Rows of a read. Booleans come back as 0/1 on SQLite and true/false on PostgreSQL: compare with Boolean(). */
export async function selectRows<T = Row>(sql: string, params: Value[] = []): Promise<T[]> {
  const c = conn();
  if (c.kind === "postgres") return (await c.pool.query(numbered(sql), params.map(pgValue))).rows as T[];
  return sqliteStmt(c, sql).all(...params.map(sqliteValue)) as T[];
}

/** Inserts rows in batches of BATCH, each its own short transaction; the caller owns atomicity (stage, then move). */
export async function insertRows(table: string, rows: readonly Row[], batch = BATCH): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await writeSteps([{ insert: table, rows: rows.slice(i, i + batch) }]);
}

/**
 * Runs the steps in ONE transaction and returns the rows each changed. On SQLite the whole
 * transaction runs synchronously (nothing else of this process can interleave), so keep it to what
 * must be atomic; on PostgreSQL readers are never blocked.
 */
export async function writeSteps(steps: readonly Step[]): Promise<number[]> {
  const c = conn();
  return c.kind === "postgres" ? pgWrite(c, steps) : sqliteWrite(c, steps);
}

/**
 * Runs independent transactions (each one `writeSteps` call) and returns their counts in order.
 * SQLite has one writer: they run one after another, and other connections and this process's
 * Prisma writes get the lock between them. PostgreSQL runs up to `concurrency` at once on the
 * pool (a bulk UPDATE is CPU-bound in the server, index maintenance above all). The transactions
 * must not depend on each other's order; a failure stops the ones not yet started and is thrown.
 */
export async function writeEach(transactions: readonly (readonly Step[])[], concurrency = 2): Promise<number[][]> {
  const out: number[][] = new Array(transactions.length);
  const parallel = conn().kind === "postgres" ? Math.max(1, concurrency) : 1;
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < transactions.length) {
      const i = next++;
      if (parallel === 1 && i > 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        out[i] = await writeSteps(transactions[i]);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, transactions.length) }, worker));
  return out;
}

// ---- SQLite ---------------------------------------------------------------------------------

function sqliteValue(v: Value): string | number | null {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00"); // as Prisma stores DateTime
  return v;
}

function sqliteStmt(c: Extract<Conn, { kind: "sqlite" }>, sql: string): Database.Statement {
  let s = c.stmts.get(sql);
  if (!s) c.stmts.set(sql, (s = c.sqlite.prepare(sql)));
  return s;
}

async function sqliteWrite(c: Extract<Conn, { kind: "sqlite" }>, steps: readonly Step[]): Promise<number[]> {
  const run = c.sqlite.transaction(() => steps.map((step) => sqliteStep(c, step)));
  // Another connection holds the write lock: wait without blocking this process, up to 10 s like Prisma's.
  for (let delay = 5, waited = 0; ; waited += delay, delay = Math.min(delay * 2, 100)) {
    try {
      return run.immediate();
    } catch (e) {
      if ((e as { code?: string }).code !== "SQLITE_BUSY" || waited > 10_000) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

function sqliteStep(c: Extract<Conn, { kind: "sqlite" }>, step: Step): number {
  if ("sql" in step) {
    const guard = step.unlessAnyRow;
    if (guard && sqliteStmt(c, guard.sql).get(...(guard.params ?? []).map(sqliteValue)) !== undefined) return 0;
    return sqliteStmt(c, step.sql).run(...(step.params ?? []).map(sqliteValue)).changes;
  }
  if (step.rows.length === 0) return 0;
  const cols = Object.keys(step.rows[0]);
  let changes = 0;
  if ("insert" in step) {
    const s = sqliteStmt(c, `INSERT INTO ${q(step.insert)} (${cols.map(q).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
    for (const r of step.rows) changes += s.run(...cols.map((k) => sqliteValue(r[k]))).changes;
    return changes;
  }
  const keys = typeof step.key === "string" ? [step.key] : step.key;
  const set = cols.filter((k) => !keys.includes(k));
  const sets = [...set.map((k) => `${q(k)} = ?`), ...(step.alsoSet ? [step.alsoSet] : [])].join(", ");
  const match = keys.map((k) => `t.${q(k)} = ?`).join(" AND ");
  const s = sqliteStmt(c, `UPDATE ${q(step.update)} AS t SET ${sets} WHERE ${match}${step.where ? ` AND (${step.where})` : ""}`);
  const extra = (step.params ?? []).map(sqliteValue);
  for (const r of step.rows) changes += s.run(...set.map((k) => sqliteValue(r[k])), ...keys.map((k) => sqliteValue(r[k])), ...extra).changes;
  return changes;
}

// ---- PostgreSQL -----------------------------------------------------------------------------

function pgValue(v: Value): unknown {
  // Prisma stores DateTime in `timestamp(3)` as UTC; a string without offset casts exactly.
  return v instanceof Date ? v.toISOString().slice(0, -1) : v;
}

async function columnTypes(c: Extract<Conn, { kind: "postgres" }>, client: pg.PoolClient, table: string): Promise<Map<string, string>> {
  let t = c.types.get(table);
  if (!t) {
    const r = await client.query<{ column_name: string; udt_name: string }>(
      "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
      [table],
    );
    if (r.rows.length === 0) throw new Error(`bulk write: table ${table} does not exist`);
    c.types.set(table, (t = new Map(r.rows.map((x) => [x.column_name, x.udt_name]))));
  }
  return t;
}

/** `$1::text[], $2::int4[], …` with each column's array of values. */
async function unnestArgs(c: Extract<Conn, { kind: "postgres" }>, client: pg.PoolClient, table: string, cols: string[], rows: readonly Row[]) {
  const types = await columnTypes(c, client, table);
  const casts = cols.map((k, i) => {
    const t = types.get(k);
    if (!t) throw new Error(`bulk write: ${table} has no column ${k}`);
    return `$${i + 1}::${q(t)}[]`;
  });
  return { casts, arrays: cols.map((k) => rows.map((r) => pgValue(r[k]))) };
}

async function pgWrite(c: Extract<Conn, { kind: "postgres" }>, steps: readonly Step[]): Promise<number[]> {
  const client = await c.pool.connect();
  try {
    await client.query("BEGIN");
    const out: number[] = [];
    for (const step of steps) out.push(await pgStep(c, client, step));
    await client.query("COMMIT");
    return out;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

async function pgStep(c: Extract<Conn, { kind: "postgres" }>, client: pg.PoolClient, step: Step): Promise<number> {
  if ("sql" in step) {
    // Under READ COMMITTED the statement would see rows committed after the check: no such guarantee here.
    if (step.unlessAnyRow) throw new Error("bulk write: unlessAnyRow is for SQLite only");
    return (await client.query(numbered(step.sql), (step.params ?? []).map(pgValue))).rowCount ?? 0;
  }
  let changes = 0;
  for (let i = 0; i < step.rows.length; i += BATCH) {
    const rows = step.rows.slice(i, i + BATCH);
    const cols = Object.keys(rows[0]);
    const table = "insert" in step ? step.insert : step.update;
    const { casts, arrays } = await unnestArgs(c, client, table, cols, rows);
    let sql: string;
    let params: unknown[] = arrays;
    if ("insert" in step) {
      sql = `INSERT INTO ${q(table)} (${cols.map(q).join(", ")}) SELECT * FROM unnest(${casts.join(", ")})`;
    } else {
      const keys = typeof step.key === "string" ? [step.key] : step.key;
      const sets = [...cols.filter((k) => !keys.includes(k)).map((k) => `${q(k)} = v.${q(k)}`), ...(step.alsoSet ? [step.alsoSet] : [])].join(", ");
      const where = step.where ? ` AND (${numbered(step.where, cols.length + 1)})` : "";
      const match = keys.map((k) => `t.${q(k)} = v.${q(k)}`).join(" AND ");
      sql = `UPDATE ${q(table)} AS t SET ${sets} FROM unnest(${casts.join(", ")}) AS v(${cols.map(q).join(", ")}) WHERE ${match}${where}`;
      params = [...arrays, ...(step.params ?? []).map(pgValue)];
    }
    changes += (await client.query(sql, params)).rowCount ?? 0;
  }
  return changes;
}
