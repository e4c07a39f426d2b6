import { describe, expect, it } from "vitest";
import { bfclToJsonSchema } from "@/lib/datasets/bfcl-schema";
import { ToolCollector } from "@/lib/datasets/tool-plan";
import { checkToolSchema } from "@/lib/validation/tool-schema";
import { jsonlRecords } from "../formats/data";

type Declared = { name: string; parameters: Record<string, unknown> };
const files = ["bfcl/BFCL_v4_simple_python.json", "bfcl/BFCL_v4_irrelevance.json"];
const declarations = files.flatMap((f) =>
  jsonlRecords(f).flatMap((q, i) => ((q as { function: Declared[] }).function ?? []).map((fn) => ({ where: `${f}:${i + 1} ${fn.name}`, fn }))),
);

describe("bfclToJsonSchema on BFCL's own files", () => {
  it("reads every declaration of both files", () => {
    expect(declarations.length).toBeGreaterThanOrEqual(640);
  });

  it("turns every declaration into a schema the catalogue accepts", () => {
    const broken = declarations
      .map(({ where, fn }) => ({ where, issues: checkToolSchema(bfclToJsonSchema(fn.parameters).schema) }))
      .filter((r) => r.issues.length > 0);
    expect(broken).toEqual([]);
  }, 60_000);

  it("is needed: the declarations as BFCL writes them are refused by the catalogue", () => {
    const refused = declarations.filter(({ fn }) => checkToolSchema(fn.parameters).length > 0);
    expect(refused.length).toBe(declarations.length);
  });
});

describe("bfclToJsonSchema", () => {
  it("maps BFCL types at every depth and says where", () => {
    const { schema, changes } = bfclToJsonSchema({
      type: "dict",
      properties: {
        point: { type: "tuple", items: { type: "float" } },
        name: { type: "str" },
        count: { type: "integer" },
        flags: { type: "array", items: { type: "bool" } },
        meta: { type: "dict", properties: { value: { type: "any" } } },
      },
      required: ["point"],
    });
    expect(schema).toEqual({
      type: "object",
      properties: {
        point: { type: "array", items: { type: "number" } },
        name: { type: "string" },
        count: { type: "integer" },
        flags: { type: "array", items: { type: "boolean" } },
        meta: { type: "object", properties: { value: {} } },
      },
      required: ["point"],
    });
    expect(changes).toEqual([
      "type: dict → object",
      "properties.point.type: tuple → array",
      "properties.point.items.type: float → number",
      "properties.name.type: str → string",
      "properties.flags.items.type: bool → boolean",
      "properties.meta.type: dict → object",
      "properties.meta.properties.value.type: any → any JSON value (type dropped)",
    ]);
  });

  it("drops BFCL's optional markers and takes optional parameters out of required", () => {
    const { schema, changes } = bfclToJsonSchema({
      type: "dict",
      properties: { a: { type: "string" }, b: { type: "string", optional: true }, c: { type: "integer" } },
      required: ["a", "b", "c"],
      optional: ["c"],
    });
    expect(schema).toEqual({ type: "object", properties: { a: { type: "string" }, b: { type: "string" }, c: { type: "integer" } }, required: ["a"] });
    expect(changes).toContain("required: b, c marked optional, no longer required");
    expect(checkToolSchema(schema)).toEqual([]);
  });

  it("changes nothing in a JSON Schema", () => {
    const json = { type: "object", properties: { q: { type: ["string", "null"] }, n: { anyOf: [{ type: "integer" }, { type: "number" }] } } };
    expect(bfclToJsonSchema(json)).toEqual({ schema: json, changes: [] });
  });
});

describe("the import plan's convert fix-up", () => {
  const declared = { name: "area", description: "d", parameters: { type: "dict", properties: { r: { type: "float" } }, required: ["r"] } };

  it("converts a BFCL-typed declaration by default, so the catalogue gets valid JSON Schema", () => {
    const c = new ToolCollector();
    c.add([declared]);
    const [e] = c.plan([]);
    expect(e).toMatchObject({ schemaFix: "convert", bfclChanges: ["type: dict → object", "properties.r.type: float → number"] });
    expect(e.imported.parameters).toEqual({ type: "object", properties: { r: { type: "number" } }, required: ["r"] });
    expect(e).not.toHaveProperty("schemaIssues");
  });

  it("keeps it as declared when asked, and reports what the catalogue will refuse", () => {
    const c = new ToolCollector();
    c.add([declared]);
    const [e] = c.plan([], { area: { schemaFix: "as_declared" } });
    expect(e.imported).toEqual(declared);
    expect(e.schemaIssues?.map((i) => i.path)).toEqual(expect.arrayContaining(["type", "properties.r.type"]));
  });
});

describe("the plan of a BFCL question file (read by the BFCL reader)", () => {
  it("gives every tool a schema the catalogue accepts, the reader's leftover optional markers converted", async () => {
    const { bfcl } = await import("@/lib/formats");
    const c = new ToolCollector();
    files.forEach((f) => jsonlRecords(f).forEach((q, i) => {
      const r = bfcl.parseQuestion(q, i + 1);
      if (r.ok) c.add(r.value.tools);
    }));
    const plan = c.plan([]);
    expect(plan.length).toBeGreaterThan(500);
    expect(plan.filter((e) => e.schemaIssues)).toEqual([]);
    const converted = plan.filter((e) => e.bfclChanges);
    expect(converted.length).toBeGreaterThan(0);
    expect(converted.every((e) => e.schemaFix === "convert" && e.bfclChanges!.some((ch) => ch.includes("optional marker removed")))).toBe(true);
  }, 60_000);
});
