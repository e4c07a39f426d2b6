// Curation across thousands of examples, as the list's bulk bar does it: select everything a filter
// matches, see what a change would do, change it, undo it; tags; the trash; and the list's sort,
// tag and author filters with the editor's "12 / 340 in this filter". 5,000 examples per project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as examples from "@/app/api/projects/[projectId]/examples/route";
import * as example from "@/app/api/projects/[projectId]/examples/[exampleId]/route";
import * as neighbours from "@/app/api/projects/[projectId]/examples/[exampleId]/neighbours/route";
import * as bulkRoute from "@/app/api/projects/[projectId]/examples/bulk/route";
import * as undoRoute from "@/app/api/projects/[projectId]/examples/bulk/[changeId]/undo/route";
import * as trashRoute from "@/app/api/projects/[projectId]/examples/trash/route";
import * as facetsRoute from "@/app/api/projects/[projectId]/examples/facets/route";
import * as statsRoute from "@/app/api/projects/[projectId]/stats/route";
import type { Message } from "@/lib/schemas/example";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { undoBulkChange, UNDO_WINDOW_MS } from "@/lib/server/examples/bulk";
import { call, orderSchema } from "./helpers";
import { insertExamples } from "./bulk-examples";

const N = 5000;
let pid = "";

const user = (content: string): Message => ({ role: "user", content });
const callOf = (order: string): Message => ({
  role: "assistant",
  decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: order } }] },
  weight: 1,
});
const decline = (reason: string): Message => ({ role: "assistant", decision: { kind: "no_tool", reason }, weight: 1 });

/** Every 5th a greeting (no_tool), the rest calls; a third in train, the rest unassigned; every 10th a draft. */
function shape(i: number) {
  const order = `ORD-${String(i).padStart(5, "0")}`;
  return {
    messages: i % 5 === 0 ? [user(`hello there ${i}`), decline("greeting")] : [user(`where is ${order} please`), callOf(order)],
    split: i % 3 === 0 ? ("train" as const) : ("unassigned" as const),
    reviewState: i % 10 === 9 ? ("draft" as const) : ("labelled" as const),
  };
}
const expected = Array.from({ length: N }, (_, i) => shape(i));
const countOf = (f: (s: ReturnType<typeof shape>, i: number) => boolean) => expected.filter(f).length;

const p = () => ({ projectId: pid });
const list = async (query: Record<string, string>) => (await call(examples.GET, "GET", { params: p(), query })).json;
const bulk = (body: unknown, role?: "owner" | "viewer" | "editor") => call(bulkRoute.POST, "POST", { params: p(), body, role });
const undo = (changeId: string) => call(undoRoute.POST, "POST", { params: { projectId: pid, changeId } });
const count = (where: Record<string, unknown>) => db().example.count({ where: { projectId: pid, ...where } });

beforeAll(async () => {
  pid = (await call(projects.POST, "POST", { body: { name: `Curation ${Date.now()}` } })).json.id;
  await call(tools.POST, "POST", { params: p(), body: { name: "track_order", description: "Look up an order", parameters: orderSchema } });
  await insertExamples(pid, N, (i) => expected[i]);
});
afterAll(async () => {
  await disconnectDb();
});

