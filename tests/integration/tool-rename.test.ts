// Renaming a tool with "rename in examples too" on a project of 5,000 examples (run on SQLite and on
// PostgreSQL): every call, tool result and gold answer of the old name is renamed, each example gets
// a revision by the renamer, and none is flagged. Without the option the examples are flagged, as before.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as toolsRoute from "@/app/api/projects/[projectId]/tools/route";
import * as toolRoute from "@/app/api/projects/[projectId]/tools/[toolId]/route";
import * as versionsRoute from "@/app/api/projects/[projectId]/catalogue/versions/route";
import type { Message } from "@/lib/schemas/example";
import { db, disconnectDb } from "@/lib/server/db";
import { deriveColumns } from "@/lib/server/examples/derive";
import { closeQueue } from "@/lib/server/queue";
import { call, waitFor, withWorker } from "./helpers";

const limit = process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT;
/** Above this many examples a rename (like a re-validation) runs in the worker. */
const inlineUpTo = (n: number) => (process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT = String(n));
afterEach(() => {
  if (limit === undefined) delete process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT;
  else process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT = limit;
});
afterAll(async () => {
  await closeQueue();
  await disconnectDb();
});

const N = 5000;
const orderParams = { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"], additionalProperties: false };
const escalateParams = { type: "object", properties: { reason: { type: "string" } }, required: ["reason"] };
const trackCall = (i: number) => ({ id: `c${i}`, name: "track_order", arguments: { order_id: `O-${i}` } });
const escalateCall = { name: "escalate", arguments: { reason: "angry" } };

/**
 * Example i: i%5 = 0 no_tool; 1 one call; 2 call → tool result → answer; 3 a parallel pair with
 * escalate; 4 escalate only. So 3 in 5 examples call track_order, once each.
 */
function example(i: number): Message[] {
  const user: Message = { role: "user", content: `request ${i}` };
  const decide = (d: Extract<Message, { role: "assistant" }>["decision"]): Message => ({ role: "assistant", decision: d, weight: 1 });
  switch (i % 5) {
    case 0:
      return [user, decide({ kind: "no_tool", reason: "small talk" })];
    case 1:
      return [user, decide({ kind: "tool_calls", calls: [trackCall(i)] })];
    case 2:
      return [
        user,
        decide({ kind: "tool_calls", calls: [trackCall(i)] }),
        { role: "tool", toolCallId: `c${i}`, name: "track_order", content: '{"status":"shipped"}' },
        decide({ kind: "no_tool", reason: "answers with the result" }),
      ];
    case 3:
      return [user, decide({ kind: "tool_calls", calls: [trackCall(i), escalateCall] })];
    default:
      return [user, decide({ kind: "tool_calls", calls: [escalateCall] })];
  }
}
const calling = (n: number) => Array.from({ length: n }, (_, i) => i % 5).filter((k) => k >= 1 && k <= 3).length;
const CALLING = calling(N);

/** A project with the two tools and N examples stored as createExample stores them. */
async function projectWithExamples(name: string, n = N): Promise<{ projectId: string; trackId: string }> {
  const projectId = (await call(projects.POST, "POST", { body: { name, outputStyle: "router_json" } })).json.id as string;
  await db().project.update({ where: { id: projectId }, data: { parallelToolCalls: true } });
  const t = await call(toolsRoute.POST, "POST", { params: { projectId }, body: { name: "track_order", description: "Where an order is", parameters: orderParams } });
  await call(toolsRoute.POST, "POST", { params: { projectId }, body: { name: "escalate", description: "To a person", parameters: escalateParams } });
  for (let start = 0; start < n; start += 500) {
    const rows = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
      const i = start + k;
      const messages = example(i);
      return {
        projectId,
        number: i + 1,
        messages: JSON.stringify(messages),
        gold: i % 5 === 1 ? JSON.stringify([{ name: "track_order", arguments: { order_id: [`O-${i}`] } }]) : null,
        ...deriveColumns(messages),
        split: "train",
        reviewState: "labelled",
        invalid: false,
        issues: "[]",
        tags: "[]",
        source: "rename-test",
      };
    });
    await db().example.createMany({ data: rows });
  }
  await db().project.update({ where: { id: projectId }, data: { nextExampleNumber: n + 1 } });
  return { projectId, trackId: t.json.tool.id as string };
}

