import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as project from "@/app/api/projects/[projectId]/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as examples from "@/app/api/projects/[projectId]/examples/route";
import * as example from "@/app/api/projects/[projectId]/examples/[exampleId]/route";
import * as neighbours from "@/app/api/projects/[projectId]/examples/[exampleId]/neighbours/route";
import * as revisions from "@/app/api/projects/[projectId]/examples/[exampleId]/revisions/route";
import * as stats from "@/app/api/projects/[projectId]/stats/route";
import { disconnectDb } from "@/lib/server/db";
import { call, orderSchema, routerExample } from "./helpers";

let projectId = "";
const p = () => ({ projectId });
const e = (exampleId: string) => ({ projectId, exampleId });

beforeAll(async () => {
  projectId = (await call(projects.POST, "POST", { body: { name: "Example tests" } })).json.id;
  await call(tools.POST, "POST", { params: p(), body: { name: "track_order", description: "Look up an order", parameters: orderSchema } });
  await call(tools.POST, "POST", {
    params: p(),
    body: { name: "escalate", description: "Hand over", parameters: { type: "object", properties: { summary: { type: "string" }, priority: { type: "string", enum: ["low", "high"] } }, required: ["summary", "priority"], additionalProperties: false } },
  });
});
afterAll(() => disconnectDb());

