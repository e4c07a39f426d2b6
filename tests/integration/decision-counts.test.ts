// The gauge counts routing decisions (replies to a user message) and shows follow-ups (after a tool
// result) apart: on the shared Glaive files imported through the real import path, with the
// expected numbers computed here from the files themselves, and on a hand-built trace.
import { copyFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as examplesRoute from "@/app/api/projects/[projectId]/examples/route";
import * as toolsRoute from "@/app/api/projects/[projectId]/tools/route";
import * as statsRoute from "@/app/api/projects/[projectId]/stats/route";
import * as splitRoute from "@/app/api/projects/[projectId]/split/route";
import * as commitRoute from "@/app/api/projects/[projectId]/imports/[importId]/commit/route";
import * as importRoute from "@/app/api/projects/[projectId]/imports/[importId]/route";
import { disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { registerImport } from "@/lib/server/imports/imports";
import { loadGoldSet } from "@/lib/server/evals/gold";
import { call, testFilesDir } from "./helpers";

const SHARED = path.resolve("../shared/datasets");
const TMP = testFilesDir();

afterAll(() => disconnectDb());

interface Counts {
  routing: number;
  routingNoTool: number;
  followUps: number;
  chained: number;
}

/** One record's turns as (speaker, is-a-call, weight): the only facts the counting needs. */
type Turn = { who: "user" | "assistant" | "tool" | "system"; call: boolean; weight: number };

/** Counts by the rule users mean: a reply to a user routes, a reply after a tool result follows up. */
function countTurns(turns: Turn[]): Counts {
  const c = { routing: 0, routingNoTool: 0, followUps: 0, chained: 0 };
  let after: "user" | "tool" = "user";
  for (const t of turns) {
    if (t.who === "user" || t.who === "tool") after = t.who;
    if (t.who !== "assistant" || t.weight === 0) continue;
    if (after === "user") {
      c.routing += 1;
      if (!t.call) c.routingNoTool += 1;
    } else {
      c.followUps += 1;
      if (t.call) c.chained += 1;
    }
  }
  return c;
}

const add = (a: Counts, b: Counts): Counts => ({ routing: a.routing + b.routing, routingNoTool: a.routingNoTool + b.routingNoTool, followUps: a.followUps + b.followUps, chained: a.chained + b.chained });
const none: Counts = { routing: 0, routingNoTool: 0, followUps: 0, chained: 0 };

type ToolDecl = { name: string };

/**
 * The records whose tools agree with the first declaration of each name: Glaive declares some
 * names with different schemas, and the importer rejects records using a later variant, which is
 * not what this test is about.
 */
function consistent<R>(records: R[], toolsOf: (r: R) => ToolDecl[]): R[] {
  const first = new Map<string, string>();
  return records.filter((r) => {
    const decls = toolsOf(r);
    if (decls.some((t) => first.has(t.name) && first.get(t.name) !== JSON.stringify(t))) return false;
    for (const t of decls) if (!first.has(t.name)) first.set(t.name, JSON.stringify(t));
    return true;
  });
}

type ChatRecord = { messages: { role: string; tool_calls?: unknown[]; weight?: number }[]; tools?: { function: ToolDecl }[] };
type ShareGptRecord = { conversations: { from: string }[]; tools: string };

const SPEAKER: Record<string, Turn["who"]> = { human: "user", gpt: "assistant", function_call: "assistant", observation: "tool", system: "system" };

/** A file to import, and each record's counts with the line it starts on. */
interface Prepared {
  text: string;
  perRecord: { line: number; counts: Counts }[];
}

const FILES: Record<string, () => Prepared> = {
  openai: () => jsonl("glaive_toolcall_en_demo.openai.jsonl"),
  trl: () => jsonl("glaive_toolcall_en_demo.trl.jsonl"),
  sharegpt: () => {
    const all = JSON.parse(readFileSync(path.join(SHARED, "glaive_toolcall_en_demo.sharegpt.json"), "utf8")) as ShareGptRecord[];
    const kept = consistent(all, (r) => JSON.parse(r.tools || "[]") as ToolDecl[]);
    // One record per line, the bracket on the first: record i is on line i + 1 and is the (i + 1)th record.
    const perRecord = kept.map((r, i) => ({
      line: i + 1,
      counts: countTurns(r.conversations.map((m) => ({ who: SPEAKER[m.from], call: m.from === "function_call", weight: 1 }))),
    }));
    return { text: `[${kept.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`, perRecord };
  },
};

function jsonl(name: string): Prepared {
  const all = readFileSync(path.join(SHARED, name), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ChatRecord);
  const kept = consistent(all, (r) => (r.tools ?? []).map((t) => t.function));
  const perRecord = kept.map((r, i) => ({
    line: i + 1,
    counts: countTurns(r.messages.map((m) => ({ who: m.role as Turn["who"], call: (m.tool_calls?.length ?? 0) > 0, weight: m.weight ?? 1 }))),
  }));
  return { text: kept.map((r) => JSON.stringify(r)).join("\n") + "\n", perRecord };
}

async function importFile(projectId: string, file: string) {
  const local = path.join(TMP, `${Date.now()}-${path.basename(file)}`);
  copyFileSync(file, local);
  const author = await resolveAuthor("Importer");
  const id = await registerImport(projectId, { fileName: path.basename(file), filePath: local, fileBytes: statSync(local).size, format: "auto" }, author);
  await analyseImport(id);
  const r = await call(commitRoute.POST, "POST", { params: { projectId, importId: id }, body: { keepValid: true, skipDuplicates: false } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  await commitImport(id);
  return (await call(importRoute.GET, "GET", { params: { projectId, importId: id } })).json;
}

async function statsOf(projectId: string) {
  return (await call(statsRoute.GET, "GET", { params: { projectId } })).json;
}

describe("decisions counted as users mean them", () => {
  for (const [format, load] of Object.entries(FILES)) {
    it(`counts the Glaive sample (${format}) by routing decisions, with its answers after tool results apart`, async () => {
      const { text, perRecord } = load();
      const file = path.join(TMP, `glaive-counts.${format === "sharegpt" ? "json" : "jsonl"}`);
      writeFileSync(file, text);
      const pid = (await call(projects.POST, "POST", { body: { name: `Glaive counts ${format}`, outputStyle: "native_tools" } })).json.id as string;
      const job = await importFile(pid, file);
      // A few Glaive calls break their own line's schema (a string where a number is declared): the
      // importer rejects those lines, and the sum leaves them out. The sample lists every one.
      expect(job.errorCount).toBeLessThan(10);
      expect(job.errorSample).toHaveLength(job.errorCount);
      const rejected = new Set((job.errorSample as { line: number }[]).map((e) => e.line));
      const imported = perRecord.filter((r) => !rejected.has(r.line));
      expect(job).toMatchObject({ status: "done", importedCount: imported.length });
      const expected = imported.map((r) => r.counts).reduce(add, none);
      const records = imported.length;

      // The sample's shape: many plain conversations, tool calls answered once, no chained call.
      expect(expected.routing).toBeGreaterThan(500);
      expect(expected.followUps).toBeGreaterThan(50);
      expect(expected.chained).toBe(0);

      const s = await statsOf(pid);
      expect(s.totals.labelled).toBe(records);
      expect(s.overall).toMatchObject({
        decisions: expected.routing,
        noTool: expected.routingNoTool,
        toolCalls: expected.routing - expected.routingNoTool,
        followUps: { decisions: expected.followUps, answers: expected.followUps - expected.chained, calls: expected.chained },
      });
      expect(s.overall.ratio).toBeCloseTo(expected.routingNoTool / expected.routing, 12);
      // Counting every decision, as before, would have read each answer after a tool result as a no_tool.
      const naive = (expected.routingNoTool + expected.followUps) / (expected.routing + expected.followUps);
      expect(naive).toBeGreaterThan(s.overall.ratio);

      // The split preview distributes the same routing decisions and follow-ups over its splits.
      const preview = (await call(splitRoute.POST, "POST", { params: { projectId: pid }, body: { validation: 0.1, gold: 0.1, seed: 3 } })).json;
      const splits = Object.values(preview.splits) as { ratio: { decisions: number; noTool: number; followUps: { decisions: number } } }[];
      expect(splits.reduce((n, x) => n + x.ratio.decisions, 0)).toBe(expected.routing);
      expect(splits.reduce((n, x) => n + x.ratio.noTool, 0)).toBe(expected.routingNoTool);
      expect(splits.reduce((n, x) => n + x.ratio.followUps.decisions, 0)).toBe(expected.followUps);
    });
  }

  it("counts a hand-built chained-call trace as one routing call and two follow-ups, beside a plain decline", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "Trace counts", outputStyle: "native_tools" } })).json.id as string;
    for (const [name, arg] of [["search_flights", "to"], ["book_flight", "flight"]]) {
      const parameters = { type: "object", properties: { [arg]: { type: "string" } }, required: [arg] };
      expect((await call(toolsRoute.POST, "POST", { params: { projectId: pid }, body: { name, description: name, parameters } })).status).toBe(201);
    }
    const trace = [
      { role: "user", content: "Book the cheapest flight to Oslo" },
      { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "search_flights", arguments: { to: "OSL" } }] } },
      { role: "tool", name: "search_flights", content: '{"cheapest":"SK123"}' },
      { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "book_flight", arguments: { flight: "SK123" } }] } },
      { role: "tool", name: "book_flight", content: '{"ok":true}' },
      { role: "assistant", decision: { kind: "no_tool", reason: "answers with the booking" }, content: "Booked SK123." },
    ];
    const decline = [
      { role: "user", content: "Thanks!" },
      { role: "assistant", decision: { kind: "no_tool", reason: "a thank-you needs no tool" }, content: "You're welcome." },
    ];
    for (const messages of [trace, decline]) {
      const r = await call(examplesRoute.POST, "POST", { params: { projectId: pid }, body: { messages, reviewState: "reviewed", split: "gold" } });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
    }
    const s = await statsOf(pid);
    expect(s.overall).toMatchObject({ decisions: 2, noTool: 1, toolCalls: 1, ratio: 0.5, followUps: { decisions: 2, answers: 1, calls: 1 } });
    expect(s.perSplit.gold).toMatchObject({ decisions: 2, noTool: 1, followUps: { decisions: 2, answers: 1, calls: 1 } });
    expect(s.perSplit.train).toMatchObject({ decisions: 0, ratio: null, followUps: { decisions: 0, answers: 0, calls: 0 } });

    // An eval of this gold split scores the two routing decisions and reports the follow-ups apart.
    const gold = await loadGoldSet(pid, { split: "gold" });
    expect(gold.items.map((i) => [i.goldLabel, i.turns.length])).toEqual([["search_flights", 1], ["no_tool", 1]]);
    expect(gold.followUps).toEqual({ decisions: 2, answers: 1, calls: 1 });
    // "no_tool only" means the routing decision declines: the trace's final answer does not make it one.
    const declines = await loadGoldSet(pid, { split: "gold", only: { kind: "no_tool" } });
    expect(declines.items.map((i) => i.request)).toEqual(["Thanks!"]);
    expect(declines.followUps).toEqual({ decisions: 0, answers: 0, calls: 0 });
  });
});
