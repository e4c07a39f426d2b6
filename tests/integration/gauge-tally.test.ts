// The gauge reads a tally that database triggers keep (migration 0010_gauge_tally). After every kind
// of write (editor saves, bulk inserts, the split, bulk changes, re-validation, deletes, a project
// deleted) its numbers must equal a count of the examples themselves, computed here row by row.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as tool from "@/app/api/projects/[projectId]/tools/[toolId]/route";
import * as examples from "@/app/api/projects/[projectId]/examples/route";
import * as example from "@/app/api/projects/[projectId]/examples/[exampleId]/route";
import * as bulkRoute from "@/app/api/projects/[projectId]/examples/bulk/route";
import * as splitRoute from "@/app/api/projects/[projectId]/split/route";
import * as undoRoute from "@/app/api/projects/[projectId]/examples/bulk/[changeId]/undo/route";
import * as statsRoute from "@/app/api/projects/[projectId]/stats/route";
import type { Message } from "@/lib/schemas/example";
import type { ProjectStatsDto } from "@/lib/schemas/stats";
import { ratioOf } from "@/lib/gauge";
import { writeSteps } from "@/lib/server/bulk";
import { db, dbKind, disconnectDb } from "@/lib/server/db";
import { deleteProject } from "@/lib/server/projects/projects";
import { revalidateExamples } from "@/lib/server/examples/revalidate";
import { splitCounts } from "@/lib/server/runs/snapshot";
import { call, orderSchema, routerExample } from "./helpers";
import { insertExamples } from "./bulk-examples";

afterAll(() => disconnectDb());

const SPLITS = ["train", "validation", "gold", "unassigned"] as const;

/** The gauge's numbers counted from the examples one by one, as the gauge defines them. */
async function countedStats(projectId: string): Promise<Pick<ProjectStatsDto, "overall" | "perSplit" | "totals"> & { perTool: Record<string, number> }> {
  const rows = await db().example.findMany({ where: { projectId } });
  const labelled = rows.filter((r) => r.reviewState === "labelled" || r.reviewState === "reviewed");
  const ratio = (list: typeof rows) => {
    const sum = (k: "routingCount" | "routingNoToolCount" | "followUpCount" | "followUpCallCount") => list.reduce((a, r) => a + r[k], 0);
    const f = sum("followUpCount");
    const c = sum("followUpCallCount");
    return ratioOf(sum("routingNoToolCount"), sum("routingCount"), { decisions: f, answers: f - c, calls: c });
  };
  const perTool: Record<string, number> = {};
  for (const r of labelled) for (const name of r.targetTools.split(",").filter(Boolean)) perTool[name] = (perTool[name] ?? 0) + 1;
  return {
    overall: ratio(labelled),
    perSplit: Object.fromEntries(SPLITS.map((s) => [s, ratio(labelled.filter((r) => r.split === s))])) as ProjectStatsDto["perSplit"],
    perTool,
    totals: {
      examples: rows.length,
      draft: rows.filter((r) => r.reviewState === "draft").length,
      labelled: rows.filter((r) => r.reviewState === "labelled").length,
      reviewed: rows.filter((r) => r.reviewState === "reviewed").length,
      invalid: rows.filter((r) => r.invalid).length,
      unlabelled: rows.filter((r) => r.targetKind === "unlabelled").length,
      needsReason: rows.filter((r) => r.needsReason && r.issues.includes('.reason"')).length,
    },
  };
}

/** The gauge as the API serves it equals the count; returns it for further checks. */
async function expectExact(projectId: string): Promise<ProjectStatsDto> {
  const served = (await call(statsRoute.GET, "GET", { params: { projectId } })).json as ProjectStatsDto;
  const counted = await countedStats(projectId);
  expect({ ...served, perTool: Object.fromEntries(served.perTool.filter((t) => t.count > 0).map((t) => [t.name, t.count])) }).toEqual(counted);
  await expectRunCounts(projectId);
  return served;
}

/** What a run would train on (the run preview, the frozen snapshot) equals a count of the trainable examples. */
async function expectRunCounts(projectId: string) {
  const rows = await db().example.findMany({ where: { projectId, reviewState: { in: ["labelled", "reviewed"] }, invalid: false } });
  for (const split of ["train", "validation"] as const) {
    const of = rows.filter((r) => r.split === split);
    const sum = (k: "routingCount" | "routingNoToolCount" | "followUpCount" | "followUpCallCount") => of.reduce((a, r) => a + r[k], 0);
    const f = sum("followUpCount");
    const c = sum("followUpCallCount");
    expect(await splitCounts(projectId, split), split).toEqual({ examples: of.length, ratio: ratioOf(sum("routingNoToolCount"), sum("routingCount"), { decisions: f, answers: f - c, calls: c }) });
  }
}

