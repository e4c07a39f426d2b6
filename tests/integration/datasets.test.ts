// Import -> split -> export -> import again, on the shared public datasets, through the same
// functions the worker and CLI run; and the import's all-or-nothing guarantee.
import { copyFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as examplesRoute from "@/app/api/projects/[projectId]/examples/route";
import * as toolsRoute from "@/app/api/projects/[projectId]/tools/route";
import * as exportRoute from "@/app/api/projects/[projectId]/export/route";
import * as splitRoute from "@/app/api/projects/[projectId]/split/route";
import * as commitRoute from "@/app/api/projects/[projectId]/imports/[importId]/commit/route";
import * as importRoute from "@/app/api/projects/[projectId]/imports/[importId]/route";
import { disconnectDb, db } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { registerImport } from "@/lib/server/imports/imports";
import { call, testFilesDir } from "./helpers";
import { sessionCookie } from "../support/auth";

const SHARED = path.resolve("../shared/datasets");
const TMP = testFilesDir();

afterAll(() => disconnectDb());

async function newProject(name: string, outputStyle: "router_json" | "native_tools") {
  return (await call(projects.POST, "POST", { body: { name, outputStyle } })).json.id as string;
}

/** Registers and analyses a file as the worker would; returns the job id. */
async function analyse(projectId: string, file: string, format: string = "auto") {
  const local = path.join(TMP, `${Date.now()}-${path.basename(file)}`);
  copyFileSync(file, local);
  const author = await resolveAuthor("Importer");
  const id = await registerImport(projectId, { fileName: path.basename(file), filePath: local, fileBytes: statSync(local).size, format: format as "auto" }, author);
  await analyseImport(id);
  return id;
}

async function importAll(projectId: string, file: string, body: Record<string, unknown> = { keepValid: true }) {
  const id = await analyse(projectId, file);
  const r = await call(commitRoute.POST, "POST", { params: { projectId, importId: id }, body });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  await commitImport(id);
  return (await call(importRoute.GET, "GET", { params: { projectId, importId: id } })).json;
}

async function exportText(projectId: string, query: Record<string, string>) {
  const res = await exportRoute.GET(new Request(`http://t/api?${new URLSearchParams(query)}`, { headers: { cookie: await sessionCookie("Test Author") } }), { params: Promise.resolve({ projectId }) });
  expect(res.status).toBe(200);
  return res.text();
}

async function storedMessages(projectId: string) {
  const rows = await db().example.findMany({ where: { projectId }, orderBy: { number: "asc" }, select: { messages: true, systemPrompt: true } });
  return rows.map((r) => ({ system: r.systemPrompt, messages: JSON.parse(r.messages) }));
}

describe("dataset import", () => {
  it("imports the Glaive sample (OpenAI format): valid records whole, the rest reported by line", async () => {
    const pid = await newProject("Glaive", "native_tools");
    const job = await importAll(pid, path.join(SHARED, "glaive_toolcall_en_demo.openai.jsonl"));
    expect(job).toMatchObject({ status: "done", format: "openai", total: 300 });
    // Glaive declares some tool names with different schemas on different lines: records that use a
    // later variant are judged against the first one and reported, with the field that differs.
    expect(Object.keys(job.errorKinds)).toEqual(["schema_violation"]);
    expect(job.errorSample[0].reason).toMatch(/^line \d+: messages\.\d+\.calls\.0\.arguments\./);
    expect(job.toolPlan.some((t: { variants: number }) => t.variants > 1)).toBe(true);
    expect(job.importedCount + job.skippedCount).toBe(job.total);
    expect(job.importedCount).toBe(job.validCount - job.duplicateCount);
    const tools = (await call(toolsRoute.GET, "GET", { params: { projectId: pid } })).json;
    expect(tools.length).toBeGreaterThan(5);
    const list = (await call(examplesRoute.GET, "GET", { params: { projectId: pid }, query: { invalid: "true" } })).json;
    expect(list.total).toBe(0);
  });

  it("reports the double-encoded drone row with its line number and imports nothing unless asked", async () => {
    const pid = await newProject("Drone", "native_tools");
    const id = await analyse(pid, path.join(SHARED, "drone_training.first3.jsonl"));
    const job = (await call(importRoute.GET, "GET", { params: { projectId: pid, importId: id } })).json;
    expect(job.errorCount).toBe(1);
    expect(job.errorSample[0]).toMatchObject({ kind: "double_encoded_arguments" });
    expect(job.errorSample[0].reason).toMatch(/line \d/);
    const refused = await call(commitRoute.POST, "POST", { params: { projectId: pid, importId: id }, body: { keepValid: false } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.field).toBe("keepValid");
    expect((await call(examplesRoute.GET, "GET", { params: { projectId: pid } })).json.total).toBe(0);
  });

  it("leaves the database as it was when an import fails part-way", async () => {
    const pid = await newProject("Atomic", "native_tools");
    const file = path.join(TMP, "atomic.jsonl");
    const good = readFileSync(path.join(SHARED, "glaive_toolcall_en_demo.openai.jsonl"), "utf8").split("\n").slice(0, 30).join("\n");
    writeFileSync(file, good + "\n");
    const id = await analyse(pid, file);
    await call(commitRoute.POST, "POST", { params: { projectId: pid, importId: id }, body: { keepValid: true } });
    // The file changes under the import: its last record now fails, after 29 were staged.
    writeFileSync(file, good + "\n{ not json\n");
    await db().importJob.update({ where: { id }, data: { filePath: file, options: JSON.stringify({ keepValid: false, skipDuplicates: false, split: "unassigned" }) } });
    await expect(commitImport(id)).rejects.toThrow(/line 31/);
    expect(await db().example.count({ where: { projectId: pid } })).toBe(0);
    expect(await db().stagedExample.count({ where: { importJobId: id } })).toBe(0);
    expect(await db().tool.count({ where: { projectId: pid } })).toBe(0);
    expect((await db().importJob.findUniqueOrThrow({ where: { id } })).status).toBe("failed");
  });

  it("detects duplicates within the file and against the project, and skips them when asked", async () => {
    const pid = await newProject("Dups", "native_tools");
    const file = path.join(TMP, "dups.jsonl");
    // The first four Glaive records have distinct requests.
    const lines = readFileSync(path.join(SHARED, "glaive_toolcall_en_demo.openai.jsonl"), "utf8").split("\n").filter(Boolean).slice(0, 4);
    const near = JSON.parse(lines[0]);
    near.messages[0].content = "  " + near.messages[0].content.toUpperCase() + "  ";
    writeFileSync(file, [...lines, lines[1], JSON.stringify(near)].join("\n") + "\n");
    const job = await importAll(pid, file, { keepValid: true, skipDuplicates: true });
    expect(job.duplicateCount).toBe(2);
    expect(job.duplicateSample.map((d: { line: number; exact: boolean }) => [d.line, d.exact])).toEqual([[5, true], [6, false]]);
    expect(job.importedCount).toBe(4);
    // The same file again: everything repeats what the project has, so importing would add nothing.
    const againId = await analyse(pid, file);
    const again = await call(importRoute.GET, "GET", { params: { projectId: pid, importId: againId } });
    expect(again.json.duplicateCount).toBe(6);
    const refused = await call(commitRoute.POST, "POST", { params: { projectId: pid, importId: againId }, body: { keepValid: true, skipDuplicates: true } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.field).toBe("skipDuplicates");
    expect(await db().example.count({ where: { projectId: pid } })).toBe(4);
  });
});

describe("split and export", () => {
  it("splits stratified and deterministically, keeps splits once made, and never exports gold", async () => {
    const pid = await newProject("Round trip", "native_tools");
    await importAll(pid, path.join(SHARED, "glaive_toolcall_en_demo.openai.jsonl"));
    const preview = await call(splitRoute.POST, "POST", { params: { projectId: pid }, body: { validation: 0.1, gold: 0.1, seed: 7 } });
    expect(preview.json.dryRun).toBe(true);
    const again = await call(splitRoute.POST, "POST", { params: { projectId: pid }, body: { validation: 0.1, gold: 0.1, seed: 7 } });
    expect(again.json).toEqual(preview.json);
    const applied = await call(splitRoute.POST, "POST", { params: { projectId: pid }, body: { validation: 0.1, gold: 0.1, seed: 7, dryRun: false } });
    expect(applied.json.assigned).toBe(preview.json.assigned);
    const second = await call(splitRoute.POST, "POST", { params: { projectId: pid }, body: { validation: 0.5, gold: 0.1, seed: 1, dryRun: false } });
    expect(second.json.assigned).toBe(0);
    expect(second.json.splits).toEqual(applied.json.splits);
    const r = await call(exportRoute.GET, "GET", { params: { projectId: pid }, query: { split: "gold" } });
    expect(r.status).toBe(422);
  });

  for (const format of ["openai", "trl"] as const) {
    it(`round-trips ${format}: import -> export -> import gives the same examples`, async () => {
      const a = await newProject(`Round trip ${format}`, "native_tools");
      await importAll(a, path.join(SHARED, "glaive_toolcall_en_demo.openai.jsonl"), { keepValid: true, split: "train" });
      const text = await exportText(a, { format, split: "train" });
      const file = path.join(TMP, `rt-${format}.jsonl`);
      writeFileSync(file, text);
      // Same name, so the generated system prompt is the same and is not stored per example.
      const b = await newProject(`Round trip ${format}`, "native_tools");
      const job = await importAll(b, file, { keepValid: true, split: "train" });
      expect(job.format).toBe(format);
      expect(job.errorCount).toBe(0);
      expect(await storedMessages(b)).toEqual(await storedMessages(a));
    });
  }
});

type Stored = Awaited<ReturnType<typeof storedMessages>>;
function routerView(rows: Stored) {
  return rows.map((r) =>
    r.messages.map((m: Record<string, unknown>) => {
      if (m.role === "tool") return { role: "tool", name: m.name, content: m.content };
      if (m.role !== "assistant") return m;
      const d = m.decision as { kind: string; calls?: { name: string; arguments: unknown }[]; reason?: string };
      return d.kind === "tool_calls" ? { calls: d.calls!.map((c) => ({ name: c.name, arguments: c.arguments })) } : d;
    }),
  );
}

describe("router projects", () => {
  for (const format of ["router", "openai"] as const) {
    it(`round-trips the demo router project through ${format} JSONL, reasons and all`, async () => {
      const { customerSupport } = await import("@/prisma/seed-data/customer-support");
      const { createTool } = await import("@/lib/server/tools/tools");
      const { createExample } = await import("@/lib/server/examples/examples");
      const author = await resolveAuthor("Router tests");
      const a = await newProject(`Router ${format}`, "router_json");
      for (const t of customerSupport.tools) await createTool(a, t, author);
      for (const e of customerSupport.examples) await createExample(a, { messages: e.messages, split: "train" }, author);
      const text = await exportText(a, { format, split: "train" });
      const first = JSON.parse(text.split("\n")[0]);
      if (format === "router") expect(first.tools).toBeUndefined();
      expect(first.messages.at(-1).content).toMatch(/^\{"tool": ?"/);
      const file = path.join(TMP, `router-${format}.jsonl`);
      writeFileSync(file, text);
      const b = await newProject(`Router ${format}`, "router_json");
      for (const t of customerSupport.tools) await createTool(b, t, author);
      const job = await importAll(b, file, { keepValid: true, split: "train", skipDuplicates: false });
      expect(job).toMatchObject({ format: "router", errorCount: 0, importedCount: customerSupport.examples.length });
      // Router JSON is the model's output itself: it carries every decision (tools, arguments, no_tool
      // reasons) and every user and tool turn, but no call ids and no reply text beside a no_tool.
      expect(routerView(await storedMessages(b))).toEqual(routerView(await storedMessages(a)));
    });
  }
});
