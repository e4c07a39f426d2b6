// The examples list's Target filters go by routing decisions (replies to a user message), as the
// gauge counts them, wherever they are in the conversation: "no_tool" finds the examples with a
// routing no_tool decision, "tool_calls" those with a routing tool call. A plain answer after a tool
// result is a follow-up, not a no_tool, even as the final turn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as toolsRoute from "@/app/api/projects/[projectId]/tools/route";
import * as examplesRoute from "@/app/api/projects/[projectId]/examples/route";
import * as neighbours from "@/app/api/projects/[projectId]/examples/[exampleId]/neighbours/route";
import * as statsRoute from "@/app/api/projects/[projectId]/stats/route";
import { disconnectDb } from "@/lib/server/db";
import { call } from "./helpers";

let projectId = "";
const ids: Record<string, string> = {};

const conversations = {
  // Routing: a tool call. The final turn answers with the result: a follow-up, not a no_tool.
  lookupThenAnswer: [
    { role: "user", content: "Where is my parcel ORD-1?" },
    { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-1" } }] } },
    { role: "tool", name: "track_order", content: '{"status":"shipped"}' },
    { role: "assistant", decision: { kind: "no_tool", reason: "answers with the result" }, content: "Your parcel shipped." },
  ],
  // Routing: a no_tool greeting, then a tool call for the next user message (the final turn).
  greetThenLookup: [
    { role: "user", content: "hello, parcel question coming" },
    { role: "assistant", decision: { kind: "no_tool", reason: "a greeting" }, content: "Hi! Go ahead." },
    { role: "user", content: "Where is parcel ORD-2?" },
    { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-2" } }] } },
  ],
  decline: [
    { role: "user", content: "tell me a parcel joke" },
    { role: "assistant", decision: { kind: "no_tool", reason: "not about an order" }, content: "No jokes here." },
  ],
};

beforeAll(async () => {
  projectId = (await call(projects.POST, "POST", { body: { name: "Kind filter", outputStyle: "native_tools" } })).json.id;
  const parameters = { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] };
  expect((await call(toolsRoute.POST, "POST", { params: { projectId }, body: { name: "track_order", description: "Look up an order", parameters } })).status).toBe(201);
  for (const [name, messages] of Object.entries(conversations)) {
    const r = await call(examplesRoute.POST, "POST", { params: { projectId }, body: { messages, reviewState: "labelled", split: "train" } });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    ids[name] = r.json.id;
  }
});
afterAll(() => disconnectDb());

const list = async (query: Record<string, string>) => {
  const r = await call(examplesRoute.GET, "GET", { params: { projectId }, query });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return (r.json.items as { id: string }[]).map((i) => i.id);
};

describe("the no_tool filter on multi-turn examples", () => {
  it("lists the examples with a routing no_tool decision, as many as the gauge counts", async () => {
    expect(await list({ kind: "no_tool" })).toEqual([ids.greetThenLookup, ids.decline]);
    const stats = (await call(statsRoute.GET, "GET", { params: { projectId } })).json;
    expect(stats.overall).toMatchObject({ noTool: 2, followUps: { answers: 1 } });
  });

  it("combines with text search and moves between the same examples", async () => {
    expect(await list({ kind: "no_tool", q: "parcel" })).toEqual([ids.greetThenLookup, ids.decline]);
    expect(await list({ kind: "no_tool", q: "ORD-1" })).toEqual([]);
    const r = await call(neighbours.GET, "GET", { params: { projectId, exampleId: ids.greetThenLookup }, query: { kind: "no_tool", q: "parcel" } });
    expect(r.json).toMatchObject({ previousId: null, nextId: ids.decline, position: 1 });
  });
});

describe("the tool_calls filter on multi-turn examples", () => {
  it("lists the examples with a routing tool call, as many as the gauge counts, whatever the final turn", async () => {
    // lookupThenAnswer's final turn is an answer (a follow-up): the final-turn rule left it out.
    expect(await list({ kind: "tool_calls" })).toEqual([ids.lookupThenAnswer, ids.greetThenLookup]);
    const stats = (await call(statsRoute.GET, "GET", { params: { projectId } })).json;
    expect(stats.overall.decisions - stats.overall.noTool).toBe(2);
  });

  it("combines with text search and the split, and moves between the same examples", async () => {
    expect(await list({ kind: "tool_calls", q: "parcel" })).toEqual([ids.lookupThenAnswer, ids.greetThenLookup]);
    expect(await list({ kind: "tool_calls", q: "joke" })).toEqual([]);
    expect(await list({ kind: "tool_calls", split: "train" })).toEqual([ids.lookupThenAnswer, ids.greetThenLookup]);
    const r = await call(neighbours.GET, "GET", { params: { projectId, exampleId: ids.greetThenLookup }, query: { kind: "tool_calls", q: "parcel" } });
    expect(r.json).toMatchObject({ previousId: ids.lookupThenAnswer, nextId: null, position: 2, total: 2 });
  });
});
