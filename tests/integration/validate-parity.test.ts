// `tooltune validate FILE` and `tooltune import` judge the same fuzzed files line by line: a file
// that validates clean imports clean, and every line one rejects the other rejects too.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { fileHealth } from "@/lib/server/datasets/health";
import { analyseImport } from "@/lib/server/imports/analyse";
import { getImport, registerImport } from "@/lib/server/imports/imports";
import { createProject, updateProject } from "@/lib/server/projects/projects";
import { testFilesDir } from "./helpers";

const TMP = testFilesDir();
afterAll(() => disconnectDb());

type Msg = { role: string; content?: unknown; tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[]; [k: string]: unknown };
type Line = { messages: Msg[]; tools?: { type: string; function: { name: string; parameters: { properties?: Record<string, { type?: string }>; required?: string[] } } }[] };

const base: Line[] = readFileSync(path.resolve("../shared/datasets/glaive_toolcall_en_demo.openai.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const withCall = base.filter((l) => l.messages.some((m) => m.tool_calls?.length));

/** The first call of a line, its declared tool and parsed arguments. */
function firstCall(l: Line) {
  const m = l.messages.find((x) => x.tool_calls?.length)!;
  const call = m.tool_calls![0];
  const tool = l.tools!.find((t) => t.function.name === call.function.name)!;
  return { call, tool, args: JSON.parse(call.function.arguments) as Record<string, unknown> };
}

/** Mutations a real dataset has: each returns the broken line, or null when it does not apply. */
const mutations: Record<string, (l: Line) => string | null> = {
  "string argument given a number": (l) => {
    const { call, tool, args } = firstCall(l);
    const name = Object.keys(args).find((k) => tool.function.parameters.properties?.[k]?.type === "string");
    if (!name) return null;
    call.function.arguments = JSON.stringify({ ...args, [name]: 12345 });
    return JSON.stringify(l);
  },
  "required argument missing": (l) => {
    const { call, tool, args } = firstCall(l);
    const name = tool.function.parameters.required?.find((k) => k in args);
    if (!name) return null;
    delete args[name];
    call.function.arguments = JSON.stringify(args);
    return JSON.stringify(l);
  },
  "number argument given a string": (l) => {
    const { call, tool, args } = firstCall(l);
    const name = Object.keys(args).find((k) => ["number", "integer"].includes(tool.function.parameters.properties?.[k]?.type ?? ""));
    if (!name) return null;
    call.function.arguments = JSON.stringify({ ...args, [name]: "many" });
    return JSON.stringify(l);
  },
  "call to an undeclared tool": (l) => {
    firstCall(l).call.function.name = "teleport_user";
    return JSON.stringify(l);
  },
  "arguments not JSON": (l) => {
    firstCall(l).call.function.arguments = "{order_id: 1";
    return JSON.stringify(l);
  },
  "truncated line": (l) => JSON.stringify(l).slice(0, 120),
  "no assistant message": (l) => JSON.stringify({ messages: l.messages.filter((m) => m.role === "user").slice(0, 1) }),
};

let seed = 1103;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

describe("validate and import agree on every line", () => {
  it("rejects the same lines of a fuzzed Glaive file, with schema_violation and the argument path", async () => {
    const lines: string[] = [];
    const mutated = new Map<number, string>();
    for (let i = 0; i < 400; i++) {
      const pool = i % 3 === 0 ? base : withCall;
      const line: Line = structuredClone(pool[Math.floor(random() * pool.length)]);
      line.messages.find((m) => m.role === "user")!.content += ` (variant ${i})`;
      const names = Object.keys(mutations);
      const name = random() < 0.4 && line.tools && line.messages.some((m) => m.tool_calls?.length) ? names[Math.floor(random() * names.length)] : null;
      const text = name ? mutations[name](line) : null;
      lines.push(text ?? JSON.stringify(line));
      if (text) mutated.set(lines.length, name!);
    }
    expect(new Set(mutated.values()).size, "every kind of mutation is in the file").toBe(Object.keys(mutations).length);
    const file = path.join(TMP, `parity-${Date.now()}.jsonl`);
    writeFileSync(file, lines.join("\n") + "\n");

    const { report } = await fileHealth(file, "openai", { encoding: "cl100k_base", tokenLimit: 16385 });
    const project = await createProject({ name: `parity ${Date.now()}`, outputStyle: "native_tools" });
    await updateProject(project.id, { parallelToolCalls: true }); // validate has no project: it allows parallel calls
    const author = await resolveAuthor("Parity");
    const id = await registerImport(project.id, { fileName: "parity.jsonl", filePath: file, fileBytes: statSync(file).size, format: "openai" }, author);
    await analyseImport(id);
    const job = await getImport(project.id, id);

    const validateRejects = report.errorLines.map((e) => e.line).sort((a, b) => a - b);
    const importRejects = job.errorSample.map((e) => e.line).sort((a, b) => a - b);
    expect(job.errorCount).toBeLessThan(200); // the import's sample holds every rejected line
    const diff = [...new Set([...validateRejects, ...importRejects])]
      .filter((l) => validateRejects.includes(l) !== importRejects.includes(l))
      .map((l) => ({ line: l, mutation: mutated.get(l) ?? "none", validate: report.errorLines.find((e) => e.line === l), import: job.errorSample.find((e) => e.line === l) }));
    expect(diff, "lines only one of them rejects").toEqual([]);
    expect(importRejects.length).toBeGreaterThan(20);

    // A wrongly typed or missing argument is a schema_violation that names the argument's path.
    for (const [line, mutation] of mutated) {
      if (!/argument (given|missing)/.test(mutation)) continue;
      const v = report.errorLines.find((e) => e.line === line)!;
      const imp = job.errorSample.find((e) => e.line === line)!;
      expect({ line, mutation, errors: v.errors, kind: imp.kind }).toEqual({ line, mutation, errors: expect.arrayContaining(["schema_violation"]), kind: "schema_violation" });
      expect(v.reason).toBe(imp.reason);
      expect(v.reason).toMatch(/arguments(\.[\w-]+)?: /);
    }
    expect(await db().example.count({ where: { projectId: project.id } }), "analysis stores nothing").toBe(0);
  }, 120_000);

  it("rejects the same lines of a malformed file (bad JSON and UTF-8, wrong shapes, BOM, CRLF)", async () => {
    const good = (i: number) => {
      const l: Line = structuredClone(withCall[i % withCall.length]);
      l.messages.find((m) => m.role === "user")!.content += ` (malformed ${i})`;
      return JSON.stringify(l);
    };
    const lines: Buffer[] = [
      good(0),
      good(1).slice(0, 80),
      good(2),
      Buffer.concat([Buffer.from('{"messages": [{"role": "user", "content": "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]),
      JSON.stringify({ messages: "not a list" }),
      JSON.stringify({ messages: [{ role: "user", content: 42 }, { role: "assistant", content: "x" }] }),
      "null",
      "[1, 2, 3]",
      JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
      JSON.stringify({ messages: [{ role: "assistant", content: "hello" }] }),
      JSON.stringify({ messages: [{ role: "user", content: "x".repeat(3 * 1024 * 1024) }, { role: "assistant", content: "ok" }] }),
      good(3),
    ].map((l) => (Buffer.isBuffer(l) ? l : Buffer.from(l)));
    const file = path.join(TMP, `parity-malformed-${Date.now()}.jsonl`);
    writeFileSync(file, Buffer.concat([Buffer.from("\uFEFF"), ...lines.flatMap((l, i) => [l, Buffer.from(i % 2 ? "\r\n" : "\n")])]));

    const { report } = await fileHealth(file, "openai", { encoding: "cl100k_base", tokenLimit: 16385 });
    const project = await createProject({ name: `parity malformed ${Date.now()}`, outputStyle: "native_tools" });
    await updateProject(project.id, { parallelToolCalls: true });
    const id = await registerImport(project.id, { fileName: "m.jsonl", filePath: file, fileBytes: statSync(file).size, format: "openai" }, await resolveAuthor("Parity"));
    await analyseImport(id);
    const job = await getImport(project.id, id);
    const importRejects = job.errorSample.map((e) => e.line).sort((a, b) => a - b);
    expect(importRejects).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(report.errorLines.map((e) => e.line).sort((a, b) => a - b)).toEqual(importRejects);
  }, 120_000);
});