const user = (content: string): Message => ({ role: "user", content });
const callOf = (name: string, args: Record<string, unknown>): Message => ({ role: "assistant", decision: { kind: "tool_calls", calls: [{ name, arguments: args }] }, weight: 1 });
const answer = (text: string): Message => ({ role: "assistant", decision: { kind: "no_tool", reason: text }, content: text, weight: 1 });
const result = (name: string): Message => ({ role: "tool", name, content: '{"ok":true}' });

/** Four shapes: a call, a decline, a traced call with a follow-up answer, a chained call. */
function shape(i: number): Message[] {
  const order = `ORD-${String(i % 100_000).padStart(5, "0")}`;
  switch (i % 4) {
    case 0:
      return [user(`where is ${order}`), callOf("track_order", { order_id: order })];
    case 1:
      return [user(`hello ${i}`), answer("a greeting")];
    case 2:
      return [user(`status of ${order}`), callOf("track_order", { order_id: order }), result("track_order"), answer("it is on its way")];
    default:
      return [user(`complain ${i}`), callOf("track_order", { order_id: order }), result("track_order"), callOf("escalate", { summary: "late", priority: "high" }), result("escalate"), answer("escalated")];
  }
}

let pid = "";
let other = "";

beforeAll(async () => {
  pid = (await call(projects.POST, "POST", { body: { name: "Tally" } })).json.id;
  other = (await call(projects.POST, "POST", { body: { name: "Tally neighbour" } })).json.id;
  for (const p of [pid, other]) {
    await call(tools.POST, "POST", { params: { projectId: p }, body: { name: "track_order", description: "Look up an order", parameters: orderSchema } });
    await call(tools.POST, "POST", {
      params: { projectId: p },
      body: { name: "escalate", description: "Hand over", parameters: { type: "object", properties: { summary: { type: "string" }, priority: { type: "string", enum: ["low", "high"] } }, required: ["summary", "priority"] } },
    });
  }
});

