// Benchmark: (1) scoring 10,000 predictions, both match modes; (2) an eval of 1,000 examples against
// the OpenAI test server with a fixed 200 ms latency at concurrency 16, against the ideal
// N × latency / concurrency.  npx tsx bench/evals.ts   (BENCH_EVAL_N=1000, BENCH_LATENCY_MS=200, BENCH_CONCURRENCY=16)
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { startOpenAIServer } from "../tests/support/openai-server";
import { scoreExample } from "../lib/scoring/score";
import { summarise } from "../lib/scoring/summary";
import type { GoldTarget, MatchMode, RawOutput } from "../lib/scoring/types";
import { customerSupport } from "../prisma/seed-data/customer-support";

const N = Number(process.env.BENCH_EVAL_N ?? 1000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const url = "file:./data/bench-evals.db";

const router = (tool: string, args: Record<string, unknown>) => JSON.stringify({ tool, arguments: args });
const orderId = (i: number) => `ORD-${String(10000 + (i % 90000)).padStart(5, "0")}`;

/** A mix like a real report: mostly right, some wrong arguments, wrong tools, prose, fences, no_tool. */
function prediction(i: number): { output: RawOutput; gold: GoldTarget } {
  const gold: GoldTarget = i % 7 === 0 ? { kind: "no_tool" } : { kind: "tool_calls", calls: [{ name: "request_refund", arguments: { order_id: [orderId(i)], reason: ["damaged"], details: ["screen cracked", ""] } }] };
  const right = router("request_refund", { order_id: orderId(i), reason: "damaged", details: "Screen cracked" });
  const outputs: RawOutput[] = [
    { content: right },
    { content: router("request_refund", { order_id: orderId(i), reason: "wrong_item" }) },
    { content: router("track_order", { order_id: orderId(i) }) },
    { content: "Let me check that for you." },
    { content: "Sure:\n```json\n" + right + "\n```" },
    { content: JSON.stringify({ tool: "no_tool", reason: "greeting" }) },
    { content: right },
  ];
  return { output: outputs[i % outputs.length], gold };
}

function benchScoring() {
  const tools = customerSupport.tools.map((t) => ({ name: t.name, parameters: t.parameters as Record<string, unknown> }));
  const items = Array.from({ length: 10_000 }, (_, i) => prediction(i));
  for (const mode of ["strict", "bfcl"] as MatchMode[]) {
    const times: number[] = [];
    let correct = 0;
    for (let rep = 0; rep < 5; rep++) {
      const t0 = performance.now();
      const rows = items.map((p) => ({ score: scoreExample({ ...p, tools, style: "router_json", mode }) }));
      const s = summarise(rows, { tools: tools.map((t) => t.name) });
      times.push(performance.now() - t0);
      correct = s.exactMatch.n;
    }
    times.sort((a, b) => a - b);
    const med = times[2];
    console.log(`scoring 10,000 predictions (${mode}): median ${med.toFixed(0)} ms of 5 (${((med / 10_000) * 1000).toFixed(1)} µs each; min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}), ${correct} correct`);
  }
}

async function benchEval() {
  for (const s of ["", "-wal", "-shm"]) rmSync(url.slice(5) + s, { force: true });
  const env = { ...process.env, DATABASE_URL: url, TOOLTUNE_QUEUE: `bench-evals-${Date.now()}` };
  execFileSync("node", ["scripts/db.mjs", "deploy"], { stdio: "ignore", env });
  const server = await startOpenAIServer({ key: "sk-bench", chat: { rules: [], defaultReply: { content: router("track_order", { order_id: "ORD-12345" }) }, latencyMs: LATENCY } });
  Object.assign(process.env, env, { OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: `${server.url}/v1` });
  const { resolveAuthor } = await import("../lib/server/authors");
  const { createProject } = await import("../lib/server/projects/projects");
  const { createTool } = await import("../lib/server/tools/tools");
  const { db, disconnectDb } = await import("../lib/server/db");
  const { closeQueue } = await import("../lib/server/queue");
  const { createEval } = await import("../lib/server/evals/evals");
  const { runEval } = await import("../lib/server/evals/run-eval");
  const { chatClient } = await import("../lib/server/evals/clients");
  const { deriveColumns } = await import("../lib/server/examples/derive");

  const author = await resolveAuthor("bench");
  const project = await createProject({ name: "bench evals" });
  for (const t of customerSupport.tools) await createTool(project.id, t, author);
  const rows = Array.from({ length: N }, (_, i) => {
    const messages = [
      { role: "user" as const, content: `Bench ${i}: where is ${orderId(i)}?` },
      { role: "assistant" as const, decision: { kind: "tool_calls" as const, calls: [{ name: "track_order", arguments: { order_id: orderId(i) } }] }, weight: 1 as const },
    ];
    return { projectId: project.id, number: i + 1, messages: JSON.stringify(messages), split: "gold", reviewState: "labelled", issues: "[]", tags: "[]", ...deriveColumns(messages) };
  });
  for (let i = 0; i < rows.length; i += 500) await db().example.createMany({ data: rows.slice(i, i + 500) });
  const ev = await createEval(project.id, { target: { backend: "openai", model: "gpt-4o-mini" }, concurrency: CONCURRENCY }, author);
  const t0 = performance.now();
  await runEval(ev.id, { client: chatClient });
  const wall = (performance.now() - t0) / 1000;
  const done = await db().eval.findUniqueOrThrow({ where: { id: ev.id } });
  const ideal = (N * LATENCY) / 1000 / CONCURRENCY;
  console.log(`eval of ${N} examples, ${LATENCY} ms latency, concurrency ${CONCURRENCY}: ${wall.toFixed(2)} s wall, ideal ${ideal.toFixed(2)} s, ratio ${(wall / ideal).toFixed(2)} (status ${done.status}, ${done.done} answered, ${server.state().chat.requests} requests)`);
  await server.close();
  await closeQueue();
  await disconnectDb();
}

async function main() {
  benchScoring();
  await benchEval();
  process.exit(0);
}

void main();
