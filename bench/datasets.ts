// Benchmark: import, validate and export of a generated 100,000-example OpenAI JSONL file, each
// against a bare baseline on the same data, with peak memory; run at two sizes to show memory is
// flat in file size.   npm run bench:datasets   (BENCH_EXAMPLES=100000, SQLite in data/bench-datasets.db)
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, rmSync, statSync, mkdirSync } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";

const N = Number(process.env.BENCH_EXAMPLES ?? 100_000);
const url = process.env.BENCH_DATABASE_URL ?? "file:./data/bench-datasets.db";
process.env.DATABASE_URL = url;
process.env.TOOLTUNE_QUEUE = "bench-unused";

/**
 * Runs fn while sampling the JS heap every 20 ms; returns wall time and the peak heap in use above
 * the level at start (after a GC), which is what grows if a phase holds the file in memory.
 */
async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  global.gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { ms, peakMb: (peak - start) / 1024 / 1024, value };
}

async function main() {
  mkdirSync("data", { recursive: true });
  for (const s of ["", "-wal", "-shm"]) rmSync(url.slice(5) + s, { force: true });
  execFileSync("node", ["scripts/db.mjs", "deploy"], { stdio: "ignore", env: process.env });
  const { db, disconnectDb } = await import("../lib/server/db");
  const { resolveAuthor } = await import("../lib/server/authors");
  const { createProject } = await import("../lib/server/projects/projects");
  const { registerImport } = await import("../lib/server/imports/imports");
  const { analyseImport } = await import("../lib/server/imports/analyse");
  const { commitImport } = await import("../lib/server/imports/commit");
  const { fileHealth } = await import("../lib/server/datasets/health");
  const { exportLines } = await import("../lib/server/datasets/export");
  const { write: writeOpenAI } = await import("../lib/formats/openai");
  const { deriveColumns } = await import("../lib/server/examples/derive");
  const { seedProjects } = await import("../prisma/seed-data");
  const author = await resolveAuthor("bench");

  const results: string[] = [];
  for (const n of [Math.round(N / 4), N]) {
    // 1. The data: n distinct single- and multi-turn examples from the demo catalogue, as OpenAI lines.
    const src = seedProjects[0];
    const file = `data/bench-${n}.jsonl`;
    const out = createWriteStream(file);
    for (let i = 0; i < n; i++) {
      const ex = src.examples[i % src.examples.length];
      const messages = ex.messages.map((m, j) => (m.role === "user" && j === 0 ? { ...m, content: `${m.content} [${i}]` } : m));
      const line = JSON.stringify(writeOpenAI({ messages }, src.tools, { style: "native_tools", system: "You are the support router." })) + "\n";
      if (!out.write(line)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    const mb = statSync(file).size / 1024 / 1024;

    // 2. Import through the real pipeline (analyse + commit) vs JSON.parse + batched inserts.
    const project = await createProject({ name: `bench ${n}`, outputStyle: "native_tools" });
    const imp = await measure(async () => {
      const id = await registerImport(project.id, { fileName: file, filePath: file, fileBytes: statSync(file).size, format: "openai" }, author);
      await analyseImport(id);
      await db().importJob.update({ where: { id }, data: { status: "importing", options: JSON.stringify({ keepValid: true, skipDuplicates: false, split: "train" }) } });
      await commitImport(id);
      return db().example.count({ where: { projectId: project.id } });
    });
    const baseProject = await createProject({ name: `baseline ${n}`, outputStyle: "native_tools" });
    const impBase = await measure(async () => {
      let batch: object[] = [];
      let k = 0;
      const flush = async () => {
        await db().example.createMany({ data: batch as never });
        batch = [];
      };
      for await (const text of createInterface({ input: createReadStream(file) })) {
        const rec = JSON.parse(text);
        const messages = rec.messages.slice(1).map((m: { role: string; content: string }) => (m.role === "assistant" ? { role: "assistant", decision: { kind: "no_tool", reason: "" }, content: m.content ?? "", weight: 1 } : m));
        batch.push({ projectId: baseProject.id, number: ++k, messages: JSON.stringify(messages), ...deriveColumns(messages), issues: "[]", tags: "[]" });
        if (batch.length === 500) await flush();
      }
      await flush();
      return k;
    });

    // 3. Validate the file (cookbook checks + tokens) vs reading and parsing every line.
    const val = await measure(() => fileHealth(file, "openai", { encoding: "cl100k_base", tokenLimit: 16385 }));
    const valBase = await measure(async () => {
      let k = 0;
      for await (const text of createInterface({ input: createReadStream(file) })) if (JSON.parse(text)) k++;
      return k;
    });

    // 4. Export the imported project vs plain batched reads + JSON.stringify.
    const exp = await measure(async () => {
      const sink = createWriteStream("/dev/null");
      let bytes = 0;
      for await (const chunk of exportLines(project.id, { format: "openai", split: "train" })) {
        bytes += chunk.length;
        if (!sink.write(chunk)) await once(sink, "drain");
      }
      sink.end();
      return bytes;
    });
    const expBase = await measure(async () => {
      let after = 0;
      let bytes = 0;
      for (;;) {
        const rows = await db().example.findMany({ where: { projectId: project.id, number: { gt: after } }, orderBy: { number: "asc" }, take: 500 });
        if (rows.length === 0) break;
        after = rows.at(-1)!.number;
        for (const r of rows) bytes += JSON.stringify({ messages: JSON.parse(r.messages) }).length + 1;
      }
      return bytes;
    });

    const row = (name: string, a: { ms: number; peakMb: number }, b: { ms: number; peakMb: number }) =>
      `${name.padEnd(9)}${(a.ms / 1000).toFixed(1).padStart(9)} s${(b.ms / 1000).toFixed(1).padStart(9)} s${(a.ms / b.ms).toFixed(2).padStart(8)}x${a.peakMb.toFixed(0).padStart(9)} MB${b.peakMb.toFixed(0).padStart(9)} MB`;
    results.push(
      `\n${n.toLocaleString("en")} examples, ${mb.toFixed(0)} MB file (imported ${imp.value}, baseline ${impBase.value})`,
      `phase        ToolTune  baseline   ratio  peak heap+ baseline heap+`,
      row("import", imp, impBase),
      row("validate", val, valBase),
      row("export", exp, expBase),
    );
    console.log(results.slice(-5).join("\n"));
    rmSync(file, { force: true });
  }
  await disconnectDb();
}

void main();
