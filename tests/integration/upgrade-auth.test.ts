// Upgrading to sign-in: a database made by the previous release (every migration before 0013_auth,
// with display-name authors, examples, revisions and runs) migrates and keeps every row and id;
// old authors show their name marked "before sign-in", and the install starts at the setup link.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { listRevisions } from "@/lib/server/examples/examples";
import { listCatalogueVersions } from "@/lib/server/catalogue/versions";
import { listRuns } from "@/lib/server/runs/runs";
import { newSetupLink } from "@/lib/server/auth/invites";
import { resolveAuthor } from "@/lib/server/authors";
import { databaseKind, pgConnectionFields, sqliteFilePath } from "@/lib/server/database-url";
import { db, disconnectDb } from "@/lib/server/db";

const FIRST_NEW = "0013_auth";
const saved = process.env.DATABASE_URL!;
const kind = databaseKind(saved);
const url = kind === "postgres" ? saved.replace(/\/([^/?]+)(\?|$)/, "/$1_upgrade$2") : saved.replace(/\.db$/, "-upgrade.db");
const oldMigrations = path.resolve(`data/upgrade-migrations-${kind}`);
const env = { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" };

async function freshDatabase() {
  if (kind === "postgres") {
    const cfg = pgConnectionFields(url);
    const admin = new pg.Client({ ...cfg, database: "postgres" });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${cfg.database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${cfg.database}"`);
    await admin.end();
  } else {
    for (const f of ["", "-wal", "-shm"]) rmSync(sqliteFilePath(url) + f, { force: true });
  }
}

/** The migrations an earlier release shipped: every one before FIRST_NEW. */
function previousRelease() {
  const src = `prisma/${kind}/migrations`;
  rmSync(oldMigrations, { recursive: true, force: true });
  mkdirSync(oldMigrations, { recursive: true });
  cpSync(`${src}/migration_lock.toml`, `${oldMigrations}/migration_lock.toml`);
  const old = readdirSync(src).filter((d) => /^\d{4}_/.test(d) && d < FIRST_NEW);
  for (const d of old) cpSync(`${src}/${d}`, `${oldMigrations}/${d}`, { recursive: true });
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env: { ...env, TOOLTUNE_MIGRATIONS_DIR: oldMigrations }, stdio: "ignore" });
  return old;
}

const legacy = { ada: "legacy-user-ada", grace: "legacy-user-grace" };

beforeAll(async () => {
  await freshDatabase();
  expect(previousRelease().length).toBeGreaterThanOrEqual(9);
  process.env.DATABASE_URL = url;
  await disconnectDb();
  // The old User table: id, name (unique), createdAt. Raw SQL, since today's client knows more columns.
  for (const [id, name] of [[legacy.ada, "Ada"], [legacy.grace, "Grace"]]) await db().$executeRawUnsafe(`INSERT INTO "User" ("id", "name") VALUES ('${id}', '${name}')`);
  await db().project.create({ data: { id: "legacy-project", name: "Before sign-in", catalogueVersion: 1, nextExampleNumber: 301 } });
  await db().catalogueVersion.create({ data: { projectId: "legacy-project", version: 1, summary: "added track_order", tools: "[]", authorId: legacy.grace } });
  const messages = (i: number) => JSON.stringify([{ role: "user", content: `where is order ${i}` }, { role: "assistant", decision: { kind: "no_tool", reason: "no order id" }, weight: 1 }]);
  await db().example.createMany({
    data: Array.from({ length: 300 }, (_, i) => ({ id: `legacy-example-${i}`, projectId: "legacy-project", number: i + 1, messages: messages(i), request: `where is order ${i}`, targetKind: "no_tool", reviewState: "labelled", split: i % 10 === 0 ? "gold" : "train", issues: "[]", tags: "[]", createdById: legacy.ada, updatedById: i % 2 ? legacy.grace : legacy.ada })),
  });
  await db().exampleRevision.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ exampleId: `legacy-example-${i}`, version: 1, snapshot: messages(i), authorId: i % 2 ? legacy.grace : legacy.ada })) });
  // Raw SQL as for User: today's client would ask the old table for columns it does not have yet.
  await db().$executeRawUnsafe(
    `INSERT INTO "Run" ("id", "projectId", "backend", "baseModel", "config", "snapshot", "trainFilePath", "status", "createdById", "updatedAt") VALUES ('legacy-run', 'legacy-project', 'openai', 'gpt-4.1-mini', '{}', '{}', 'data/runs/legacy/train.jsonl', 'succeeded', '${legacy.ada}', CURRENT_TIMESTAMP)`,
  );
  await disconnectDb();
  execFileSync("node", ["scripts/db.mjs", "deploy"], { env, stdio: "ignore" });
}, 180_000);

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = saved;
  rmSync(oldMigrations, { recursive: true, force: true });
});

describe(`upgrade to sign-in (${kind})`, () => {
  it("keeps every example, revision, run and author with their ids", async () => {
    expect(await db().example.count({ where: { projectId: "legacy-project" } })).toBe(300);
    expect(await db().exampleRevision.count({ where: { example: { projectId: "legacy-project" } } })).toBe(300);
    expect(await db().run.findUnique({ where: { id: "legacy-run" } })).toMatchObject({ status: "succeeded", createdById: legacy.ada });
    const users = await db().user.findMany({ where: { id: { in: Object.values(legacy) } }, orderBy: { name: "asc" } });
    expect(users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role }))).toEqual([
      { id: legacy.ada, name: "Ada", email: null, role: null },
      { id: legacy.grace, name: "Grace", email: null, role: null },
    ]);
    expect((await db().example.findUniqueOrThrow({ where: { id: "legacy-example-7" } })).updatedById).toBe(legacy.grace);
  });

  it("shows old authors by name, marked before sign-in, and the CLI still writes as them", async () => {
    expect((await listRevisions("legacy-project", "legacy-example-1", { limit: 10 }))[0].author).toBe("Grace (before sign-in)");
    expect((await listCatalogueVersions("legacy-project"))[0].author).toBe("Grace (before sign-in)");
    expect((await listRuns("legacy-project")).map((r) => r.createdBy)).toEqual(["Ada (before sign-in)"]);
    expect(await resolveAuthor("Ada")).toBe(legacy.ada);
  });

  it("starts at the setup link: no member exists yet", async () => {
    expect(await newSetupLink()).toMatch(/\/setup\?token=/);
  });
});
