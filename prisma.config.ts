// Prisma CLI configuration. The provider, schema, migrations folder and driver adapter all follow
// DATABASE_URL: `file:...` is SQLite (the embedded default), `postgres(ql)://...` is PostgreSQL.
// The JS schema engine is used because the native one cannot be downloaded here (../shared/STACK-NOTES.md §1).
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseKind, pgConnectionFields, resolveDatabaseUrl } from "./lib/server/database-url";

const url = resolveDatabaseUrl(process.env.DATABASE_URL);
process.env.DATABASE_URL = url;
const kind = databaseKind(url);

// adapter-pg's own shadow database ignores `database` when a connection string is given, so the
// "shadow" would be the real database; this one creates and drops a real scratch database.
function pgFactory(u: string) {
  const cfg = pgConnectionFields(u);
  const factory = new PrismaPg(cfg);
  Object.assign(factory, {
    connectToShadowDb: async () => {
      const admin = new pg.Client(cfg);
      await admin.connect();
      const name = `prisma_shadow_${process.pid}_${Date.now()}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const adapter = await new PrismaPg({ ...cfg, database: name }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
      return adapter;
    },
  });
  return factory;
}

// The WASM engine replays migration files through executeRaw, which better-sqlite3 limits to one
// statement; route argument-less raw SQL through executeScript instead.
function sqliteFactory(u: string) {
  const factory = new PrismaBetterSQLite3({ url: u });
  const connectShadow = factory.connectToShadowDb.bind(factory);
  Object.assign(factory, {
    connectToShadowDb: async () => {
      const adapter = await connectShadow();
      const executeRaw = adapter.executeRaw.bind(adapter);
      adapter.executeRaw = async (q) =>
        q.args.length === 0 ? (await adapter.executeScript(q.sql), 0) : executeRaw(q);
      return adapter;
    },
  });
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${kind}/schema.prisma`,
  // TOOLTUNE_MIGRATIONS_DIR: only the upgrade test, which builds a database as an earlier release left it.
  migrations: { path: process.env.TOOLTUNE_MIGRATIONS_DIR ?? `prisma/${kind}/migrations` },
  async adapter() {
    return kind === "postgres" ? pgFactory(url) : sqliteFactory(url);
  },
});
