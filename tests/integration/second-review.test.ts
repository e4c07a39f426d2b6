// The blind second review: the queue (someone else's labels, not yet reviewed, gold first, label
// withheld), submitting a review, the agreement figures on a hand-built set, and bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as examples from "@/app/api/projects/[projectId]/examples/route";
import * as example from "@/app/api/projects/[projectId]/examples/[exampleId]/route";
import * as reviews from "@/app/api/projects/[projectId]/second-review/route";
import * as queue from "@/app/api/projects/[projectId]/second-review/queue/route";
import * as agreement from "@/app/api/projects/[projectId]/second-review/agreement/route";
import { db, disconnectDb } from "@/lib/server/db";
import { insertExamples } from "./bulk-examples";
import { call, orderSchema, routerExample } from "./helpers";

// Users persist between runs of this file: names carry the run so every run starts blind.
const run = Math.random().toString(36).slice(2, 7);
const ADA = `Ada ${run}`; // the first labeller
const GRACE = `Grace ${run}`; // the second reviewer
const LINUS = `Linus ${run}`; // another reviewer, editor role

let projectId = "";
let otherProjectId = "";
const ids: Record<number, string> = {};
const p = () => ({ projectId });

const free = { type: "object", properties: { q: { type: "string" } }, additionalProperties: false };

async function add(author: string, split: string, target: Parameters<typeof routerExample>[1] | "trace" | "unlabelled") {
  const body =
    target === "trace"
      ? {
          messages: [
            { role: "user", content: "find the cheapest charger" },
            { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "search", arguments: { q: "charger" } }] }, weight: 1 },
            { role: "tool", name: "search", content: '{"hits": 3}' },
            { role: "assistant", decision: { kind: "no_tool", reason: "The cheapest is 9 EUR." }, weight: 1 },
          ],
        }
      : target === "unlabelled"
        ? {
            messages: [
              { role: "user", content: "not labelled yet" },
              { role: "assistant", decision: { kind: "unlabelled" }, weight: 1 },
            ],
          }
        : routerExample(`request ${split} ${Object.keys(ids).length + 1}`, target);
  const r = await call(examples.POST, "POST", { params: p(), author, body: { ...body, split } });
  expect(r.status).toBe(201);
  ids[r.json.number] = r.json.id;
  return r.json;
}

const next = async (author: string, query: Record<string, string> = {}) => {
  const r = await call(queue.GET, "GET", { params: p(), author, query });
  expect(r.status).toBe(200);
  return r.json;
};
const submit = (author: string, body: unknown, role?: "editor") => call(reviews.POST, "POST", { params: p(), author, role, body });

beforeAll(async () => {
  projectId = (await call(projects.POST, "POST", { body: { name: `Second review ${run}` } })).json.id;
  for (const [name, parameters] of [
    ["track_order", orderSchema],
    ["escalate", free],
    ["search", free],
  ] as const) {
    expect((await call(tools.POST, "POST", { params: p(), body: { name, description: name, parameters } })).status).toBe(201);
  }
  await add(ADA, "gold", { tool: "track_order", args: { order_id: "ORD-00001" } }); // #1
  await add(ADA, "gold", { noTool: "greeting" }); // #2
  await add(ADA, "gold", { tool: "escalate", args: { q: "angry" } }); // #3
  await add(ADA, "train", { tool: "track_order", args: { order_id: "ORD-00002" } }); // #4
  await add(ADA, "train", { noTool: "out of scope" }); // #5
  await add(ADA, "validation", { tool: "search", args: { q: "x" } }); // #6
  await add(GRACE, "gold", { tool: "track_order", args: { order_id: "ORD-00003" } }); // #7: Grace's own
  await add(ADA, "gold", "unlabelled"); // #8: a draft
  await add(ADA, "train", "trace"); // #9: call → tool result → answer
  otherProjectId = (await call(projects.POST, "POST", { body: { name: `Second review other ${run}` } })).json.id;
}, 120_000);
afterAll(() => disconnectDb());

