// No negative lost on import: plain assistant replies in OpenAI files are no_tool decisions. In a
// router_json project they land as drafts needing a reason (never rejected), the list filters them,
// and once a reason is written through the API they count in the gauge. Sized at 5,000 lines.
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as examplesRoute from "@/app/api/projects/[projectId]/examples/route";
import * as exampleRoute from "@/app/api/projects/[projectId]/examples/[exampleId]/route";
import * as statsRoute from "@/app/api/projects/[projectId]/stats/route";
import * as commitRoute from "@/app/api/projects/[projectId]/imports/[importId]/commit/route";
import * as importRoute from "@/app/api/projects/[projectId]/imports/[importId]/route";
import type { ExampleDto, Message } from "@/lib/schemas/example";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { registerImport } from "@/lib/server/imports/imports";
import { call, testFilesDir } from "./helpers";

const TMP = testFilesDir();
afterAll(() => disconnectDb());

const LINES = 5000;
const tools = [
  {
    type: "function",
    function: {
      name: "track_order",
      description: "Where an order is",
      parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
    },
  },
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Weather in a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];
const callOf = (id: string, name: string, args: object) => ({ id, type: "function", function: { name, arguments: JSON.stringify(args) } });

/** Line i: 15% plain replies (the negatives), 5% call → result → answer traces, the rest one call. */
function line(i: number) {
  const kind = i % 20 < 3 ? "plain" : i % 20 === 3 ? "trace" : "call";
  const messages: unknown[] = [{ role: "system", content: "You route support requests." }];
  if (kind === "plain") {
    messages.push({ role: "user", content: `hello there, number ${i}` }, { role: "assistant", content: `Hi! How can I help you today (${i})?` });
  } else if (kind === "trace") {
    messages.push(
      { role: "user", content: `where is order ${i}?` },
      { role: "assistant", content: null, tool_calls: [callOf(`c${i}`, "track_order", { order_id: `O-${i}` })] },
      { role: "tool", tool_call_id: `c${i}`, content: '{"status":"shipped"}' },
      { role: "assistant", content: `Order O-${i} has shipped.` },
    );
  } else {
    messages.push(
      { role: "user", content: `weather in city ${i}?` },
      { role: "assistant", content: null, tool_calls: [callOf(`c${i}`, "get_weather", { city: `City ${i}` })] },
    );
  }
  return { kind, text: JSON.stringify({ messages, tools }) };
}

const generated = Array.from({ length: LINES }, (_, i) => line(i));
const PLAIN = generated.filter((l) => l.kind === "plain").length;
const FILE = path.join(TMP, `plain-replies-${process.pid}.jsonl`);
writeFileSync(FILE, generated.map((l) => l.text).join("\n") + "\n");

async function newProject(name: string, outputStyle: "router_json" | "native_tools") {
  return (await call(projects.POST, "POST", { body: { name, outputStyle } })).json.id as string;
}