describe("gauge tally", () => {
  it("counts editor saves: labelled, invalid, unlabelled and needing a reason", async () => {
    const p = { projectId: pid };
    await call(examples.POST, "POST", { params: p, body: { ...routerExample("Where is ORD-00001?", { tool: "track_order", args: { order_id: "ORD-00001" } }), split: "train" } });
    await call(examples.POST, "POST", { params: p, body: routerExample("hi there", { noTool: "greeting" }) });
    await call(examples.POST, "POST", { params: p, body: routerExample("escalate now", { tool: "escalate", args: { priority: "urgent" } }) });
    await call(examples.POST, "POST", { params: p, body: { messages: [user("new request"), { role: "assistant", decision: { kind: "unlabelled" } }] } });
    const blank = await call(examples.POST, "POST", { params: p, body: routerExample("hmm", { noTool: "  " }) });
    expect(blank.json.issues[0].path).toBe("messages.1.reason");
    const s = await expectExact(pid);
    expect(s.totals).toMatchObject({ examples: 5, labelled: 2, invalid: 2, unlabelled: 1 });
    expect(s.totals.needsReason).toBe(1);

    // A relabel and a move to another split, saved in the editor.
    const greeting = (await call(examples.GET, "GET", { params: p, query: { kind: "no_tool", invalid: "false" } })).json.items[0];
    const full = (await call(example.GET, "GET", { params: { projectId: pid, exampleId: greeting.id } })).json;
    const relabelled = { ...full.messages[1], decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-00002" } }] } };
    const saved = await call(example.PUT, "PUT", { params: { projectId: pid, exampleId: greeting.id }, body: { version: full.version, messages: [full.messages[0], relabelled], split: "gold" } });
    expect(saved.status).toBe(200);
    expect((await expectExact(pid)).perSplit.gold).toMatchObject({ decisions: 1, noTool: 0 });
  });

  it("counts thousands of rows written at once, with follow-ups apart, in two projects", async () => {
    await insertExamples(pid, 2_400, (i) => ({ messages: shape(i), split: "unassigned", reviewState: i % 10 === 9 ? "draft" : "labelled" }));
    await insertExamples(other, 600, (i) => ({ messages: shape(i + 1), split: i % 2 ? "train" : "unassigned" }));
    const s = await expectExact(pid);
    expect(s.overall.followUps).toMatchObject({ decisions: expect.any(Number), calls: expect.any(Number) });
    expect(s.overall.followUps!.decisions).toBeGreaterThan(1000);
    await expectExact(other);
  });

  it("follows the split, bulk changes and re-validation", async () => {
    const applied = await call(splitRoute.POST, "POST", { params: { projectId: pid }, body: { validation: 0.1, gold: 0.1, seed: 5, dryRun: false } });
    expect(applied.json.assigned).toBeGreaterThan(2000);
    const afterSplit = await expectExact(pid);
    expect(afterSplit.perSplit.unassigned.decisions).toBe(0);
    // The run counts compared in expectExact leave out drafts (one in ten here) and, below, invalid examples.
    expect((await splitCounts(pid, "train")).examples).toBeGreaterThan(1000);

    const reviewed = await call(bulkRoute.POST, "POST", { params: { projectId: pid }, body: { filter: { split: "train" }, set: { reviewState: "reviewed" } } });
    expect(reviewed.json.changed).toBeGreaterThan(1000);
    await expectExact(pid);
    const moved = await call(bulkRoute.POST, "POST", { params: { projectId: pid }, body: { filter: { split: "gold" }, set: { reviewState: "draft", split: "validation" } } });
    expect(moved.json.changed).toBeGreaterThan(100);
    await expectExact(pid);
    // A move to the trash takes the examples out of every count, and its undo puts them back.
    const trashed = await call(bulkRoute.POST, "POST", { params: { projectId: pid }, body: { filter: { split: "validation" }, trash: true } });
    expect(trashed.json.changed).toBeGreaterThan(100);
    expect((await expectExact(pid)).perSplit.validation.decisions).toBe(0);
    const undone = await call(undoRoute.POST, "POST", { params: { projectId: pid, changeId: trashed.json.changeId } });
    expect(undone.json).toEqual({ restored: trashed.json.changed, keptNewer: 0 });
    expect((await expectExact(pid)).perSplit.validation.decisions).toBeGreaterThan(100);

    // escalate now requires "reason": every chained example turns invalid, then valid again.
    const strict = { type: "object", properties: { summary: { type: "string" }, priority: { type: "string", enum: ["low", "high"] }, reason: { type: "string" } }, required: ["summary", "priority", "reason"] };
    const escalate = (await db().tool.findFirstOrThrow({ where: { projectId: pid, name: "escalate" } })).id;
    expect((await call(tool.PATCH, "PATCH", { params: { projectId: pid, toolId: escalate }, body: { parameters: strict } })).status).toBe(200);
    await revalidateExamples(pid, null);
    const strictStats = await expectExact(pid);
    expect(strictStats.totals.invalid).toBeGreaterThan(500);
    const loose = { ...strict, required: ["summary", "priority"] };
    await call(tool.PATCH, "PATCH", { params: { projectId: pid, toolId: escalate }, body: { parameters: loose } });
    await revalidateExamples(pid, null);
    expect((await expectExact(pid)).totals.invalid).toBeLessThan(strictStats.totals.invalid);
  });

  it("is what the migration's backfill computes for a database that had examples before it", async () => {
    // The statement 0010 runs on existing rows, pointed at a scratch table: same rows as the triggers kept.
    const sql = readFileSync(`prisma/${dbKind()}/migrations/0010_gauge_tally/migration.sql`, "utf8");
    const backfill = /INSERT INTO "ExampleTally"\s+SELECT[^;]+;/.exec(sql)?.[0];
    expect(backfill).toBeDefined();
    const columns = `"split", "reviewState", "invalid", "unlabelled", "needsReason", "targetTools", "examples", "routing", "routingNoTool", "followUps", "followUpCalls"`;
    const read = async (table: string) => {
      const rows = await db().$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${columns} FROM "${table}" WHERE "projectId" = ${dbKind() === "postgres" ? "$1" : "?"} AND "examples" <> 0 ORDER BY 1, 2, 3, 4, 5, 6`, pid);
      // A table made by CREATE TABLE AS keeps no declared types: compare values, not how the driver typed them.
      return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" ? v : Number(v)])));
    };
    await db().$executeRawUnsafe(`CREATE TABLE "ExampleTallyCheck" AS SELECT * FROM "ExampleTally" WHERE 1 = 0`);
    try {
      await db().$executeRawUnsafe(backfill!.replace('"ExampleTally"', '"ExampleTallyCheck"'));
      const kept = await read("ExampleTally");
      expect(kept.length).toBeGreaterThan(5);
      expect(await read("ExampleTallyCheck")).toEqual(kept);
    } finally {
      await db().$executeRawUnsafe(`DROP TABLE "ExampleTallyCheck"`);
    }
  });

  it("follows deletes of one example and of many, and forgets a deleted project", async () => {
    const first = (await call(examples.GET, "GET", { params: { projectId: pid } })).json.items[0];
    expect((await call(example.DELETE, "DELETE", { params: { projectId: pid, exampleId: first.id } })).status).toBe(204);
    await expectExact(pid);
    await writeSteps([{ sql: `DELETE FROM "Example" WHERE "projectId" = ? AND "number" % 3 = 0`, params: [pid] }]);
    const s = await expectExact(pid);
    expect(s.totals.examples).toBeGreaterThan(1000);

    await deleteProject(pid);
    const left = await db().$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM "ExampleTally" WHERE "projectId" = ${pid}`;
    expect(Number(left[0].n)).toBe(0);
    // A project deleted with its examples still in it (the cascade) leaves no rows either.
    await db().project.delete({ where: { id: other } });
    const gone = await db().$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM "ExampleTally" WHERE "projectId" = ${other}`;
    expect(Number(gone[0].n)).toBe(0);
  });
});
