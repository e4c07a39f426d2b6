// Database chores for both providers, without the native Prisma engines (see ../shared/STACK-NOTES.md).
//   node scripts/db.mjs generate            generate the SQLite and PostgreSQL clients
//   node scripts/db.mjs deploy              create the database if needed, apply migrations and backfill derived columns (DATABASE_URL)
//   node scripts/db.mjs new-migration NAME  write a migration for both providers from the change to prisma/base.prisma
import { spawnSync, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", NEXT_TELEMETRY_DISABLED: "1" };
const prismaBin = path.resolve("node_modules/.bin/prisma");
const SAMPLE_URL = { sqlite: "file:./data/tooltune.db", postgres: "postgresql://postgres@127.0.0.1:5432/postgres" }; // diff needs a reachable database; it writes nothing

function prisma(args, url, opts = {}) {
  // The SQLite adapter opens the file even for offline commands, so its folder must exist.
  if (url.startsWith("file:")) mkdirSync(path.dirname(path.resolve(url.slice(5))), { recursive: true });
  const r = spawnSync(prismaBin, args, { env: { ...env, DATABASE_URL: url }, stdio: opts.capture ? ["ignore", "pipe", "inherit"] : ["ignore", "inherit", "inherit"], encoding: "utf8" });
  if (r.status !== 0) {
    console.error(`prisma ${args.join(" ")} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  return r.stdout;
}

function kindOf(url) {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  console.error(`DATABASE_URL must start with "file:" or "postgresql://"`);
  process.exit(2);
}

async function ensurePgDatabase(url) {
  const u = new URL(url);
  const database = u.pathname.slice(1);
  const admin = new pg.Client({ host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username) || "postgres", password: decodeURIComponent(u.password), database: "postgres", connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (e) {
    console.error(`Cannot reach PostgreSQL at ${u.hostname}:${u.port || 5432} (${e.message}). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
    process.exit(3);
  }
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  await admin.end();
}

const [cmd, arg] = process.argv.slice(2);
if (cmd === "generate") {
  execFileSync("node", ["scripts/gen-schemas.mjs"]);
  for (const kind of ["sqlite", "postgres"]) prisma(["generate"], SAMPLE_URL[kind]);
} else if (cmd === "deploy") {
  const url = process.env.DATABASE_URL || SAMPLE_URL.sqlite;
  if (kindOf(url) === "postgres") await ensurePgDatabase(url);
  prisma(["migrate", "deploy"], url);
  if (kindOf(url) === "sqlite") {
    // WAL lets the app read while the worker writes; the mode is stored in the file, so once is enough.
    const { default: Database } = await import("better-sqlite3");
    const file = new Database(path.resolve(url.slice(5)));
    file.pragma("journal_mode = WAL");
    file.close();
  }
  // Rows an older version wrote get the derived columns the current code computes (decision kinds…).
  const r = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/backfill-derived.ts"], { env: { ...env, DATABASE_URL: url }, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else if (cmd === "new-migration") {
  if (!arg || !/^[a-z0-9_]+$/.test(arg)) {
    console.error("usage: node scripts/db.mjs new-migration snake_case_name");
    process.exit(2);
  }
  execFileSync("node", ["scripts/gen-schemas.mjs"]);
  for (const kind of ["sqlite", "postgres"]) {
    const dir = `prisma/${kind}/migrations`;
    const existing = existsSync(dir) ? readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).sort() : [];
    // After the highest number, not the count: numbers may skip one (0011 was left to a branch that became 0013).
    const next = String(Math.max(0, ...existing.map((d) => Number(d.slice(0, 4)))) + 1).padStart(4, "0");
    // The previous schema is the one recorded with the last migration; diffing offline needs no shadow database.
    let from = ["--from-empty"];
    if (existing.length > 0) {
      const prev = path.join(dir, existing.at(-1), "schema.prisma");
      from = ["--from-schema-datamodel", prev];
    }
    const sql = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", `prisma/${kind}/schema.prisma`, "--script"], SAMPLE_URL[kind], { capture: true });
    const out = path.join(dir, `${next}_${arg}`);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "migration.sql"), sql);
    execFileSync("cp", [`prisma/${kind}/schema.prisma`, path.join(out, "schema.prisma")]);
    writeFileSync(path.join(dir, "migration_lock.toml"), `# Please do not edit this file manually\nprovider = "${kind === "sqlite" ? "sqlite" : "postgresql"}"\n`);
    console.log(`wrote ${out}/migration.sql`);
  }
} else {
  console.error("usage: node scripts/db.mjs generate | deploy | new-migration NAME");
  process.exit(2);
}