describe("second review queue", () => {
  it("offers someone else's labelled examples, gold first, with the label withheld", async () => {
    const q = await next(GRACE);
    expect(q.bySplit).toEqual({ gold: 3, validation: 1, train: 3, unassigned: 0 });
    expect(q.remaining).toBe(7);
    expect(q.item).toMatchObject({ exampleId: ids[1], number: 1, version: 1, split: "gold" });
    expect(q.item.context).toEqual([{ role: "user", content: expect.stringContaining("request gold") }]);
    expect(JSON.stringify(q)).not.toContain("track_order");
  });

  it("leaves out a reviewer's own labels but offers them to others", async () => {
    const linus = await next(LINUS);
    expect(linus.bySplit.gold).toBe(4);
    expect(linus.remaining).toBe(8);
  });

  it("filters by split and by tool, and skips what the reviewer set aside", async () => {
    expect(await next(GRACE, { split: "train" })).toMatchObject({ remaining: 3, item: { number: 4 } });
    // search is labelled in #6 (validation) and #9 (train): validation comes first.
    expect(await next(GRACE, { tool: "search" })).toMatchObject({ remaining: 2, item: { number: 6 } });
    expect(await next(GRACE, { skip: ids[1] })).toMatchObject({ remaining: 6, item: { number: 2 } });
  });

  it("shows a trace only up to its routing turn: the tool result and the answer would give the label away", async () => {
    const q = await next(GRACE, { split: "train", skip: `${ids[4]},${ids[5]}` });
    expect(q.item.number).toBe(9);
    expect(q.item.context).toEqual([{ role: "user", content: "find the cheapest charger" }]);
  });
});

describe("submitting second reviews", () => {
  it("stores a review and only then reveals the label, its author and whether they agree", async () => {
    const r = await submit(GRACE, { exampleId: ids[1], version: 1, choice: ["track_order"] });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ number: 1, choice: "track_order", label: "track_order", agree: true, labelledBy: ADA });
    expect(r.json.labelDecision).toEqual({ kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-00001" } }] });
    const disagree = await submit(GRACE, { exampleId: ids[2], version: 1, choice: ["escalate"] });
    expect(disagree.json).toMatchObject({ choice: "escalate", label: "no_tool", agree: false });
    const audit = await db().auditEvent.findFirst({
      where: { projectId, targetId: ids[2], action: "examples.write" },
      orderBy: { at: "desc" },
    });
    expect(audit).toMatchObject({ outcome: "ok", targetType: "example", targetLabel: "#2" });
    expect(JSON.parse(audit!.detail!)).toMatchObject({ choice: "escalate", label: "no_tool", agree: false });
  });

  it("takes reviewed examples out of the reviewer's queue", async () => {
    const q = await next(GRACE);
    expect(q).toMatchObject({ remaining: 5, bySplit: { gold: 1 }, item: { number: 3 } });
  });

  it("refuses a second submission of the same example version with 409", async () => {
    const again = await submit(GRACE, { exampleId: ids[1], version: 1, choice: ["escalate"] });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain("already second-reviewed example #1");
    expect(await db().secondReview.count({ where: { exampleId: ids[1] } })).toBe(1);
  });

  it("refuses an unknown tool, naming the choice", async () => {
    const r = await submit(GRACE, { exampleId: ids[3], version: 1, choice: ["cancel_everything"] });
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({ field: "choice.0", message: expect.stringContaining('unknown tool "cancel_everything"') });
  });

  it("refuses no_tool with a tool, two tools where the project makes one call, and an empty choice", async () => {
    const mixed = await submit(GRACE, { exampleId: ids[3], version: 1, choice: ["no_tool", "escalate"] });
    expect(mixed.status).toBe(422);
    expect(mixed.json.error).toMatchObject({ field: "choice", message: "choice: no_tool cannot be chosen together with a tool" });
    const two = await submit(GRACE, { exampleId: ids[3], version: 1, choice: ["escalate", "search"] });
    expect(two.json.error).toMatchObject({ field: "choice", message: expect.stringContaining("choose one tool") });
    const none = await submit(GRACE, { exampleId: ids[3], version: 1, choice: [] });
    expect(none.status).toBe(422);
    expect(none.json.error.field).toBe("choice");
  });

  it("answers 404 for an example of another project", async () => {
    const r = await call(examples.POST, "POST", {
      params: { projectId: otherProjectId },
      author: ADA,
      body: routerExample("elsewhere", { noTool: "greeting" }),
    });
    const res = await submit(GRACE, { exampleId: r.json.id, version: 1, choice: ["no_tool"] });
    expect(res.status).toBe(404);
    expect(res.json.error.message).toContain(r.json.id);
  });

  it("refuses a review of one's own label, of a draft, and of a version that has changed since", async () => {
    const own = await submit(GRACE, { exampleId: ids[7], version: 1, choice: ["track_order"] });
    expect(own.status).toBe(400);
    expect(own.json.error).toMatchObject({ field: "exampleId", message: expect.stringContaining("someone else's label") });
    const draft = await submit(GRACE, { exampleId: ids[8], version: 1, choice: ["no_tool"] });
    expect(draft.status).toBe(400);
    expect(draft.json.error.message).toContain("no valid, labelled routing decision");
    const stale = await submit(LINUS, { exampleId: ids[3], version: 7, choice: ["escalate"] }, "editor");
    expect(stale.status).toBe(409);
    expect(stale.json.error.field).toBe("version");
  });
});