describe(`renaming a tool on a project of ${N} examples`, () => {
  it("with 'rename in examples too': every call renamed, a revision each by the renamer, none flagged", async () => {
    inlineUpTo(N * 2);
    const { projectId, trackId } = await projectWithExamples("Rename in examples");
    const r = await call(toolRoute.PATCH, "PATCH", { params: { projectId, toolId: trackId }, body: { name: "find_order", renameInExamples: true }, author: "Renamer" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.renamedInExamples).toEqual({ mode: "inline", examples: CALLING, calls: CALLING, invalid: 0 });

    const rows = await db().example.findMany({ where: { projectId }, select: { messages: true, gold: true, invalid: true, version: true, targetTools: true, updatedById: true } });
    expect(rows).toHaveLength(N);
    expect(rows.filter((e) => e.messages.includes("track_order") || e.gold?.includes("track_order"))).toEqual([]);
    expect(rows.filter((e) => e.invalid)).toEqual([]);
    expect(rows.filter((e) => e.targetTools.includes(",find_order,"))).toHaveLength(CALLING);
    expect(rows.filter((e) => e.version === 2)).toHaveLength(CALLING);
    const results = rows.flatMap((e) => (JSON.parse(e.messages) as Message[]).filter((m) => m.role === "tool").map((m) => m.name));
    expect(new Set(results)).toEqual(new Set(["find_order"]));
    expect(rows.filter((e) => e.gold?.includes('"find_order"'))).toHaveLength(N / 5);

    const renamer = await db().user.findFirstOrThrow({ where: { name: "Renamer" } });
    expect(new Set(rows.filter((e) => e.version === 2).map((e) => e.updatedById))).toEqual(new Set([renamer.id]));
    const revisions = await db().exampleRevision.findMany({ where: { example: { projectId } }, select: { version: true, authorId: true, snapshot: true } });
    expect(revisions).toHaveLength(CALLING);
    expect(revisions.every((v) => v.version === 2 && v.authorId === renamer.id && v.snapshot.includes('"find_order"') && !v.snapshot.includes("track_order"))).toBe(true);

    const versions = (await call(versionsRoute.GET, "GET", { params: { projectId } })).json;
    expect(versions[0]).toMatchObject({ summary: "renamed track_order to find_order (and in the examples that call it)", author: "Renamer" });
    expect(versions[0].tools.map((t: { name: string }) => t.name)).toEqual(["find_order", "escalate"]);
  }, 240_000);

  it("without it: the tool is renamed and the examples calling the old name are flagged invalid, unchanged", async () => {
    inlineUpTo(N * 2); // flag them here rather than in a worker this test does not run
    const { projectId, trackId } = await projectWithExamples("Rename, flag");
    const r = await call(toolRoute.PATCH, "PATCH", { params: { projectId, toolId: trackId }, body: { name: "find_order" } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).not.toHaveProperty("renamedInExamples");
    expect(r.json.revalidation).toMatchObject({ mode: "inline", checked: CALLING, invalid: CALLING, newlyInvalid: CALLING });
    expect(await db().example.count({ where: { projectId, invalid: true } })).toBe(CALLING);
    expect(await db().example.count({ where: { projectId, targetTools: { contains: ",track_order," } } })).toBe(CALLING);
    expect(await db().exampleRevision.count({ where: { example: { projectId } } })).toBe(0);
    const versions = (await call(versionsRoute.GET, "GET", { params: { projectId } })).json;
    expect(versions[0].summary).toBe("renamed track_order to find_order");
  }, 240_000);

  it("above the inline limit, the worker renames them while the project shows it is re-checking", async () => {
    const n = 1000;
    inlineUpTo(100);
    const { projectId, trackId } = await projectWithExamples("Rename in the worker", n);
    const r = await call(toolRoute.PATCH, "PATCH", { params: { projectId, toolId: trackId }, body: { name: "find_order", renameInExamples: true } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.renamedInExamples).toMatchObject({ mode: "queued", examples: calling(n) });
    const version = r.json.catalogueVersion as number;
    expect((await db().project.findUniqueOrThrow({ where: { id: projectId } })).revalidatingVersion).toBe(version);
    await withWorker(() =>
      waitFor("the worker to finish renaming", async () => (await db().project.findUniqueOrThrow({ where: { id: projectId } })).revalidatingVersion === null, 180_000, 200),
    );
    expect(await db().example.count({ where: { projectId, targetTools: { contains: ",track_order," } } })).toBe(0);
    expect(await db().example.count({ where: { projectId, targetTools: { contains: ",find_order," }, version: 2, invalid: false } })).toBe(calling(n));
    expect(await db().exampleRevision.count({ where: { example: { projectId } } })).toBe(calling(n));
  }, 240_000);
});
