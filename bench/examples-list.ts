// Benchmark: the example list, neighbours and gauge at 100,000 examples.
//   npm run bench                         (SQLite, data/bench.db)
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tooltune_bench npm run bench
// Prints the median of several runs per query; the target is a list page well under 100 ms, a text
// search under 50 ms (its count stops at SEARCH_COUNT_CAP; "exact count" times the full count too).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";

const N = Number(process.env.BENCH_EXAMPLES ?? 100_000);
const url = process.env.BENCH_DATABASE_URL ?? "file:./data/bench.db";
process.env.DATABASE_URL = url;

async function main() {
  if (url.startsWith("file:")) for (const s of ["", "-wal", "-shm"]) rmSync(url.slice(5) + s, { force: true });
  else {
    const pg = (await import("pg")).default;
    const u = new URL(url);
    const admin = new pg.Client({ host: u.hostname, port: Number(u.port || 5432), user: u.username || "postgres", database: "postgres" });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${u.pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
  execFileSync("node", ["scripts/db.mjs", "deploy"], { stdio: "ignore", env: process.env });

  const { db, disconnectDb } = await import("../lib/server/db");
  const { deriveColumns } = await import("../lib/server/examples/derive");
  const { listExamples, exampleNeighbours } = await import("../lib/server/examples/examples");
  const { projectStats } = await import("../lib/server/stats");
  const { exampleListQuerySchema } = await import("../lib/schemas/example");
  const { projectHealthWithCosts } = await import("../lib/server/datasets/health");
  const { previewRun } = await import("../lib/server/runs/runs");
  const { seedProjects } = await import("../prisma/seed-data");

  const source = seedProjects[0];
  const project = await db().project.create({ data: { name: "bench" } });
  for (const [i, t] of source.tools.entries()) {
    await db().tool.create({ data: { projectId: project.id, name: t.name, description: t.description, parameters: JSON.stringify(t.parameters), position: i } });
  }
  const splits = ["train", "train", "train", "validation", "gold"];
  const t0 = performance.now();
  const BATCH = 2000;
  for (let start = 0; start < N; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const ex = source.examples[i % source.examples.length];
      const messages = [{ role: "user" as const, content: `${(ex.messages.find((m) => m.role === "user") as { content: string }).content} #${i}` }, ex.messages.at(-1)!];
      rows.push({
        projectId: project.id,
        number: i + 1,
        messages: JSON.stringify(messages),
        ...deriveColumns(messages),
        split: splits[i % splits.length],
        reviewState: i % 7 === 0 ? "draft" : "labelled",
        invalid: i % 97 === 0,
        issues: "[]",
        tags: "[]",
      });
    }
    await db().example.createMany({ data: rows });
  }
  const insertMs = performance.now() - t0;
  // What the worker does after an import (indexImported in lib/server/imports/commit.ts): SQLite's
  // text index takes the new rows; PostgreSQL takes planner statistics, without which it takes a
  // common search word for a rare one and sorts every match instead of walking the number index.
  const t1 = performance.now();
  await (await import("../lib/server/examples/search")).refreshSearchIndex(N);
  const indexMs = performance.now() - t1;

  const q = (o: Record<string, string>) => exampleListQuerySchema.parse(o);
  const middle = await db().example.findFirstOrThrow({ where: { projectId: project.id, number: Math.floor(N / 2) }, select: { id: true } });
  const cases: [string, () => Promise<unknown>][] = [
    ["list page 1 (50 rows, total count)", () => listExamples(project.id, q({}))],
    ["list page 1000", () => listExamples(project.id, q({ page: "1000" }))],
    ["list last page", () => listExamples(project.id, q({ page: String(Math.ceil(N / 50)) }))],
    ["filter tool=track_order", () => listExamples(project.id, q({ tool: "track_order" }))],
    ["filter kind=no_tool, split=train", () => listExamples(project.id, q({ kind: "no_tool", split: "train" }))],
    ["filter kind=tool_calls, split=train", () => listExamples(project.id, q({ kind: "tool_calls", split: "train" }))],
    ["filter invalid=true", () => listExamples(project.id, q({ invalid: "true" }))],
    ["text search 'refund' (common)", () => listExamples(project.id, q({ q: "refund" }))],
    ["  exact count of 'refund' (reference)", () => db().example.count({ where: { projectId: project.id, searchText: { contains: "refund" } } })],
    [`text search '#${Math.floor(N / 2)}' (one match)`, () => listExamples(project.id, q({ q: `#${Math.floor(N / 2)}` }))],
    ["text search 'refund', split=train, page 20", () => listExamples(project.id, q({ q: "refund", split: "train", page: "20" }))],
    ["neighbours (middle, text search)", () => exampleNeighbours(project.id, middle.id, q({ q: "refund" }))],
    ["neighbours (middle, tool filter)", () => exampleNeighbours(project.id, middle.id, q({ tool: "track_order" }))],
    ["gauge stats", () => projectStats(project.id)],
  ];
  // The health report and the run preview: the first request computes (tokens of every line), later
  // ones are served from the cache until an example or the catalogue changes.
  const health = () => projectHealthWithCosts(project.id, "train", { encoding: "o200k_base", tokenLimit: 16_385 });
  const coldStart = performance.now();
  await health();
  const coldHealthMs = performance.now() - coldStart;
  const coldPreviewStart = performance.now();
  await previewRun(project.id, "gpt-4o-mini-2024-07-18");
  const coldPreviewMs = performance.now() - coldPreviewStart;
  cases.push(["health report (cached)", health], ["run preview (cached)", () => previewRun(project.id, "gpt-4o-mini-2024-07-18")]);
  console.log(`database: ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}; ${N.toLocaleString("en")} examples inserted in ${(insertMs / 1000).toFixed(1)} s, then indexed for search (or analysed) in ${(indexMs / 1000).toFixed(1)} s, as the worker does after an import`);
  console.log(`health report first request ${(coldHealthMs / 1000).toFixed(1)} s; run preview first request ${(coldPreviewMs / 1000).toFixed(1)} s (then cached, below)`);
  console.log("query                                   median ms   max ms");
  for (const [name, fn] of cases) {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(40)}${times[3].toFixed(1).padStart(9)}${times.at(-1)!.toFixed(1).padStart(9)}`);
  }
  await disconnectDb();
  // The health report keeps its results in Redis beside the queue: close that connection too, or the
  // process never exits.
  await (await import("../lib/server/queue")).closeQueue();
}

void main();
