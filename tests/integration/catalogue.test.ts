import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as project from "@/app/api/projects/[projectId]/route";
import * as tools from "@/app/api/projects/[projectId]/tools/route";
import * as tool from "@/app/api/projects/[projectId]/tools/[toolId]/route";
import * as reorder from "@/app/api/projects/[projectId]/tools/reorder/route";
import * as versions from "@/app/api/projects/[projectId]/catalogue/versions/route";
import * as prompt from "@/app/api/projects/[projectId]/prompt/route";
import * as examples from "@/app/api/projects/[projectId]/examples/route";
import { disconnectDb } from "@/lib/server/db";
import { call, orderSchema, routerExample } from "./helpers";

let projectId = "";
const p = () => ({ projectId });

beforeAll(async () => {
  projectId = (await call(projects.POST, "POST", { body: { name: "Catalogue tests" } })).json.id;
});
afterAll(() => disconnectDb());

describe("tool catalogue API", () => {
  it("adds a tool with arguments and records catalogue version 1 with its author", async () => {
    const r = await call(tools.POST, "POST", { params: p(), author: "Ada", body: { name: "track_order", description: "Look up an order", parameters: orderSchema } });
    expect(r.status).toBe(201);
    expect(r.json.catalogueVersion).toBe(1);
    expect(r.json.tool).toMatchObject({ name: "track_order", position: 0, archived: false });
    const v = await call(versions.GET, "GET", { params: p() });
    expect(v.json[0]).toMatchObject({ version: 1, summary: "added track_order", author: "Ada" });
    expect(v.json[0].tools[0].parameters).toEqual(orderSchema);
  });

  it("rejects invalid tool names and duplicates with 422 on the name field", async () => {
    for (const name of ["has space", "x".repeat(65), "", "no_tool", "dots.not.allowed"]) {
      const r = await call(tools.POST, "POST", { params: p(), body: { name, description: "", parameters: { type: "object" } } });
      expect(r.status, `name ${JSON.stringify(name)}`).toBe(422);
      expect(r.json.error.field).toBe("name");
    }
    const dup = await call(tools.POST, "POST", { params: p(), body: { name: "track_order", description: "", parameters: { type: "object" } } });
    expect(dup.status).toBe(422);
    expect(dup.json.error.message).toContain('a tool named "track_order" already exists');
  });

  it("rejects an invalid JSON Schema, naming where in the schema, and changes nothing", async () => {
    const cases: [unknown, RegExp][] = [
      [{ type: "object", properties: { a: { type: "strin" } } }, /parameters\.properties\.a\.type/],
      [{ type: "object", properties: { a: { type: "string" } }, required: ["b"] }, /"b" is required but is not in properties/],
      [{ type: "object", properties: { a: { type: "string", minLenght: 3 } } }, /unknown keyword: "minLenght"/],
      [{ type: "array" }, /top level must be/],
      [{ type: "object", properties: { a: { type: "string", format: "zipcode" } } }, /unknown format "zipcode"/],
    ];
    for (const [parameters, message] of cases) {
      const r = await call(tools.POST, "POST", { params: p(), body: { name: "bad_tool", description: "", parameters } });
      expect(r.status, JSON.stringify(parameters)).toBe(422);
      expect(r.json.error.field).toMatch(/^parameters/);
      expect(r.json.error.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`).join("\n")).toMatch(message);
    }
    const list = await call(tools.GET, "GET", { params: p() });
    expect(list.json.map((t: { name: string }) => t.name)).toEqual(["track_order"]);
    expect((await call(versions.GET, "GET", { params: p() })).json).toHaveLength(1);
  });

  it("rejects an oversize description with 422 on the description field", async () => {
    const r = await call(tools.POST, "POST", { params: p(), body: { name: "long_desc", description: "d".repeat(5000), parameters: { type: "object" } } });
    expect(r.status).toBe(422);
    expect(r.json.error.field).toBe("description");
  });

  it("flags examples a schema change breaks, at once, without deleting them", async () => {
    const ok = await call(examples.POST, "POST", { params: p(), body: routerExample("where is ORD-12345?", { tool: "track_order", args: { order_id: "ORD-12345" } }) });
    expect(ok.json).toMatchObject({ invalid: false, reviewState: "labelled" });
    const toolId = (await call(tools.GET, "GET", { params: p() })).json[0].id;

    const changed = await call(tool.PATCH, "PATCH", {
      params: { projectId, toolId },
      author: "Grace",
      body: { parameters: { ...orderSchema, properties: { ...orderSchema.properties, order_id: { type: "integer" } } } },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.revalidation).toMatchObject({ mode: "inline", checked: 1, invalid: 1, newlyInvalid: 1 });
    expect(changed.json.catalogueVersion).toBe(2);

    const flagged = await call(examples.GET, "GET", { params: p(), query: { invalid: "true" } });
    expect(flagged.json.total).toBe(1);
    expect(flagged.json.items[0]).toMatchObject({ id: ok.json.id, invalid: true, issueCount: 1 });

    const v = (await call(versions.GET, "GET", { params: p() })).json[0];
    expect(v).toMatchObject({ version: 2, author: "Grace", summary: "changed track_order: parameters" });

    // Restoring the schema clears the flag.
    const restored = await call(tool.PATCH, "PATCH", { params: { projectId, toolId }, body: { parameters: orderSchema } });
    expect(restored.json.revalidation).toMatchObject({ checked: 1, invalid: 0 });
    expect((await call(examples.GET, "GET", { params: p(), query: { invalid: "true" } })).json.total).toBe(0);
  });

  it("flags examples of an archived tool and keeps them", async () => {
    const toolId = (await call(tools.GET, "GET", { params: p() })).json[0].id;
    const r = await call(tool.PATCH, "PATCH", { params: { projectId, toolId }, body: { archived: true } });
    expect(r.json.revalidation.invalid).toBe(1);
    const list = await call(examples.GET, "GET", { params: p(), query: { invalid: "true" } });
    expect(list.json.total).toBe(1);
    await call(tool.PATCH, "PATCH", { params: { projectId, toolId }, body: { archived: false } });
    expect((await call(examples.GET, "GET", { params: p() })).json.total).toBe(1);
  });

  it("reorders tools as a new version, and rejects an order that is not a permutation", async () => {
    await call(tools.POST, "POST", { params: p(), body: { name: "escalate", description: "Hand over to a human", parameters: { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] } } });
    const ids = (await call(tools.GET, "GET", { params: p() })).json.map((t: { id: string }) => t.id);
    const r = await call(reorder.POST, "POST", { params: p(), body: { order: [...ids].reverse() } });
    expect(r.status).toBe(200);
    expect(r.json.tools.map((t: { name: string }) => t.name)).toEqual(["escalate", "track_order"]);
    const bad = await call(reorder.POST, "POST", { params: p(), body: { order: [ids[0]] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("order");
  });

  it("generates a system prompt listing tool signatures and the no_tool instruction, and honours an override", async () => {
    const r = await call(prompt.GET, "GET", { params: p() });
    expect(r.json.overridden).toBe(false);
    expect(r.json.prompt).toContain("- track_order(order_id: string, email?: string)");
    expect(r.json.prompt).toContain("Look up an order");
    expect(r.json.prompt).toContain('{"tool": "no_tool", "reason": "<short reason>"}');

    await call(project.PATCH, "PATCH", { params: p(), body: { systemPromptOverride: "Route or say no_tool." } });
    const o = await call(prompt.GET, "GET", { params: p() });
    expect(o.json).toMatchObject({ overridden: true, prompt: "Route or say no_tool." });
    expect(o.json.generated).toContain("- track_order(");
    await call(project.PATCH, "PATCH", { params: p(), body: { systemPromptOverride: "" } });
    expect((await call(prompt.GET, "GET", { params: p() })).json.overridden).toBe(false);
  });

  it("keeps the property order of a schema and the argument order of a target as written", async () => {
    const parameters = { type: "object", properties: { zeta: { type: "string" }, alpha: { type: "string" }, mid: { type: "integer" } }, required: ["zeta"] };
    await call(tools.POST, "POST", { params: p(), body: { name: "ordered", description: "", parameters } });
    const stored = (await call(tools.GET, "GET", { params: p() })).json.find((t: { name: string }) => t.name === "ordered");
    expect(Object.keys(stored.parameters.properties)).toEqual(["zeta", "alpha", "mid"]);
    const ex = await call(examples.POST, "POST", { params: p(), body: routerExample("ordered please", { tool: "ordered", args: { zeta: "z", alpha: "a", mid: 1 } }) });
    expect(Object.keys(ex.json.messages[1].decision.calls[0].arguments)).toEqual(["zeta", "alpha", "mid"]);
  });

  it("answers 404 for an unknown tool id and an unknown project", async () => {
    expect((await call(tool.PATCH, "PATCH", { params: { projectId, toolId: "missing" }, body: { description: "x" } })).status).toBe(404);
    expect((await call(tools.GET, "GET", { params: { projectId: "missing" } })).status).toBe(404);
  });
});