describe("agreement", () => {
  it("computes kappa and the disagreement rate exactly, overall and per split", async () => {
    for (const [n, choice] of [
      [3, "escalate"],
      [4, "track_order"],
      [5, "no_tool"],
      [6, "track_order"],
      [9, "search"],
    ] as const) {
      expect((await submit(GRACE, { exampleId: ids[n], version: 1, choice: [choice] })).status).toBe(201);
    }
    expect((await next(GRACE)).remaining).toBe(0);
    expect((await next(GRACE)).item).toBeNull();
    const a = (await call(agreement.GET, "GET", { params: p(), role: "viewer", author: `Viewer ${run}` })).json;
    // Pairs (label, choice): #1 t/t, #2 no_tool/e, #3 e/e, #4 t/t, #5 n/n, #6 s/t, #9 s/s.
    // p_o = 5/7; labels t2 n2 e1 s2, choices t3 e2 n1 s1: p_e = (2·3 + 2·1 + 1·2 + 2·1)/49 = 12/49.
    expect(a.overall).toMatchObject({ reviews: 7, agreements: 5, disagreements: 2 });
    expect(a.overall.observed).toBeCloseTo(5 / 7, 12);
    expect(a.overall.expected).toBeCloseTo(12 / 49, 12);
    expect(a.overall.kappa).toBeCloseTo((5 / 7 - 12 / 49) / (1 - 12 / 49), 12);
    expect(a.overall.disagreementRate).toBeCloseTo(2 / 7, 12);
    // Gold: t/t, n/e, e/e: p_o 2/3, p_e (1·1 + 1·0 + 1·2)/9 = 1/3, kappa 0.5.
    expect(a.bySplit.gold).toMatchObject({ reviews: 3, agreements: 2 });
    expect(a.bySplit.gold.kappa).toBeCloseTo(0.5, 12);
    expect(a.bySplit.train).toMatchObject({ reviews: 3, agreements: 3, kappa: 1, disagreementRate: 0 });
    expect(a.bySplit.validation).toMatchObject({ reviews: 1, agreements: 0, kappa: 0, disagreementRate: 1 });
    expect(a.bySplit.unassigned).toEqual({
      reviews: 0,
      agreements: 0,
      disagreements: 0,
      disagreementRate: null,
      observed: null,
      expected: null,
      kappa: null,
    });
    expect(
      a.disagreements.map((d: { number: number; label: string; choice: string; reviewer: string; labelledBy: string }) => [
        d.number,
        d.label,
        d.choice,
        d.reviewer,
        d.labelledBy,
      ]),
    ).toEqual([
      [6, "search", "track_order", GRACE, ADA],
      [2, "no_tool", "escalate", GRACE, ADA],
    ]);
    expect(a).toMatchObject({ openDisagreements: 2, resolvedDisagreements: 0 });
  });

  it("lists a disagreement as resolved once the example's label changes, and keeps the figures of the independent labels", async () => {
    const fixed = await call(example.PUT, "PUT", {
      params: { projectId, exampleId: ids[2] },
      author: ADA,
      body: { version: 1, ...routerExample("request gold fixed", { tool: "escalate", args: { q: "x" } }) },
    });
    expect(fixed.status).toBe(200);
    // A save that leaves the label as it was (a tag) resolves nothing.
    const tagged = await call(example.PUT, "PUT", { params: { projectId, exampleId: ids[6] }, author: ADA, body: { version: 1, tags: ["checked"] } });
    expect(tagged.json.version).toBe(2);
    const a = (await call(agreement.GET, "GET", { params: p() })).json;
    expect(a.disagreements.map((d: { number: number }) => d.number)).toEqual([6]);
    expect(a).toMatchObject({ openDisagreements: 1, resolvedDisagreements: 1, overall: { reviews: 7, agreements: 5 } });
    // Grace has seen #2's label: its new version does not come back to her queue.
    expect((await next(GRACE)).remaining).toBe(0);
  });
});

