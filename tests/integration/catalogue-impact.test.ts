// The impact dry run of a catalogue change and the revert to a version, on a project of 3,000
// examples: the dry run's counts are exact, equal what the save then does, and it writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as tool from "@/app/api/projects/[projectId]/tools/[toolId]/route";
import * as impact from "@/app/api/projects/[projectId]/catalogue/impact/route";
import * as revert from "@/app/api/projects/[projectId]/catalogue/revert/route";
import * as versions from "@/app/api/projects/[projectId]/catalogue/versions/route";
import type { Message } from "@/lib/schemas/example";
import { db, disconnectDb } from "@/lib/server/db";
import { revalidateExamples } from "@/lib/server/examples/revalidate";
import { insertExamples } from "./bulk-examples";
import { call, orderSchema } from "./helpers";

const N = 3_000;
let projectId = "";
let trackId = "";
let escalateId = "";
let limit: string | undefined;
const p = () => ({ projectId });
const escalateSchema = { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] };

const calls = (name: string, args: Record<string, unknown>): Message[] => [
  { role: "user", content: `request for ${name}` },
  { role: "assistant", decision: { kind: "tool_calls", calls: [{ name, arguments: args }] }, weight: 1 },
];

/** Per ten examples: 6 track_order without email, 1 with email, 1 escalate, 1 no_tool, 1 track_order with an argument the schema forbids. */
function make(i: number): { messages: Message[] } {
  const order_id = `ORD-${String(i % 100_000).padStart(5, "0")}`;
  const k = i % 10;
  if (k < 6) return { messages: calls("track_order", { order_id }) };
  if (k === 6) return { messages: calls("track_order", { order_id, email: "a@example.com" }) };
  if (k === 7) return { messages: calls("escalate", { summary: "angry customer" }) };
  if (k === 8) return { messages: [{ role: "user", content: "hello" }, { role: "assistant", decision: { kind: "no_tool", reason: "greeting" }, weight: 1 }] };
  return { messages: calls("track_order", { order_id, email: "a@example.com", note: "rush" }) };
}

const invalidCount = () => db().example.count({ where: { projectId, invalid: true } });
const requireEmail = { ...orderSchema, required: ["order_id", "email"], additionalProperties: true };

beforeAll(async () => {
  limit = process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT;
  process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT = "100000";
  projectId = (await call(projects.POST, "POST", { body: { name: "Catalogue impact" } })).json.id;
  trackId = (await call(tools.POST, "POST", { params: p(), body: { name: "track_order", description: "Look up an order", parameters: orderSchema } })).json.tool.id;
  escalateId = (await call(tools.POST, "POST", { params: p(), body: { name: "escalate", description: "Hand over", parameters: escalateSchema } })).json.tool.id;
  await insertExamples(projectId, N, make);
  await revalidateExamples(projectId, null);
}, 120_000);
afterAll(async () => {
  process.env.TOOLTUNE_INLINE_REVALIDATION_LIMIT = limit;
  await disconnectDb();
});

describe("catalogue impact dry run", () => {
  it("counts exactly the examples a schema change would invalidate and make valid, and writes nothing", async () => {
    expect(await invalidCount()).toBe(300);
    const t0 = performance.now();
    const r = await call(impact.POST, "POST", { params: p(), body: { kind: "update", toolId: trackId, patch: { parameters: requireEmail } } });
    const ms = performance.now() - t0;
    console.log(`[impact] ${r.json.checked} examples checked in ${ms.toFixed(0)} ms`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ checked: 2_400, invalidBefore: 300, invalidAfter: 1_800, newlyInvalid: 1_800, newlyValid: 300 });
    expect(r.json.byTool).toEqual([{ name: "track_order", newlyInvalid: 1_800, newlyValid: 300 }]);
    // The first examples without an email: numbers 1..6 (i = 0..5).
    expect(r.json.sample).toEqual([1, 2, 3, 4, 5]);
    expect(await invalidCount()).toBe(300);
    expect((await call(versions.GET, "GET", { params: p() })).json[0].version).toBe(2);
  });

  it("predicts what the save then does", async () => {
    const dry = (await call(impact.POST, "POST", { params: p(), body: { kind: "update", toolId: trackId, patch: { parameters: requireEmail } } })).json;
    const saved = await call(tool.PATCH, "PATCH", { params: { projectId, toolId: trackId }, body: { parameters: requireEmail } });
    expect(saved.json.revalidation).toMatchObject({ mode: "inline", checked: dry.checked, invalid: dry.invalidAfter, newlyInvalid: dry.newlyInvalid });
    expect(saved.json.affectedTools).toEqual(["track_order"]);
    expect(await invalidCount()).toBe(1_800);
  });

  it("counts a rename without rewriting the examples as invalidating every valid example that calls the old name", async () => {
    const r = await call(impact.POST, "POST", { params: p(), body: { kind: "update", toolId: escalateId, patch: { name: "handoff" } } });
    expect(r.json).toMatchObject({ checked: 300, newlyInvalid: 300, newlyValid: 0 });
    expect(r.json.byTool).toEqual([
      { name: "escalate", newlyInvalid: 300, newlyValid: 0 },
      { name: "handoff", newlyInvalid: 0, newlyValid: 0 },
    ]);
    const rewritten = await call(impact.POST, "POST", { params: p(), body: { kind: "update", toolId: escalateId, patch: { name: "handoff", renameInExamples: true } } });
    expect(rewritten.json).toMatchObject({ checked: 300, newlyInvalid: 0, newlyValid: 0 });
  });

  it("counts archiving a tool and adding one that examples already call", async () => {
    const archived = await call(impact.POST, "POST", { params: p(), body: { kind: "update", toolId: escalateId, patch: { archived: true } } });
    expect(archived.json).toMatchObject({ checked: 300, newlyInvalid: 300 });
    const added = await call(impact.POST, "POST", { params: p(), body: { kind: "create", tool: { name: "refund", description: "", parameters: { type: "object" } } } });
    expect(added.json).toMatchObject({ checked: 0, newlyInvalid: 0, newlyValid: 0 });
  });

  it("refuses bad input with the field named, as the save would", async () => {
    const badSchema = await call(impact.POST, "POST", { params: p(), body: { kind: "update", toolId: trackId, patch: { parameters: { type: "object", properties: { a: { type: "strin" } } } } } });
    expect(badSchema.status).toBe(422);
    expect(badSchema.json.error.field).toMatch(/^parameters/);
    const taken = await call(impact.POST, "POST", { params: p(), body: { kind: "update", toolId: trackId, patch: { name: "escalate" } } });
    expect(taken.status).toBe(422);
    expect(taken.json.error.field).toBe("name");
    const noKind = await call(impact.POST, "POST", { params: p(), body: { toolId: trackId } });
    expect(noKind.status).toBe(422);
    expect(noKind.json.error.field).toBe("kind");
    expect((await call(impact.POST, "POST", { params: p(), body: { kind: "update", toolId: "missing", patch: {} } })).status).toBe(404);
    expect((await call(impact.POST, "POST", { params: p(), body: { kind: "revert", version: 99 } })).status).toBe(404);
  });
});