describe(`bulk curation at ${N.toLocaleString("en")} examples`, () => {
  const inTrain = countOf((s) => s.split === "train");

  it("says what a change to everything a filter matches would do, and writes nothing", async () => {
    const r = await bulk({ filter: { split: "unassigned" }, set: { split: "validation", reviewState: "reviewed" }, dryRun: true });
    expect(r.status).toBe(200);
    // Drafts with a labelled, valid target may be marked reviewed: every match changes.
    expect(r.json).toEqual({
      matched: N - inTrain,
      changed: N - inTrain,
      unchanged: 0,
      skipped: { unlabelled: 0, invalid: 0, tooManyTags: 0 },
      dryRun: true,
      changeId: null,
    });
    expect(await count({ split: "validation" })).toBe(0);
    expect(await count({ version: { gt: 1 } })).toBe(0);
  });

  it("sets the split of every example a filter matches, then undo puts every one back with a revision", async () => {
    const before = (await call(statsRoute.GET, "GET", { params: p() })).json;
    const r = await bulk({ filter: { split: "unassigned" }, set: { split: "train" } });
    expect(r.json).toMatchObject({ matched: N - inTrain, changed: N - inTrain, unchanged: 0, dryRun: false });
    expect(r.json.changeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await count({ split: "train" })).toBe(N);
    expect(await db().exampleRevision.count({ where: { example: { projectId: pid }, version: 2 } })).toBe(N - inTrain);

    const u = await undo(r.json.changeId);
    expect(u.status, JSON.stringify(u.json)).toBe(200);
    expect(u.json).toEqual({ restored: N - inTrain, keptNewer: 0 });
    expect(await count({ split: "train" })).toBe(inTrain);
    expect(await count({ split: "unassigned", version: 3 })).toBe(N - inTrain);
    // Each undone example has a third revision, whose snapshot is the state before the change.
    const rev = await db().exampleRevision.findFirstOrThrow({ where: { example: { projectId: pid, split: "unassigned" }, version: 3 } });
    expect(JSON.parse(rev.snapshot).split).toBe("unassigned");
    expect((await call(statsRoute.GET, "GET", { params: p() })).json.perSplit).toEqual(before.perSplit);

    const again = await undo(r.json.changeId);
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/already undone/);
  });

  it("leaves an example someone saved after the change as they saved it, and says so", async () => {
    const r = await bulk({ filter: { split: "train", kind: "no_tool" }, set: { reviewState: "reviewed" } });
    const changed = countOf((s, i) => s.split === "train" && i % 5 === 0);
    expect(r.json).toMatchObject({ changed });
    const first = (await list({ split: "train", kind: "no_tool", review: "reviewed" })).items[0];
    const full = (await call(example.GET, "GET", { params: { projectId: pid, exampleId: first.id } })).json;
    const saved = await call(example.PUT, "PUT", {
      params: { projectId: pid, exampleId: first.id },
      body: { version: full.version, split: "gold" },
    });
    expect(saved.status).toBe(200);
    const u = await undo(r.json.changeId);
    expect(u.json).toEqual({ restored: changed - 1, keptNewer: 1 });
    const mine = await db().example.findUniqueOrThrow({ where: { id: first.id } });
    expect({ split: mine.split, reviewState: mine.reviewState }).toEqual({ split: "gold", reviewState: "reviewed" });
    expect(await count({ reviewState: "reviewed" })).toBe(1);
  });

  it("skips drafts without a target instead of marking them reviewed, and counts them", async () => {
    const ids = (await list({ review: "draft", pageSize: "200" })).items.map((e: { id: string }) => e.id);
    // Drafts of a labelled target may leave draft; an unlabelled one may not.
    const unlabelled = await call(examples.POST, "POST", {
      params: p(),
      body: { messages: [user("what now"), { role: "assistant", decision: { kind: "unlabelled" } }] },
    });
    const r = await bulk({ ids: [...ids, unlabelled.json.id], set: { reviewState: "reviewed" }, dryRun: true });
    expect(r.json).toMatchObject({ matched: ids.length + 1, changed: ids.length, skipped: { unlabelled: 1, invalid: 0, tooManyTags: 0 } });
    await call(example.DELETE, "DELETE", { params: { projectId: pid, exampleId: unlabelled.json.id } });
  });

  it("adds and removes tags on a selection, lists the tags with counts, and filters by one", async () => {
    const page = (await list({ kind: "no_tool", pageSize: "100" })).items.map((e: { id: string }) => e.id);
    const add = await bulk({ ids: page, set: { addTags: ["greeting", "checked"] } });
    expect(add.json).toMatchObject({ matched: 100, changed: 100 });
    const again = await bulk({ ids: page, set: { addTags: ["greeting"] } });
    expect(again.json).toMatchObject({ changed: 0, unchanged: 100 });
    const remove = await bulk({ ids: page.slice(0, 40), set: { removeTags: ["checked"] } });
    expect(remove.json).toMatchObject({ changed: 40 });

    const facets = (await call(facetsRoute.GET, "GET", { params: p() })).json;
    expect(facets.tags).toEqual([
      { tag: "greeting", count: 100 },
      { tag: "checked", count: 60 },
    ]);
    // The author filter lists who last saved: here the one test author, on the 100 tagged examples and the one saved above.
    expect(facets.authors).toEqual([{ id: expect.any(String), label: "Test Author", count: expect.any(Number) }]);
    const byAuthor = await list({ author: facets.authors[0].id });
    expect(byAuthor.total).toBe(facets.authors[0].count);

    const tagged = await list({ tag: "checked", pageSize: "100" });
    expect(tagged.total).toBe(60);
    expect(tagged.items.every((e: { tags: string[] }) => e.tags.includes("checked") && e.tags.includes("greeting"))).toBe(true);
    // A tag matches a whole tag, not a part of one.
    expect((await list({ tag: "check" })).total).toBe(0);

    const u = await undo(remove.json.changeId);
    expect(u.json).toEqual({ restored: 40, keptNewer: 0 });
    expect((await list({ tag: "checked" })).total).toBe(100);
  });

  it("moves everything a filter matches to the trash, and undo puts back the same examples with their history", async () => {
    const stats = async () => (await call(statsRoute.GET, "GET", { params: p() })).json;
    const before = await stats();
    const target = await count({ split: "train", targetKind: "no_tool" });
    const withHistory = (await list({ split: "train", kind: "no_tool", tag: "greeting" })).items[0];
    const historyBefore = await db().exampleRevision.count({ where: { exampleId: withHistory.id } });
    expect(historyBefore).toBeGreaterThan(1);

    const found = (await list({ q: "hello there 15", split: "train" })).total;
    expect(found).toBeGreaterThan(5);
    const r = await bulk({ filter: { split: "train", kind: "no_tool" }, trash: true });
    expect(r.json).toMatchObject({ matched: target, changed: target });
    expect((await list({ split: "train", kind: "no_tool" })).total).toBe(0);
    expect(await count({})).toBe(N - target);
    expect((await stats()).totals.examples).toBe(before.totals.examples - target);
    const trash = (await call(trashRoute.GET, "GET", { params: p() })).json;
    expect(trash.total).toBe(target);
    expect(trash.items[0]).toMatchObject({ bulkChangeId: r.json.changeId });
    // Search finds a trashed example no more.
    const search = { q: "hello there 15", split: "train" };
    expect((await list(search)).total).toBe(0);

    const u = await undo(r.json.changeId);
    expect(u.json).toEqual({ restored: target, keptNewer: 0 });
    expect((await stats()).totals).toEqual(before.totals);
    const back = await db().example.findUniqueOrThrow({ where: { id: withHistory.id } });
    expect(back.number).toBe(withHistory.number);
    expect(await db().exampleRevision.count({ where: { exampleId: withHistory.id } })).toBe(historyBefore);
    expect((await list({ q: "hello there 15", split: "train" })).total).toBe(found);
    expect((await call(trashRoute.GET, "GET", { params: p() })).json.total).toBe(0);
  });

  it("restores chosen examples from the trash after the undo window has passed", async () => {
    const ids = (await list({ split: "unassigned", pageSize: "50" })).items.map((e: { id: string }) => e.id);
    const r = await bulk({ ids, trash: true });
    expect(r.json.changed).toBe(50);
    const late = undoBulkChange(pid, r.json.changeId, await resolveAuthor("Test Author"), new Date(Date.now() + UNDO_WINDOW_MS + 1000));
    await expect(late).rejects.toThrow(/restore its examples from the project's trash/);
    const restore = await call(trashRoute.POST, "POST", { params: p(), body: { ids: ids.slice(0, 20) } });
    expect(restore.json).toEqual({ restored: 20 });
    expect((await call(trashRoute.GET, "GET", { params: p() })).json.total).toBe(30);
    await call(trashRoute.POST, "POST", { params: p(), body: { ids } });
    expect(await count({})).toBe(N);
  });

  it("refuses what it cannot do, naming the field, and keeps undo to people who may write", async () => {
    const both = await bulk({ filter: {}, set: { split: "train" }, trash: true });
    expect(both.status).toBe(422);
    expect(JSON.stringify(both.json)).toMatch(/either set or trash/);
    const bad = await bulk({ filter: {}, set: { addTags: [""] } });
    expect(bad.status).toBe(422);
    expect((await undo("no-such-change")).status).toBe(404);
    const trainBefore = await count({ split: "train" });
    const viewer = await bulk({ filter: {}, set: { split: "train" } }, "viewer");
    expect(viewer.status).toBe(403);
    expect(await count({ split: "train" })).toBe(trainBefore);
  });
});