describe("at 20,000 examples", () => {
  it("serves the queue and the agreement of 5,000 reviews in under 2 s each", async () => {
    const big = (await call(projects.POST, "POST", { body: { name: `Second review scale ${run}` } })).json.id as string;
    for (const name of ["a", "b"])
      await call(tools.POST, "POST", { params: { projectId: big }, body: { name, description: name, parameters: free } });
    const tool = (i: number) => (i % 2 ? "a" : "b");
    await insertExamples(big, 20_000, (i) => ({
      split: i % 10 === 0 ? "gold" : "train",
      messages: [
        { role: "user", content: `request ${i}` },
        { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: tool(i), arguments: {} }] }, weight: 1 },
      ],
    }));
    const reviewer = await call(queue.GET, "GET", { params: { projectId: big }, author: GRACE });
    const graceId = (await db().user.findFirstOrThrow({ where: { name: GRACE }, select: { id: true } })).id;
    expect(reviewer.json.remaining).toBe(20_000);
    const rows = await db().example.findMany({ where: { projectId: big }, orderBy: { number: "asc" }, take: 5_000, select: { id: true } });
    // Every fifth review chooses the other tool: p_o 0.8, both sides half a and half b (p_e 0.5), kappa 0.6.
    const reviews = rows.map((r, i) => {
      const label = tool(i);
      const choice = i % 5 === 0 ? (label === "a" ? "b" : "a") : label;
      return { projectId: big, exampleId: r.id, exampleVersion: 1, reviewerId: graceId, choice, label, agree: choice === label };
    });
    for (let i = 0; i < reviews.length; i += 500) await db().secondReview.createMany({ data: reviews.slice(i, i + 500) });

    let t = performance.now();
    const q = await call(queue.GET, "GET", { params: { projectId: big }, author: GRACE });
    const queueMs = performance.now() - t;
    expect(q.json).toMatchObject({ remaining: 15_000, bySplit: { gold: 1_500, train: 13_500 }, item: { number: 5_001, split: "gold" } });
    t = performance.now();
    const a = await call(agreement.GET, "GET", { params: { projectId: big } });
    const agreementMs = performance.now() - t;
    expect(a.json.overall).toMatchObject({ reviews: 5_000, agreements: 4_000, disagreements: 1_000 });
    expect(a.json.overall.kappa).toBeCloseTo(0.6, 12);
    expect(a.json.openDisagreements).toBe(1_000);
    expect(a.json.disagreements).toHaveLength(200);
    console.log(`second review at 20,000 examples: queue ${queueMs.toFixed(0)} ms, agreement ${agreementMs.toFixed(0)} ms`);
    expect(queueMs).toBeLessThan(2_000);
    expect(agreementMs).toBeLessThan(2_000);
  }, 180_000);
});
