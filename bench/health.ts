// Benchmark: the health report's first request at scale, before (computed inside the request, as
// the route did) and after (the route answers 202 at once, the worker computes, later requests read
// the stored report), measured in the same run on the same data.
//   BENCH_EXAMPLES=25000 BENCH_DATABASES=sqlite,postgres REDIS_URL=redis://127.0.0.1:6379/14 npx tsx bench/health.ts
//   BENCH_SQLITE_URL=file:./data/bench-health.db  BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/tooltune_bench_health
// The worker is the real one (workers/main.ts in its own process); "worker ready → report" includes
// its loading the tokeniser.
import { execFileSync, spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { cpus, loadavg } from "node:os";
import { freshDatabase } from "./fresh-database";

const N = Number(process.env.BENCH_EXAMPLES ?? 25_000);
const URLS: Record<string, string> = {
  sqlite: process.env.BENCH_SQLITE_URL ?? "file:./data/bench-health.db",
  postgres: process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/tooltune_bench_health",
};
const KINDS = (process.env.BENCH_DATABASES ?? "sqlite,postgres").split(",").map((s) => s.trim());
const OPTS = { encoding: "o200k_base", tokenLimit: 16_385 } as const;


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One database in this process (the Prisma client is chosen by DATABASE_URL once). */
async function one(kind: string) {
  const url = URLS[kind];
  process.env.DATABASE_URL = url;
  await freshDatabase(kind, url);
  const { db, disconnectDb } = await import("../lib/server/db");
  const { deriveColumns } = await import("../lib/server/examples/derive");
  const { projectHealthWithCosts } = await import("../lib/server/datasets/health");
  const { closeQueue, queue } = await import("../lib/server/queue");
  const { GET } = await import("../app/api/projects/[projectId]/health/route");
  const { seedProjects } = await import("../prisma/seed-data");

  const source = seedProjects[0];
  const project = await db().project.create({ data: { name: "bench health" } });
  for (const [i, t] of source.tools.entries()) {
    await db().tool.create({
      data: { projectId: project.id, name: t.name, description: t.description, parameters: JSON.stringify(t.parameters), position: i },
    });
  }
  for (let start = 0; start < N; start += 2000) {
    const rows = [];
    for (let i = start; i < Math.min(N, start + 2000); i++) {
      const ex = source.examples[i % source.examples.length];
      const messages = [
        { role: "user" as const, content: `${(ex.messages.find((m) => m.role === "user") as { content: string }).content} #${i}` },
        ex.messages.at(-1)!,
      ];
      rows.push({
        projectId: project.id,
        number: i + 1,
        messages: JSON.stringify(messages),
        ...deriveColumns(messages),
        split: "train",
        reviewState: "labelled",
        invalid: false,
        issues: "[]",
        tags: "[]",
      });
    }
    await db().example.createMany({ data: rows });
  }

  const ask = async () => {
    const res = await GET(new Request(`http://bench.local/api/projects/${project.id}/health?split=train`), {
      params: Promise.resolve({ projectId: project.id }),
    });
    const body = await res.text();
    return { status: res.status, bytes: body.length, json: JSON.parse(body) as { done?: number; total?: number } };
  };

  // Before: the route computed the report inside the request (the same function, uncached here).
  const cpu0 = process.cpuUsage();
  let t = performance.now();
  await projectHealthWithCosts(project.id, "train", OPTS);
  const inlineMs = performance.now() - t;
  const inlineCpuMs = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000;

  // After: the first answer, then polls while no worker runs (each a 202).
  t = performance.now();
  const first = await ask();
  const firstMs = performance.now() - t;
  const polls: number[] = [];
  for (let i = 0; i < 9; i++) {
    t = performance.now();
    if ((await ask()).status !== 202) throw new Error("expected 202 while no worker runs");
    polls.push(performance.now() - t);
  }

  // The worker computes; the bench polls as the panel does (every 250 ms here, 1 s in the browser).
  const worker = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = performance.now();
  let readyAt = 0;
  worker.stdout!.on("data", (d) => String(d).includes("[worker] ready") && (readyAt ||= performance.now()));
  let lastProgress = "";
  let answer = await ask();
  while (answer.status === 202) {
    lastProgress = `${answer.json.done} of ${answer.json.total}`;
    await new Promise((r) => setTimeout(r, 250));
    answer = await ask();
  }
  const doneAt = performance.now();
  worker.kill("SIGTERM");
  await new Promise((r) => worker.on("exit", r));
  if (answer.status !== 200) throw new Error(`the route answered ${answer.status}: ${JSON.stringify(answer.json)}`);

  const stored: number[] = [];
  for (let i = 0; i < 7; i++) {
    t = performance.now();
    await ask();
    stored.push(performance.now() - t);
  }

  console.log(
    `\n${kind === "sqlite" ? "SQLite" : "PostgreSQL"}, ${N.toLocaleString("en")} train examples (${cpus().length} cores, load ${loadavg()[0].toFixed(1)})`,
  );
  console.log(`before: first request computes inline            ${sec(inlineMs).padStart(9)}  (CPU ${sec(inlineCpuMs)})`);
  console.log(
    `after:  first request answers ${first.status}               ${sec(firstMs).padStart(9)}  → ${(inlineMs / firstMs).toFixed(0)}x sooner`,
  );
  console.log(`after:  a poll while computing (median of 9)     ${sec(median(polls)).padStart(9)}`);
  console.log(
    `after:  worker start → report (ready at ${sec(readyAt - started)}) ${sec(doneAt - started).padStart(9)}  (last progress seen: ${lastProgress})`,
  );
  console.log(
    `after:  worker ready → report                    ${sec(doneAt - readyAt).padStart(9)}  = ${((doneAt - readyAt) / inlineMs).toFixed(2)}x the inline compute`,
  );
  console.log(
    `after:  stored report, 200 (median of 7)         ${sec(median(stored)).padStart(9)}  (${(answer.bytes / 1024).toFixed(0)} KB of JSON)`,
  );
  await queue().obliterate({ force: true });
  await closeQueue();
  await disconnectDb();
}

async function main() {
  const only = process.env.BENCH_ONE;
  if (only) return one(only);
  for (const kind of KINDS)
    execFileSync(process.execPath, ["--import", "tsx", "bench/health.ts"], { stdio: "inherit", env: { ...process.env, BENCH_ONE: kind } });
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