describe("finding slices: sort, and where an example stands in its filter", () => {
  it("sorts by number, review state, tool and last update, both ways", async () => {
    const desc = await list({ sort: "-number", pageSize: "3" });
    expect(desc.items.map((e: { number: number }) => e.number)).toEqual([N, N - 1, N - 2]);
    const byReview = await list({ sort: "review", pageSize: "200" });
    expect(byReview.items[0].reviewState).toBe("draft");
    const byReviewDesc = await list({ sort: "-review", pageSize: "1" });
    expect(byReviewDesc.items[0].reviewState).toBe("reviewed");
    const byTool = await list({ sort: "-tool", pageSize: "1" });
    expect(byTool.items[0].targetTools).toEqual(["track_order"]);
    const recent = await list({ sort: "-updated", pageSize: "5" });
    const times = recent.items.map((e: { updatedAt: string }) => Date.parse(e.updatedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await call(examples.GET, "GET", { params: p(), query: { sort: "sideways" } })).status).toBe(422);
  });

  it("gives previous, next and the position within a filter and sort, with and without a text search", async () => {
    const filter = { kind: "no_tool", sort: "-number" };
    const all = await list({ ...filter, pageSize: "200" });
    const third = all.items[2];
    const n = (await call(neighbours.GET, "GET", { params: { projectId: pid, exampleId: third.id }, query: filter })).json;
    expect(n).toEqual({ previousId: all.items[1].id, nextId: all.items[3].id, position: 3, total: all.total, totalIsLowerBound: false });

    // A search of 3+ characters goes through the text index: the same answer.
    const searched = { q: "hello there", sort: "number" };
    const hits = await list({ ...searched, pageSize: "10" });
    const s = (await call(neighbours.GET, "GET", { params: { projectId: pid, exampleId: hits.items[4].id }, query: searched })).json;
    expect(s).toMatchObject({ previousId: hits.items[3].id, nextId: hits.items[5].id, position: 5 });
    expect(s.total).toBe(hits.total);

    // An example outside the filter has neighbours but no position.
    const call1 = (await list({ kind: "tool_calls", pageSize: "1" })).items[0];
    const outside = (await call(neighbours.GET, "GET", { params: { projectId: pid, exampleId: call1.id }, query: { kind: "no_tool" } }))
      .json;
    expect(outside.position).toBeNull();
  });
});
