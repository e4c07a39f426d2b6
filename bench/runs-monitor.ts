// Benchmark: one worker process monitoring 50 concurrent runs against the OpenAI test server.
// Prints requests per run per minute, the worker's CPU share and peak memory.
//   npx tsx bench/runs-monitor.ts   (BENCH_RUNS=50, BENCH_SECONDS=60)
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { startOpenAIServer } from "../tests/support/openai-server";

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const url = "file:./data/bench-runs.db";

function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main() {
  for (const s of ["", "-wal", "-shm"]) rmSync(url.slice(5) + s, { force: true });
  const env = { ...process.env, DATABASE_URL: url, TOOLTUNE_QUEUE: `bench-runs-${Date.now()}` };
  execFileSync("node", ["scripts/db.mjs", "deploy"], { stdio: "ignore", env });
  // Long jobs: a step every 500 ms, so all runs are live for the whole measurement.
  const server = await startOpenAIServer({ key: "sk-bench", tickMs: 500 });
  Object.assign(process.env, env, { OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: `${server.url}/v1` });
  const { resolveAuthor } = await import("../lib/server/authors");
  const { createProject } = await import("../lib/server/projects/projects");
  const { createTool } = await import("../lib/server/tools/tools");
  const { createExample } = await import("../lib/server/examples/examples");
  const { createRun } = await import("../lib/server/runs/runs");
  const { db, disconnectDb } = await import("../lib/server/db");
  const { closeQueue } = await import("../lib/server/queue");
  const { customerSupport } = await import("../prisma/seed-data/customer-support");

  const author = await resolveAuthor("bench");
  const project = await createProject({ name: "bench runs" });
  for (const t of customerSupport.tools) await createTool(project.id, t, author);
  for (const [i, e] of customerSupport.examples.entries()) await createExample(project.id, { messages: e.messages, split: i % 5 === 0 ? "validation" : "train" }, author);
  for (let i = 0; i < RUNS; i++) {
    await createRun(project.id, { baseModel: "gpt-4o-mini-2024-07-18", hyperparameters: { n_epochs: 50, batch_size: 1, learning_rate_multiplier: "auto" }, suffix: `steps_100000` }, author);
  }
  const worker = spawn("node_modules/.bin/tsx", ["workers/main.ts"], { env: process.env, stdio: "ignore" });
  // Let every run reach monitoring, then measure a steady window.
  for (;;) {
    const pending = await db().run.count({ where: { remoteJobId: null } });
    if (pending === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const pid = (worker as unknown as { pid: number }).pid;
  const workerPid = Number(execFileSync("pgrep", ["-P", String(pid)]).toString().trim().split("\n")[0]) || pid;
  const before = server.state().requests;
  const cpu0 = cpuSeconds(workerPid);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const after = server.state().requests;
  const cpu1 = cpuSeconds(workerPid);
  const total = Object.keys(after).reduce((n, k) => n + (after[k] - (before[k] ?? 0)), 0);
  const points = await db().metricPoint.count();
  console.log(`${RUNS} runs monitored by one worker for ${SECONDS} s`);
  console.log(`requests: ${total} in all, ${(total / RUNS / (SECONDS / 60)).toFixed(1)} per run per minute`);
  console.log(`worker CPU: ${(((cpu1 - cpu0) / SECONDS) * 100).toFixed(1)}% of one core; peak RSS ${peakRssMb(workerPid).toFixed(0)} MB`);
  console.log(`metric points stored so far: ${points}`);
  worker.kill("SIGTERM");
  await server.close();
  await closeQueue();
  await disconnectDb();
  process.exit(0);
}

void main();