/** Analyses and imports a file as the worker would, refusing on any rejected line (keepValid false). */
async function importStrict(projectId: string, file: string) {
  const author = await resolveAuthor("Importer");
  const id = await registerImport(projectId, { fileName: path.basename(file), filePath: file, fileBytes: statSync(file).size, format: "auto" }, author);
  await analyseImport(id);
  const analysed = (await call(importRoute.GET, "GET", { params: { projectId, importId: id } })).json;
  const r = await call(commitRoute.POST, "POST", { params: { projectId, importId: id }, body: { keepValid: false, skipDuplicates: false } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  await commitImport(id);
  const done = (await call(importRoute.GET, "GET", { params: { projectId, importId: id } })).json;
  return { analysed, done };
}

const list = async (projectId: string, query: Record<string, string>) =>
  (await call(examplesRoute.GET, "GET", { params: { projectId }, query })).json;
const stats = async (projectId: string) => (await call(statsRoute.GET, "GET", { params: { projectId } })).json;

async function storedMessages(projectId: string): Promise<Message[][]> {
  const rows = await db().example.findMany({ where: { projectId }, orderBy: { number: "asc" }, select: { messages: true } });
  return rows.map((r) => JSON.parse(r.messages));
}

describe("plain replies imported into a router_json project", () => {
  let routerId = "";

  it("rejects no line: every plain reply lands as a draft needing a reason, its reply text kept", async () => {
    routerId = await newProject("Plain replies (router)", "router_json");
    const { analysed, done } = await importStrict(routerId, FILE);
    expect(analysed).toMatchObject({ status: "ready", total: LINES, validCount: LINES, errorCount: 0, needsReasonCount: PLAIN });
    expect(done).toMatchObject({ status: "done", importedCount: LINES, skippedCount: 0, needsReasonCount: PLAIN });

    const flagged = await list(routerId, { needsReason: "true", pageSize: "200" });
    expect(flagged.total).toBe(PLAIN);
    expect((await stats(routerId)).totals).toMatchObject({ needsReason: PLAIN, draft: PLAIN });
    expect(flagged.items.every((e: { needsReason: boolean; reviewState: string; targetKind: string }) => e.needsReason && e.reviewState === "draft" && e.targetKind === "no_tool")).toBe(true);
    // Answers that use a tool result are follow-ups: their text is the target, so they are not flagged.
    expect((await list(routerId, { review: "draft" })).total).toBe(PLAIN);

    const first = (await call(exampleRoute.GET, "GET", { params: { projectId: routerId, exampleId: flagged.items[0].id } })).json as ExampleDto;
    expect(first.messages.at(-1)).toEqual({ role: "assistant", decision: { kind: "no_tool", reason: "" }, content: "Hi! How can I help you today (0)?", weight: 1 });
    expect(first.issues).toEqual([{ path: "messages.1.reason", message: expect.stringMatching(/^say why no tool is called/) }]);
  });

  it("counts an example in the gauge once its reason is written through the examples API, and drops it from the filter", async () => {
    const before = await stats(routerId);
    const flagged = await list(routerId, { needsReason: "true", pageSize: "3" });
    for (const item of flagged.items) {
      const ex = (await call(exampleRoute.GET, "GET", { params: { projectId: routerId, exampleId: item.id } })).json as ExampleDto;
      const messages = ex.messages.map((m) => (m.role === "assistant" && m.decision.kind === "no_tool" ? { ...m, decision: { kind: "no_tool", reason: "greeting / small talk" } } : m));
      const saved = await call(exampleRoute.PUT, "PUT", { params: { projectId: routerId, exampleId: item.id }, body: { messages, version: ex.version } });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      expect(saved.json).toMatchObject({ reviewState: "labelled", invalid: false, issues: [] });
    }
    const after = await stats(routerId);
    expect(after.overall.decisions - before.overall.decisions).toBe(3);
    expect(after.overall.noTool - before.overall.noTool).toBe(3);
    expect(after.totals.draft).toBe(before.totals.draft - 3);
    expect((await list(routerId, { needsReason: "true" })).total).toBe(PLAIN - 3);
    expect(after.totals.needsReason).toBe(PLAIN - 3);
  });

  it("imports the same file into a native_tools project as before: nothing flagged, the same stored turns", async () => {
    const nativeId = await newProject("Plain replies (native)", "native_tools");
    const { analysed, done } = await importStrict(nativeId, FILE);
    expect(analysed).toMatchObject({ validCount: LINES, errorCount: 0, needsReasonCount: 0 });
    expect(done.importedCount).toBe(LINES);
    expect((await list(nativeId, { needsReason: "true" })).total).toBe(0);
    expect((await list(nativeId, { review: "draft" })).total).toBe(0);
    expect((await stats(nativeId)).totals).toMatchObject({ invalid: 0, needsReason: 0 });
    // The router project's three edited examples aside, both projects store the same conversations.
    const [router, native] = [await storedMessages(routerId), await storedMessages(nativeId)];
    const differing = router.flatMap((m, i) => (JSON.stringify(m) === JSON.stringify(native[i]) ? [] : [i]));
    expect(differing).toHaveLength(3);
  });
});

describe("router-format files in a native_tools project", () => {
  it("takes a no_tool line without a reason as a draft needing one instead of rejecting it", async () => {
    const pid = await newProject("Router file (native)", "native_tools");
    const file = path.join(TMP, `router-lines-${process.pid}.jsonl`);
    const router = (user: string, content: string) => JSON.stringify({ messages: [{ role: "user", content: user }, { role: "assistant", content }] });
    writeFileSync(
      file,
      [
        router("hi", '{"tool": "no_tool", "reason": "greeting / small talk"}'),
        router("hmm", '{"tool": "no_tool"}'),
        router("where is O-1?", '{"tool": "track_order", "arguments": {"order_id": "O-1"}}'),
      ].join("\n") + "\n",
    );
    await db().tool.create({ data: { projectId: pid, name: "track_order", description: "", parameters: JSON.stringify(tools[0].function.parameters), position: 0 } });
    const { analysed, done } = await importStrict(pid, file);
    expect(analysed).toMatchObject({ format: "router", errorCount: 0, needsReasonCount: 1 });
    expect(done.importedCount).toBe(3);
    const flagged = await list(pid, { needsReason: "true" });
    expect(flagged.items.map((e: { request: string; reviewState: string }) => [e.request, e.reviewState])).toEqual([["hmm", "draft"]]);
    expect((await list(pid, { review: "labelled" })).total).toBe(2);
  });
});

describe("the needs-a-reason filter", () => {
  it("refuses a value other than true, naming the parameter", async () => {
    const pid = await newProject("Filter values", "router_json");
    const r = await call(examplesRoute.GET, "GET", { params: { projectId: pid }, query: { needsReason: "yes" } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/needsReason must be "true"/);
  });
});
