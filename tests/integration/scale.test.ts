// The scale tier: every bulk path at 6,000 generated examples, on whichever database DATABASE_URL
// names (CI runs the file on SQLite and on PostgreSQL). Limits that only bite at size (bound
// parameters, long transactions) fail here first.
import { rmSync, writeFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as splitRoute from "@/app/api/projects/[projectId]/split/route";
import * as bulkRoute from "@/app/api/projects/[projectId]/examples/bulk/route";
import * as exportRoute from "@/app/api/projects/[projectId]/export/route";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { claimCommit, registerImport } from "@/lib/server/imports/imports";
import { createProject, deleteProject } from "@/lib/server/projects/projects";
import { updateTool } from "@/lib/server/tools/tools";
import { createEval } from "@/lib/server/evals/evals";
import { activeCatalogue } from "@/lib/server/projects/catalogue";
import { parseMessages } from "@/lib/server/examples/dto";
import { write as writeOpenAI } from "@/lib/formats/openai";
import { call, testFilesDir } from "./helpers";
import { sessionCookie } from "../support/auth";

const N = 6000;
const TMP = testFilesDir();

const TOOLS = [
  { name: "track_order", description: "Where an order is", parameters: { type: "object", properties: { order_id: { type: "string" }, email: { type: "string" } }, required: ["order_id"] } },
  { name: "request_refund", description: "Refund an order", parameters: { type: "object", properties: { order_id: { type: "string" }, reason: { type: "string" } }, required: ["order_id", "reason"] } },
  { name: "escalate", description: "Hand over to a person", parameters: { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] } },
];
const openaiTools = TOOLS.map((t) => ({ type: "function", function: t }));

/** Line i (1-based) of the generated file, and its routing class: every 7th a plain reply (no_tool), every 10th a call → result → answer trace. */
function line(i: number): { text: string; klass: string } {
  const user = { role: "user", content: `request ${i}: please help with order ORD-${String(i).padStart(5, "0")}` };
  const system = { role: "system", content: "You route support requests." };
  if (i % 7 === 0) return { klass: "no_tool", text: JSON.stringify({ messages: [system, user, { role: "assistant", content: `Happy to chat about ${i}.` }], tools: openaiTools }) };
  const tool = TOOLS[i % 3];
  const args = tool.name === "escalate" ? { summary: `case ${i}` } : tool.name === "request_refund" ? { order_id: `ORD-${i}`, reason: "broken" } : { order_id: `ORD-${i}` };
  const call = { id: `call_${i}`, type: "function", function: { name: tool.name, arguments: JSON.stringify(args) } };
  const turns: object[] = [system, user, { role: "assistant", content: null, tool_calls: [call] }];
  if (i % 10 === 0) turns.push({ role: "tool", tool_call_id: `call_${i}`, content: '{"status":"ok"}' }, { role: "assistant", content: `Done for ${i}.` });
  return { klass: tool.name, text: JSON.stringify({ messages: turns, tools: openaiTools }) };
}

const written: string[] = [];
function writeFile(name: string, n: number, override?: (i: number) => string | null): string {
  const file = path.join(TMP, `${Date.now()}-${name}`);
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(override?.(i) ?? line(i).text);
  writeFileSync(file, lines.join("\n") + "\n");
  written.push(file, `${file}.errors.jsonl`);
  return file;
}

const classOf = new Map<number, string>(Array.from({ length: N }, (_, k) => [k + 1, line(k + 1).klass]));
let projectId = "";
let author = "";

async function importFile(file: string, opts: { afterAnalyse?: () => void } = {}) {
  const id = await registerImport(projectId, { fileName: path.basename(file), filePath: file, fileBytes: statSync(file).size, format: "openai" }, author);
  await analyseImport(id);
  opts.afterAnalyse?.();
  await claimCommit(projectId, id, { keepValid: false, skipDuplicates: false });
  return id;
}

const count = (where: Record<string, unknown> = {}) => db().example.count({ where: { projectId, ...where } });

