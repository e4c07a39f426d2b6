// A benchmark's database from nothing: the SQLite file removed or the PostgreSQL database dropped,
// then every migration applied, as a fresh install would have it.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";

export async function freshDatabase(kind: string, url: string): Promise<void> {
  if (kind === "sqlite") for (const s of ["", "-wal", "-shm"]) rmSync(url.slice(5) + s, { force: true });
  else {
    const { pgConnectionFields } = await import("../lib/server/database-url");
    const cfg = pgConnectionFields(url);
    const admin = new pg.Client({ ...cfg, database: "postgres" });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${cfg.database}" WITH (FORCE)`);
    await admin.end();
  }
  execFileSync("node", ["scripts/db.mjs", "deploy"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: url } });
}
