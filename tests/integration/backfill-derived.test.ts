// Rows written before routing and follow-up decisions were counted (derivedVersion 0, the new
// columns 0) get them recomputed from their messages, at thousands of rows, on either database.
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as statsRoute from "@/app/api/projects/[projectId]/stats/route";
import * as examplesRoute from "@/app/api/projects/[projectId]/examples/route";
import type { Message } from "@/lib/schemas/example";
import { db, disconnectDb } from "@/lib/server/db";
import { backfillDerived, BACKFILL_BATCH } from "@/lib/server/examples/backfill-derived";
import { DERIVED_VERSION } from "@/lib/server/examples/derive";
import { call } from "./helpers";

afterAll(() => disconnectDb());

const user = (content: string): Message => ({ role: "user", content });
const call1 = (name: string): Message => ({ role: "assistant", decision: { kind: "tool_calls", calls: [{ name, arguments: { q: "x" } }] }, weight: 1 });
const reply = (text: string, weight: 0 | 1 = 1): Message => ({ role: "assistant", decision: { kind: "no_tool", reason: text }, content: text, weight });
const result = (name: string): Message => ({ role: "tool", name, content: "{\"ok\":true}" });

/**
 * Three shapes, with what each holds by hand:
 * - trace: user → call → tool → chained call → tool → answer: 1 routing call; 2 follow-ups (1 answer, 1 chained call)
 * - decline: user → no_tool: 1 routing no_tool
 * - chat: user → no_tool (weight 0, context) → user → call → tool → answer: 1 routing call; 1 follow-up answer
 */
const SHAPES = {
  trace: { messages: (i: number) => [user(`find ${i}`), call1("search"), result("search"), call1("fetch"), result("fetch"), reply("here it is")], routing: 1, noTool: 0, followUps: 2, calls: 1, decisions: 3, oldNoTool: 1 },
  decline: { messages: (i: number) => [user(`hello ${i}`), reply("a greeting")], routing: 1, noTool: 1, followUps: 0, calls: 0, decisions: 1, oldNoTool: 1 },
  chat: { messages: (i: number) => [user(`hi ${i}`), reply("hello", 0), user(`look up ${i}`), call1("search"), result("search"), reply("found it")], routing: 1, noTool: 0, followUps: 1, calls: 0, decisions: 2, oldNoTool: 1 },
} as const;
const ORDER = ["trace", "decline", "trace", "chat", "trace", "decline", "chat"] as const;

/** Inserts rows as ToolTune before version 2 stored them: the old columns filled, the new ones at their defaults. */
async function insertOldRows(projectId: string, n: number) {
  const rows = Array.from({ length: n }, (_, i) => {
    const shape = SHAPES[ORDER[i % ORDER.length]];
    return {
      projectId,
      number: i + 1,
      messages: JSON.stringify(shape.messages(i)),
      request: "",
      targetKind: "no_tool",
      decisionCount: shape.decisions,
      noToolCount: shape.oldNoTool,
      reviewState: "labelled",
      split: i % 10 === 0 ? "validation" : "train",
      issues: "[]",
      tags: "[]",
      derivedVersion: 0,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db().example.createMany({ data: rows.slice(i, i + 1000) });
  return rows;
}

function expectedSums(n: number) {
  const sum = { routing: 0, noTool: 0, followUps: 0, calls: 0 };
  for (let i = 0; i < n; i++) {
    const s = SHAPES[ORDER[i % ORDER.length]];
    sum.routing += s.routing;
    sum.noTool += s.noTool;
    sum.followUps += s.followUps;
    sum.calls += s.calls;
  }
  return sum;
}

async function storedSums(projectId: string) {
  const agg = await db().example.aggregate({
    where: { projectId },
    _sum: { routingCount: true, routingNoToolCount: true, followUpCount: true, followUpCallCount: true },
  });
  return { routing: agg._sum.routingCount, noTool: agg._sum.routingNoToolCount, followUps: agg._sum.followUpCount, calls: agg._sum.followUpCallCount };
}

describe("derived columns backfill", () => {
  it("recomputes the decision kinds of 5,600 rows an older version wrote, and the gauge reads them", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "Backfill", outputStyle: "native_tools" } })).json.id as string;
    const n = 5_600; // more than ten batches
    expect(n).toBeGreaterThan(10 * BACKFILL_BATCH);
    await backfillDerived(); // rows other test files wrote raw, with default columns, are not this test's
    await insertOldRows(pid, n);
    // One unreadable row: it keeps its old columns, and the backfill says which one.
    await db().example.create({ data: { projectId: pid, number: n + 1, messages: "{ not json", issues: "[]", tags: "[]", reviewState: "draft", derivedVersion: 0 } });
    expect(await storedSums(pid)).toEqual({ routing: 0, noTool: 0, followUps: 0, calls: 0 });
    const search = async () => (await call(examplesRoute.GET, "GET", { params: { projectId: pid }, query: { q: "look up 5599" } })).json;
    expect((await search()).total).toBe(0); // the old rows' search text is empty until the backfill

    const r = await backfillDerived();
    expect(r.updated).toBe(n);
    expect(r.skipped.filter((x) => x.projectId === pid)).toEqual([expect.objectContaining({ table: "Example", projectId: pid, number: n + 1, reason: expect.stringMatching(/JSON/) })]);

    const want = expectedSums(n);
    expect(await storedSums(pid)).toEqual(want);
    expect(await db().example.count({ where: { projectId: pid, derivedVersion: DERIVED_VERSION } })).toBe(n);
    const one = await db().example.findFirstOrThrow({ where: { projectId: pid, number: 1 } });
    expect(one).toMatchObject({ request: "find 0", targetKind: "no_tool", targetTools: ",search,fetch,", decisionCount: 3, noToolCount: 1, routingCount: 1, routingNoToolCount: 0, followUpCount: 2, followUpCallCount: 1, needsReason: false });

    const stats = (await call(statsRoute.GET, "GET", { params: { projectId: pid } })).json;
    expect(stats.overall).toMatchObject({ decisions: want.routing, noTool: want.noTool, followUps: { decisions: want.followUps, calls: want.calls, answers: want.followUps - want.calls } });
    expect(stats.overall.ratio).toBeCloseTo(want.noTool / want.routing, 12);

    // The search text is among the recomputed columns: the old rows are found by their words.
    expect((await search()).items.map((e: { number: number }) => e.number)).toEqual([5600]);

    // A second run finds nothing left to do and leaves rows as they are.
    const again = await backfillDerived();
    expect(again.updated).toBe(0);
  });

  it("leaves a row that was saved with current columns while it ran as the save wrote it", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: "Backfill race", outputStyle: "native_tools" } })).json.id as string;
    await insertOldRows(pid, 3);
    // Saved by the current code between the backfill's read and write: already the current version.
    await db().example.updateMany({ where: { projectId: pid, number: 2 }, data: { derivedVersion: DERIVED_VERSION, routingCount: 7 } });
    const r = await backfillDerived();
    expect(r.updated).toBe(2);
    const rows = await db().example.findMany({ where: { projectId: pid }, orderBy: { number: "asc" }, select: { routingCount: true } });
    expect(rows.map((x) => x.routingCount)).toEqual([1, 7, 1]);
  });
});