describe("revert to a catalogue version", () => {
  it("predicts, then makes a new version equal to the old one and re-validates, audit-logged", async () => {
    const before = new Date(Date.now() - 1000);
    const dry = (await call(impact.POST, "POST", { params: p(), body: { kind: "revert", version: 2 } })).json;
    // Back to the schema of version 2: email optional again, and the extra argument forbidden again.
    expect(dry).toMatchObject({ checked: 2_400, invalidBefore: 1_800, invalidAfter: 300, newlyInvalid: 300, newlyValid: 1_800 });

    const r = await call(revert.POST, "POST", { params: p(), author: "Grace", body: { version: 2 } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ catalogueVersion: 4, revertedTo: 2, affectedTools: ["track_order"] });
    expect(r.json.revalidation).toMatchObject({ mode: "inline", checked: 2_400, invalid: 300, newlyInvalid: 300 });
    expect(r.json.tools.find((t: { name: string }) => t.name === "track_order").parameters).toEqual(orderSchema);
    expect(await invalidCount()).toBe(300);

    const v = (await call(versions.GET, "GET", { params: p() })).json;
    expect(v[0]).toMatchObject({ version: 4, summary: "reverted to version 2", author: "Grace" });
    expect(v[0].tools).toEqual(v.find((x: { version: number }) => x.version === 2).tools);

    const events = await db().auditEvent.findMany({ where: { projectId, at: { gte: before }, action: "catalogue.write", detail: { contains: "revertedTo" } } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].detail!)).toMatchObject({ status: 200, revertedTo: 2, catalogueVersion: 4 });
  });

  it("refuses a revert that changes nothing, or to a version that does not exist", async () => {
    const same = await call(revert.POST, "POST", { params: p(), body: { version: 4 } });
    expect(same.status).toBe(422);
    expect(same.json.error).toMatchObject({ field: "version", message: expect.stringContaining("current catalogue") });
    const equal = await call(revert.POST, "POST", { params: p(), body: { version: 2 } });
    expect(equal.status).toBe(422);
    expect(equal.json.error.message).toContain("already as it was in version 2");
    expect((await call(revert.POST, "POST", { params: p(), body: { version: 99 } })).status).toBe(404);
    const bad = await call(revert.POST, "POST", { params: p(), body: { version: "two" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("version");
  });

  it("brings back a renamed tool by its old name and archives what was added since", async () => {
    await call(tool.PATCH, "PATCH", { params: { projectId, toolId: escalateId }, body: { name: "handoff" } });
    await call(tools.POST, "POST", { params: p(), body: { name: "refund", description: "", parameters: { type: "object" } } });
    expect(await invalidCount()).toBe(600);
    const dry = (await call(impact.POST, "POST", { params: p(), body: { kind: "revert", version: 4 } })).json;
    expect(dry).toMatchObject({ newlyValid: 300, newlyInvalid: 0 });
    const r = await call(revert.POST, "POST", { params: p(), body: { version: 4 } });
    expect(r.status).toBe(200);
    const byName = Object.fromEntries(r.json.tools.map((t: { name: string; archived: boolean; position: number }) => [t.name, t]));
    expect(byName.escalate).toMatchObject({ archived: false, position: 1, parameters: escalateSchema });
    expect(byName.handoff).toMatchObject({ archived: true });
    expect(byName.refund).toMatchObject({ archived: true });
    expect(await invalidCount()).toBe(300);
  });
});
