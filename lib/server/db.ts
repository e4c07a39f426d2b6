// The one Prisma client of a process, for SQLite or PostgreSQL as DATABASE_URL says.
// App code is written against the SQLite client's type, the common subset of both (STACK-NOTES §2).
import { PrismaClient as SqliteClient } from "../../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../../generated/postgres/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind, pgConnectionFields, resolveDatabaseUrl, type DatabaseKind } from "./database-url";
import { closeBulk } from "./bulk";

export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function create(url: string): Db {
  if (databaseKind(url) === "postgres") {
    return new PostgresClient({ adapter: new PrismaPg({ ...pgConnectionFields(url), max: 10 }) }) as unknown as Db;
  }
  // Busy timeout: the app and the worker write to the same file.
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
}

const g = globalThis as unknown as { __tooltuneDb?: { url: string; client: Db } };

export function db(): Db {
  const url = resolveDatabaseUrl(process.env.DATABASE_URL);
  if (!g.__tooltuneDb || g.__tooltuneDb.url !== url) g.__tooltuneDb = { url, client: create(url) };
  return g.__tooltuneDb.client;
}

export function dbKind(): DatabaseKind {
  return databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL));
}

export async function disconnectDb(): Promise<void> {
  await closeBulk();
  if (g.__tooltuneDb) {
    await g.__tooltuneDb.client.$disconnect();
    g.__tooltuneDb = undefined;
  }
}
