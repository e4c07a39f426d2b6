// Gives the integration run a fresh database of the kind DATABASE_URL names, migrated with the
// same migrations users get.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";
import { databaseKind, pgConnectionFields, resolveDatabaseUrl, sqliteFilePath } from "../../lib/server/database-url";

export default async function setup() {
  const url = resolveDatabaseUrl(process.env.DATABASE_URL ?? "file:./data/test-integration.db");
  process.env.DATABASE_URL = url;
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
}