beforeAll(async () => {
  author = await resolveAuthor("Scale Tester");
  projectId = (await createProject({ name: `scale ${Date.now()}`, outputStyle: "native_tools" })).id;
});
afterAll(async () => {
  for (const f of written) rmSync(f, { force: true });
  await disconnectDb();
});

describe(`bulk paths at ${N.toLocaleString("en")} examples`, () => {
  it("imports a generated file in one piece: every line, numbered in file order, nothing left staged", async () => {
    const id = await importFile(writeFile("scale.jsonl", N));
    await commitImport(id);
    expect(await count()).toBe(N);
    const first = await db().example.findFirstOrThrow({ where: { projectId }, orderBy: { number: "asc" } });
    const last = await db().example.findFirstOrThrow({ where: { projectId }, orderBy: { number: "desc" } });
    expect([first.request, last.request]).toEqual(["request 1: please help with order ORD-00001", `request ${N}: please help with order ORD-0${N}`]);
    expect(last.number - first.number).toBe(N - 1);
    expect(await count({ routingNoToolCount: 1 })).toBe([...classOf.values()].filter((k) => k === "no_tool").length);
    expect(await count({ followUpCount: 1 })).toBe(N / 10 - Math.floor(N / 70)); // traces, less those that are plain replies
    expect(await db().stagedExample.count({ where: { importJobId: id } })).toBe(0);
    expect((await db().importJob.findUniqueOrThrow({ where: { id } })).status).toBe("done");
  });

  it("an import whose file breaks at line 5,999 after analysis stores nothing and says which line", async () => {
    let file = "";
    const id = await importFile((file = writeFile("scale-broken.jsonl", N)), {
      afterAnalyse: () => writeFileSync(file, Array.from({ length: N }, (_, k) => (k + 1 === 5999 ? "{not json" : line(k + 1).text)).join("\n") + "\n"),
    });
    await expect(commitImport(id)).rejects.toThrow(/line 5999/);
    expect(await count()).toBe(N);
    expect(await db().stagedExample.count({ where: { importJobId: id } })).toBe(0);
    const job = await db().importJob.findUniqueOrThrow({ where: { id } });
    expect([job.status, job.message]).toEqual(["failed", expect.stringContaining("line 5999")]);
  });

  it("refuses validation + gold of 1 or more with a 422 that names the problem", async () => {
    const r = await call(splitRoute.POST, "POST", { params: { projectId }, body: { validation: 0.6, gold: 0.4, dryRun: false } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/validation \(0\.6\) \+ gold \(0\.4\) is 1; together they must stay under 1/);
    expect(await count({ split: "unassigned" })).toBe(N);
  });

  let applied = new Map<string, string>();
  it("splits every example, stratified per routing class, exactly as the preview said", async () => {
    const preview = await call(splitRoute.POST, "POST", { params: { projectId }, body: { validation: 0.1, gold: 0.1, seed: 7 } });
    const r = await call(splitRoute.POST, "POST", { params: { projectId }, body: { validation: 0.1, gold: 0.1, seed: 7, dryRun: false } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.assigned).toBe(N);
    for (const s of ["train", "validation", "gold", "unassigned"]) {
      expect(await count({ split: s }), s).toBe(preview.json.splits[s].examples);
    }
    const rows = await db().example.findMany({ where: { projectId }, select: { id: true, split: true } });
    applied = new Map(rows.map((x) => [x.id, x.split]));
    const n = (k: string) => [...classOf.values()].filter((v) => v === k).length;
    for (const k of ["no_tool", "track_order", "request_refund", "escalate"]) {
      const got = await db().example.groupBy({ by: ["split"], where: { projectId, targetTools: k === "no_tool" ? "" : `,${k},` }, _count: { _all: true } });
      const bySplit = Object.fromEntries(got.map((g) => [g.split, g._count._all]));
      expect(bySplit, k).toEqual({ gold: Math.round(n(k) * 0.1), validation: Math.round(n(k) * 0.1), train: n(k) - 2 * Math.round(n(k) * 0.1) });
    }
  });

  it("changes the split of every example by filter, with a revision each, and the same seed splits the same way again", async () => {
    const r = await call(bulkRoute.POST, "POST", { params: { projectId }, body: { filter: {}, set: { split: "unassigned" } } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toEqual({ matched: N, changed: N, unchanged: 0, skipped: { unlabelled: 0, invalid: 0, tooManyTags: 0 }, dryRun: false, changeId: expect.any(String) });
    expect(await count({ split: "unassigned", version: 2 })).toBe(N);
    expect(await db().exampleRevision.count({ where: { example: { projectId }, version: 2 } })).toBe(N);
    await call(splitRoute.POST, "POST", { params: { projectId }, body: { validation: 0.1, gold: 0.1, seed: 7, dryRun: false } });
    const again = await db().example.findMany({ where: { projectId }, select: { id: true, split: true } });
    expect(again.filter((x) => applied.get(x.id) !== x.split)).toEqual([]);
  });

  it("marks a whole split reviewed by filter, and a second run changes nothing", async () => {
    const val = await count({ split: "validation" });
    const body = { filter: { split: "validation" }, set: { reviewState: "reviewed" } };
    const r = await call(bulkRoute.POST, "POST", { params: { projectId }, body });
    expect(r.json).toEqual({ matched: val, changed: val, unchanged: 0, skipped: { unlabelled: 0, invalid: 0, tooManyTags: 0 }, dryRun: false, changeId: expect.any(String) });
    expect(await count({ reviewState: "reviewed" })).toBe(val);
    const again = await call(bulkRoute.POST, "POST", { params: { projectId }, body });
    expect(again.json).toMatchObject({ changed: 0, unchanged: val });
  });

  it("exports every trainable example of a split, one valid line each, in number order", async () => {
    const text = await (await exportRoute.GET(new Request("http://t/api?format=openai&split=train", { headers: { cookie: await sessionCookie("Test Author") } }), { params: Promise.resolve({ projectId }) })).text();
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.length).toBe(await count({ split: "train" }));
    const firstTrain = await db().example.findFirstOrThrow({ where: { projectId, split: "train" }, orderBy: { number: "asc" } });
    expect(lines[0].messages[1].content).toBe(firstTrain.request);
    expect(lines.filter((l) => l.messages.at(-1).tool_calls === undefined && l.messages.length === 3).length).toBe(await count({ split: "train", routingNoToolCount: 1 }));
    // Each line is exactly what the format's writer gives for the stored example (the catalogue's JSON is reused across lines).
    const { project, tools, prompt } = await activeCatalogue(projectId);
    const stored = await db().example.findMany({ where: { projectId, split: "train" }, orderBy: { number: "asc" }, take: 1500, select: { messages: true, systemPrompt: true } });
    const expected = stored.map((x) => JSON.stringify(writeOpenAI({ messages: parseMessages(x.messages) }, tools, { style: project.outputStyle, system: x.systemPrompt ?? prompt, parallelToolCalls: project.parallelToolCalls })));
    expect(text.split("\n").slice(0, 1500)).toEqual(expected);
    const all = await (await exportRoute.GET(new Request("http://t/api?format=trl&split=all", { headers: { cookie: await sessionCookie("Test Author") } }), { params: Promise.resolve({ projectId }) })).text();
    expect(all.trimEnd().split("\n").length).toBe(await count({ split: { in: ["train", "validation"] } }));
  });

  it("re-validates every affected example after a schema change, flags exactly the ones that broke, and clears them after the fix", async () => {
    process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT = "100000";
    const tool = await db().tool.findFirstOrThrow({ where: { projectId, name: "track_order" } });
    const strict = { ...TOOLS[0].parameters, required: ["order_id", "email"] };
    const broke = await updateTool(projectId, tool.id, { parameters: strict }, author);
    const calling = await count({ targetTools: ",track_order," });
    expect(broke.revalidation).toMatchObject({ mode: "inline", checked: calling, invalid: calling, newlyInvalid: calling });
    expect(await count({ invalid: true })).toBe(calling);
    const flagged = await db().example.findFirstOrThrow({ where: { projectId, invalid: true } });
    expect(flagged.issues).toContain("email");
    const fixed = await updateTool(projectId, tool.id, { parameters: TOOLS[0].parameters }, author);
    expect(fixed.revalidation).toMatchObject({ checked: calling, invalid: 0 });
    expect(await count({ invalid: true })).toBe(0);
    expect(await count({ targetTools: ",track_order,", validatedVersion: fixed.catalogueVersion })).toBe(calling);
    // A change that breaks nothing still records that every affected example was checked against it.
    const same = await updateTool(projectId, tool.id, { description: "Where an order is now" }, author);
    expect(same.revalidation).toMatchObject({ checked: calling, invalid: 0, newlyInvalid: 0 });
    expect(await count({ targetTools: ",track_order,", validatedVersion: same.catalogueVersion })).toBe(calling);
    delete process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT;
  });

  it("creates an eval on a gold split of every example: one pending result per example, in number order", async () => {
    await call(bulkRoute.POST, "POST", { params: { projectId }, body: { filter: {}, set: { split: "gold" } } });
    const endpoint = await db().endpoint.create({ data: { name: `scale endpoint ${Date.now()}`, baseUrl: "http://127.0.0.1:9/v1" } });
    const ev = await createEval(projectId, { target: { backend: "endpoint", endpointId: endpoint.id, model: "m" } }, author);
    expect(ev.total).toBe(N);
    const results = await db().evalResult.findMany({ where: { evalId: ev.id }, orderBy: { position: "asc" }, select: { exampleNumber: true, status: true } });
    expect(results.length).toBe(N);
    expect(results.every((r, i) => r.status === "pending" && (i === 0 || r.exampleNumber > results[i - 1].exampleNumber))).toBe(true);
    await db().eval.update({ where: { id: ev.id }, data: { status: "cancelled" } });
  });

  it("cleans up only its own staged rows while another import is staging in the same table", async () => {
    const other = await createProject({ name: `scale other ${Date.now()}`, outputStyle: "native_tools" });
    const otherJob = await registerImport(other.id, { fileName: "other.jsonl", filePath: writeFile("other.jsonl", 1), fileBytes: 1, format: "openai" }, author);
    const staged = { importJobId: otherJob, projectId: other.id, messages: "[]", request: "r", searchText: "r", targetKind: "no_tool", targetTools: "", decisionCount: 1, noToolCount: 1, split: "unassigned", reviewState: "labelled", invalid: false, issues: "[]", validatedVersion: 1, tags: "[]", source: "import:other.jsonl", contentHash: "0".repeat(64) };
    await db().stagedExample.createMany({ data: [{ ...staged, number: 1 }, { ...staged, number: 2 }] });
    const mine = await createProject({ name: `scale mine ${Date.now()}`, outputStyle: "native_tools" });
    const before = projectId;
    projectId = mine.id;
    try {
      const id = await importFile(writeFile("mine.jsonl", 50));
      expect(await commitImport(id)).toBe(50);
      expect(await db().stagedExample.count({ where: { importJobId: id } })).toBe(0);
      expect(await db().stagedExample.count({ where: { importJobId: otherJob } })).toBe(2);
    } finally {
      await db().stagedExample.deleteMany({ where: { importJobId: otherJob } });
      projectId = before;
      await deleteProject(mine.id);
      await deleteProject(other.id);
    }
  });

  it("deletes the project with its examples, revisions and eval results", async () => {
    await deleteProject(projectId);
    expect(await db().example.count({ where: { projectId } })).toBe(0);
    expect(await db().exampleRevision.count({ where: { example: { projectId } } })).toBe(0);
    expect(await db().evalResult.count({ where: { eval: { projectId } } })).toBe(0);
    expect(await db().project.findUnique({ where: { id: projectId } })).toBeNull();
    await expect(deleteProject(projectId)).rejects.toThrow(/does not exist/);
  });
});