describe("examples API", () => {
  it("stores a tool-call example and a no_tool example as labelled, with authors", async () => {
    const call1 = await call(examples.POST, "POST", { params: p(), author: "Ada", body: { ...routerExample("Where is ORD-00001?", { tool: "track_order", args: { order_id: "ORD-00001" } }), split: "train" } });
    expect(call1.status).toBe(201);
    expect(call1.json).toMatchObject({ number: 1, invalid: false, issues: [], reviewState: "labelled", version: 1, createdBy: "Ada", updatedBy: "Ada", split: "train" });
    const noTool = await call(examples.POST, "POST", { params: p(), body: routerExample("hi there!", { noTool: "greeting" }) });
    expect(noTool.json).toMatchObject({ number: 2, invalid: false, reviewState: "labelled" });
  });

  it("saves an invalid target as a flagged draft with per-field issues", async () => {
    const r = await call(examples.POST, "POST", {
      params: p(),
      body: routerExample("escalate this now", { tool: "escalate", args: { priority: "urgent", extra: 1 } }),
    });
    expect(r.status).toBe(201);
    expect(r.json.invalid).toBe(true);
    expect(r.json.reviewState).toBe("draft");
    expect(r.json.issues).toEqual(
      expect.arrayContaining([
        { path: "messages.1.calls.0.arguments.summary", message: "is required" },
        { path: "messages.1.calls.0.arguments.priority", message: 'must be one of: "low", "high"' },
        { path: "messages.1.calls.0.arguments.extra", message: "is not an argument of escalate" },
      ]),
    );
  });

  it("flags an unknown tool and a no_tool without a reason", async () => {
    const unknown = await call(examples.POST, "POST", { params: p(), body: routerExample("cancel my sub", { tool: "cancel_subscription" }) });
    expect(unknown.json.issues).toEqual([{ path: "messages.1.calls.0.name", message: 'unknown tool "cancel_subscription"' }]);
    const noReason = await call(examples.POST, "POST", { params: p(), body: routerExample("hmm", { noTool: "  " }) });
    expect(noReason.json.invalid).toBe(true);
    expect(noReason.json.issues[0].path).toBe("messages.1.reason");
  });

  it("filters by tool, kind, split, review state, invalid and text, with pagination", async () => {
    const q = async (query: Record<string, string>) => (await call(examples.GET, "GET", { params: p(), query })).json;
    expect((await q({ tool: "track_order" })).items.map((i: { number: number }) => i.number)).toEqual([1]);
    expect((await q({ kind: "no_tool" })).total).toBe(2);
    expect((await q({ split: "train" })).total).toBe(1);
    expect((await q({ review: "draft" })).total).toBe(3);
    expect((await q({ invalid: "true" })).total).toBe(3);
    expect((await q({ q: "WHERE is" })).items[0].request).toBe("Where is ORD-00001?");
    const page2 = await q({ pageSize: "2", page: "2" });
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((i: { number: number }) => i.number)).toEqual([3, 4]);
    const first = (await q({})).items[1];
    expect(first).toMatchObject({ targetKind: "no_tool", noToolReason: "greeting", targetTools: [] });
  });

  it("rejects bad list parameters with 422 naming the parameter", async () => {
    const r = await call(examples.GET, "GET", { params: p(), query: { pageSize: "5000" } });
    expect(r.status).toBe(422);
    expect(r.json.error.field).toBe("pageSize");
  });

  it("gives previous and next examples within the current filter", async () => {
    const list = (await call(examples.GET, "GET", { params: p(), query: { kind: "no_tool" } })).json.items;
    const [a, b] = list;
    const n = await call(neighbours.GET, "GET", { params: e(a.id), query: { kind: "no_tool" } });
    expect(n.json).toMatchObject({ previousId: null, nextId: b.id, position: 1 });
  });

  it("refuses a stale save with 409 and the current version, never overwriting", async () => {
    const created = await call(examples.POST, "POST", { params: p(), body: routerExample("ORD-00002 status?", { tool: "track_order", args: { order_id: "ORD-00002" } }) });
    const id = created.json.id;
    const first = await call(example.PUT, "PUT", { params: e(id), author: "Ada", body: { version: 1, split: "validation" } });
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(2);

    const second = await call(example.PUT, "PUT", { params: e(id), author: "Grace", body: { version: 1, split: "gold" } });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("conflict");
    expect(second.json.error.current).toMatchObject({ version: 2, split: "validation", updatedBy: "Ada" });
    expect((await call(example.GET, "GET", { params: e(id) })).json.split).toBe("validation");

    const overwrite = await call(example.PUT, "PUT", { params: e(id), author: "Grace", body: { version: 2, split: "gold" } });
    expect(overwrite.json).toMatchObject({ version: 3, split: "gold", updatedBy: "Grace" });
    const revs = (await call(revisions.GET, "GET", { params: e(id) })).json;
    expect(revs.map((r: { version: number; author: string }) => `${r.version}:${r.author}`)).toEqual(["3:Grace", "2:Ada", "1:Test Author"]);
  });

  it("keeps an unlabelled target a draft and refuses to mark it labelled", async () => {
    const body = { messages: [{ role: "user", content: "new request" }, { role: "assistant", decision: { kind: "unlabelled" } }] };
    const r = await call(examples.POST, "POST", { params: p(), body });
    expect(r.json).toMatchObject({ reviewState: "draft", invalid: false });
    const marked = await call(example.PUT, "PUT", { params: e(r.json.id), body: { version: 1, reviewState: "reviewed" } });
    expect(marked.status).toBe(422);
    expect(marked.json.error.field).toBe("reviewState");
  });

  it("rejects malformed and oversize examples with 422 naming the field, storing nothing", async () => {
    const before = (await call(examples.GET, "GET", { params: p() })).json.total;
    const noTarget = await call(examples.POST, "POST", { params: p(), body: { messages: [{ role: "user", content: "a" }, { role: "user", content: "b" }] } });
    expect(noTarget.status).toBe(422);
    expect(noTarget.json.error.message).toContain("the last turn must be the assistant's target");
    const huge = await call(examples.POST, "POST", { params: p(), body: routerExample("x".repeat(200_001), { noTool: "greeting" }) });
    expect(huge.status).toBe(422);
    expect(huge.json.error.field).toBe("messages.0.content");
    const badRole = await call(examples.POST, "POST", { params: p(), body: { messages: [{ role: "wizard", content: "a" }] } });
    expect(badRole.status).toBe(422);
    expect(badRole.json.error.field).toBe("messages.0.role");
    expect((await call(examples.GET, "GET", { params: p() })).json.total).toBe(before);
  });

  it("answers 404 for unknown example ids, and for an example of another project", async () => {
    expect((await call(example.GET, "GET", { params: e("missing") })).status).toBe(404);
    expect((await call(example.PUT, "PUT", { params: e("missing"), body: { version: 1 } })).status).toBe(404);
    const other = (await call(projects.POST, "POST", { body: { name: "Other" } })).json.id;
    const id = (await call(examples.GET, "GET", { params: p() })).json.items[0].id;
    expect((await call(example.GET, "GET", { params: { projectId: other, exampleId: id } })).status).toBe(404);
  });

  it("moves the no_tool gauge as labels change, per split and overall", async () => {
    const s0 = (await call(stats.GET, "GET", { params: p() })).json;
    // labelled so far: #1 track_order (train), #2 greeting (unassigned), the conflict example (gold)
    expect(s0.overall).toMatchObject({ decisions: 3, noTool: 1, band: "above" });
    expect(s0.perSplit.train).toMatchObject({ decisions: 1, noTool: 0, band: "below" });
    expect(s0.perTool.find((t: { name: string }) => t.name === "track_order").count).toBe(2);
    expect(s0.totals).toMatchObject({ labelled: 3, invalid: 3, unlabelled: 1 });

    const greeting = (await call(examples.GET, "GET", { params: p(), query: { kind: "no_tool", invalid: "false" } })).json.items[0];
    const full = (await call(example.GET, "GET", { params: e(greeting.id) })).json;
    const relabelled = { ...full.messages[1], decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-00003" } }] } };
    await call(example.PUT, "PUT", { params: e(greeting.id), body: { version: full.version, messages: [full.messages[0], relabelled] } });
    const s1 = (await call(stats.GET, "GET", { params: p() })).json;
    expect(s1.overall).toMatchObject({ decisions: 3, noTool: 0, band: "below" });
    expect(s1.overall.advice).toContain("below 10%: the model will learn to always call a tool");
  });

  it("re-validates every example when parallel calls are switched off", async () => {
    await call(project.PATCH, "PATCH", { params: p(), body: { parallelToolCalls: true } });
    const two = { name: "track_order", arguments: { order_id: "ORD-00004" } };
    const body = { messages: [{ role: "user", content: "track ORD-00004 twice" }, { role: "assistant", decision: { kind: "tool_calls", calls: [two, two] } }] };
    const r = await call(examples.POST, "POST", { params: p(), body });
    expect(r.json.invalid).toBe(false);
    await call(project.PATCH, "PATCH", { params: p(), body: { parallelToolCalls: false } });
    const after = (await call(example.GET, "GET", { params: e(r.json.id) })).json;
    expect(after.invalid).toBe(true);
    expect(after.issues[0].message).toContain("parallel calls are off");
  });
});
