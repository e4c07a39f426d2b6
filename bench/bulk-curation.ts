// Benchmark: the examples list's bulk bar at 20,000 examples, on each database.
//   npm run bench:bulk        (BENCH_EXAMPLES=20000, BENCH_DATABASES=sqlite,postgres)
// A project of BENCH_EXAMPLES examples (with one revision each, as saved examples have) beside another
// project of the same size; each bulk action works on every example of the first one by filter ("select
// all matching"), as the list sends it. Target: every action answers in under 2 s.
import { performance } from "node:perf_hooks";
import { freshDatabase } from "./fresh-database";

const N = Number(process.env.BENCH_EXAMPLES ?? 20_000);
const URLS: Record<string, string> = {
  sqlite: process.env.BENCH_SQLITE_URL ?? "file:./data/bench-bulk.db",
  postgres: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/tooltune_bench_bulk",
};
const KINDS = (process.env.BENCH_DATABASES ?? "sqlite,postgres").split(",").map((s) => s.trim());
process.env.TOOLTUNE_QUEUE = "bench-unused";
const TARGET_MS = 2000;

async function seed(projectName: string) {
  const { db } = await import("../lib/server/db");
  const { deriveColumns } = await import("../lib/server/examples/derive");
  const { insertRows, newRowId } = await import("../lib/server/bulk");
  const { snapshotOf } = await import("../lib/server/examples/examples");
  const { seedProjects } = await import("../prisma/seed-data");
  const source = seedProjects[0];
  const project = await db().project.create({ data: { name: projectName, nextExampleNumber: N + 1 } });
  const author = await db().user.create({ data: { name: `bench ${projectName}`, email: `${projectName.replace(/\W/g, "")}@bench.local` } });
  const splits = ["train", "train", "train", "validation", "gold"];
  const examples = [];
  const revisions = [];
  const now = new Date();
  for (let i = 0; i < N; i++) {
    const ex = source.examples[i % source.examples.length];
    const messages = [
      { role: "user" as const, content: `${(ex.messages.find((m) => m.role === "user") as { content: string }).content} #${i}` },
      ex.messages.at(-1)!,
    ];
    const row = {
      id: newRowId(),
      projectId: project.id,
      number: i + 1,
      messages: JSON.stringify(messages),
      ...deriveColumns(messages),
      split: splits[i % 5],
      reviewState: "labelled",
      invalid: false,
      issues: "[]",
      tags: "[]",
      version: 1,
      createdById: author.id,
      updatedById: author.id,
      createdAt: now,
      updatedAt: now,
    };
    examples.push(row);
    revisions.push({ id: newRowId(), exampleId: row.id, version: 1, snapshot: snapshotOf(row), authorId: author.id, createdAt: now });
  }
  await insertRows("Example", examples);
  await insertRows("ExampleRevision", revisions);
  return { projectId: project.id, authorId: author.id };
}

async function main() {
  const rows: string[][] = [];
  for (const kind of KINDS) {
    const url = URLS[kind];
    await freshDatabase(kind, url);
    process.env.DATABASE_URL = url;
    const { changeExamples, undoBulkChange } = await import("../lib/server/examples/bulk");
    const { refreshSearchIndex } = await import("../lib/server/examples/search");
    const { db, disconnectDb } = await import("../lib/server/db");
    const { closeBulk } = await import("../lib/server/bulk");
    const t0 = performance.now();
    const { projectId, authorId } = await seed("bench-bulk");
    await seed("bench-neighbour");
    await refreshSearchIndex(2 * N);
    console.log(
      `${kind}: 2 projects of ${N.toLocaleString("en")} examples (with a revision each) seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const time = async (name: string, fn: () => Promise<{ changed?: number; restored?: number }>) => {
      const s = performance.now();
      const out = await fn();
      const ms = performance.now() - s;
      rows.push([kind, name, String(out.changed ?? out.restored ?? ""), ms.toFixed(0), (ms / TARGET_MS).toFixed(2)]);
      return out;
    };
    const all = { filter: {} };
    await time("preview (dry run), set split", () =>
      changeExamples(projectId, { ...all, set: { split: "validation" }, dryRun: true }, authorId),
    );
    const split = (await time("set split (all matching)", () =>
      changeExamples(projectId, { ...all, set: { split: "validation" } }, authorId),
    )) as { changeId: string };
    await time("  undo", () => undoBulkChange(projectId, split.changeId, authorId));
    await time("set review state (all matching)", () => changeExamples(projectId, { ...all, set: { reviewState: "reviewed" } }, authorId));
    const tag = (await time("add a tag (all matching)", () =>
      changeExamples(projectId, { ...all, set: { addTags: ["checked"] } }, authorId),
    )) as { changeId: string };
    await time("  undo", () => undoBulkChange(projectId, tag.changeId, authorId));
    const trash = (await time("move to trash (all matching)", () => changeExamples(projectId, { ...all, trash: true }, authorId))) as {
      changeId: string;
    };
    await time("  undo (restore)", () => undoBulkChange(projectId, trash.changeId, authorId));
    const left = await db().example.count({ where: { projectId } });
    if (left !== N) throw new Error(`after the undo of the trash ${left} examples are back, not ${N}`);
    await disconnectDb();
    await closeBulk();
  }
  console.log(`\naction                               db          examples   ms    ms / ${TARGET_MS} ms target`);
  for (const [kind, name, n, ms, ratio] of rows)
    console.log(`${name.padEnd(37)}${kind.padEnd(12)}${n.padStart(8)}${ms.padStart(7)}    ${ratio}`);
  await (await import("../lib/server/queue")).closeQueue();
}

void main();
