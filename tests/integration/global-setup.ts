// Gives the integration run a fresh database of the kind DATABASE_URL names, migrated with the
// same migrations users get; a data directory of its own (uploads, run files, the tests' input
// files), so a SQLite run and a PostgreSQL run can go side by side; and the CLI and the worker
// prebuilt once (test-bundles.ts) instead of compiled by tsx at every process start.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseKind, pgConnectionFields, resolveDatabaseUrl, sqliteFilePath } from "../../lib/server/database-url";
import { buildTestBundles } from "./test-bundles";

/** data/test-<database>.data: named after the database, so two runs never share one. */
function dataDirFor(url: string): string {
  const name = databaseKind(url) === "sqlite" ? path.basename(sqliteFilePath(url)).replace(/\.db$/, "") : `pg-${pgConnectionFields(url).database}`;
  return path.resolve("data", `${name}.data`);
}

export default async function setup() {
  const url = resolveDatabaseUrl(process.env.DATABASE_URL ?? "file:./data/test-integration.db");
  process.env.DATABASE_URL = url;
  if (!process.env.TOOLTUNE_DATA_DIR) {
    // Only a directory this setup names is emptied; a TOOLTUNE_DATA_DIR given from outside is kept.
    process.env.TOOLTUNE_DATA_DIR = dataDirFor(url);
    rmSync(process.env.TOOLTUNE_DATA_DIR, { recursive: true, force: true });
  }
  const bundles = buildTestBundles(path.join(process.env.TOOLTUNE_DATA_DIR, "test-bin"));
  if (databaseKind(url) === "sqlite") {
    const file = sqliteFilePath(url);
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
  } else {
    const cfg = pgConnectionFields(url);
    const admin = new pg.Client({ ...cfg, database: "postgres" });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${cfg.database}" WITH (FORCE)`);
    await admin.end();
  }
  execFileSync("node", ["scripts/db.mjs", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] });
  await bundles;
}
