import { describe, expect, it } from "vitest";
import { checkToolSchema } from "@/lib/validation/tool-schema";
import { newRow, rowIssues, rowsToSchema, schemaToRows, type SchemaRow } from "@/lib/forms/schema-rows";

function roundTrip(schema: Record<string, unknown>) {
  const r = schemaToRows(schema);
  if ("unsupported" in r) throw new Error(`expected rows, got unsupported: ${r.unsupported}`);
  return rowsToSchema(r.rows, r.additionalProperties);
}

const ORDER_TOOL = {
  type: "object",
  properties: {
    order_id: { type: "string", description: "The order number, e.g. A-1042" },
    status: { type: "string", enum: ["open", "shipped", "cancelled"] },
    quantity: { type: "integer", enum: [1, 2, 5] },
    price: { type: "number" },
    gift: { type: "boolean", description: "wrap it" },
    skus: { type: "array", items: { type: "string" } },
    anything: { type: "array" },
    address: { type: "object" },
  },
  required: ["order_id", "skus"],
  additionalProperties: false,
};

describe("schemaToRows / rowsToSchema", () => {
  it("round-trips a schema the rows can represent", () => {
    expect(roundTrip(ORDER_TOOL)).toEqual(ORDER_TOOL);
  });

  it("round-trips an empty object schema", () => {
    expect(roundTrip({ type: "object", properties: {} })).toEqual({ type: "object", properties: {} });
  });

  it("keeps argument order, required flags and descriptions as rows", () => {
    const r = schemaToRows(ORDER_TOOL);
    if ("unsupported" in r) throw new Error(r.unsupported);
    expect(r.rows.map((x) => x.name)).toEqual(["order_id", "status", "quantity", "price", "gift", "skus", "anything", "address"]);
    expect(r.rows[0]).toMatchObject({ required: true, description: "The order number, e.g. A-1042", type: "string" });
    expect(r.rows[1].enumText).toBe("open, shipped, cancelled");
    expect(r.rows[5].itemType).toBe("string");
    expect(r.additionalProperties).toBe(false);
  });

  it("treats a missing additionalProperties as allowing extra arguments, and writes nothing for it", () => {
    const r = schemaToRows({ type: "object", properties: { a: { type: "string" } } });
    expect(r).toMatchObject({ additionalProperties: true });
    expect(roundTrip({ type: "object", properties: { a: { type: "string" } } })).not.toHaveProperty("additionalProperties");
  });

  it("produces schemas that pass the strict tool-schema check", () => {
    expect(checkToolSchema(roundTrip(ORDER_TOOL))).toEqual([]);
  });

  it.each([
    [{ type: "object", properties: { q: { type: "string", minLength: 2 } } }, 'argument "q" uses "minLength"'],
    [{ type: "object", properties: { q: { type: "string", format: "date" } } }, 'argument "q" uses "format"'],
    [{ type: "object", properties: { q: { type: ["string", "null"] } } }, 'argument "q" has several types'],
    [{ type: "object", properties: { q: { anyOf: [{ type: "string" }] } } }, 'argument "q" uses "anyOf"'],
    [{ type: "object", properties: { a: { type: "object", properties: { b: { type: "string" } } } } }, 'argument "a" uses "properties"'],
    [{ type: "object", properties: { a: { type: "array", items: { type: "string", enum: ["x"] } } } }, "array items described by more than a type"],
    [{ type: "object", properties: { a: { type: "string", enum: ["a,b"] } } }, "allowed values"],
    [{ type: "object", properties: {}, additionalProperties: { type: "string" } }, "additionalProperties"],
    [{ type: "object", properties: {}, $defs: {} }, 'uses "$defs" at the top level'],
    [{ type: "array" }, "top level is not"],
    [{ type: "object", properties: {}, required: ["ghost"] }, '"ghost" is required but is not an argument'],
    [[1, 2], "not a JSON object"],
  ])("says why it cannot show %j as rows", (schema, why) => {
    const r = schemaToRows(schema);
    expect(r).toHaveProperty("unsupported");
    expect((r as { unsupported: string }).unsupported).toContain(why);
  });

  it("writes required names once, skips unnamed rows and drops enum on types that cannot have one", () => {
    const rows: SchemaRow[] = [
      { ...newRow("a", "flag"), type: "boolean", required: true, enumText: "true" },
      { ...newRow("b", ""), required: true },
      { ...newRow("c", "n"), type: "number", enumText: "1, 2.5, x" },
    ];
    expect(rowsToSchema(rows, false)).toEqual({
      type: "object",
      properties: { flag: { type: "boolean" }, n: { type: "number", enum: [1, 2.5] } },
      required: ["flag"],
      additionalProperties: false,
    });
  });
});

describe("rowIssues", () => {
  it("flags empty and duplicate names with the row they belong to", () => {
    const issues = rowIssues([newRow("a", "city"), newRow("b", ""), newRow("c", " city ")]);
    expect(issues).toEqual([
      { path: "rows.1.name", message: "the argument needs a name" },
      { path: "rows.2.name", message: '"city" is already argument 1' },
    ]);
  });

  it("flags allowed values that are not numbers for numeric arguments", () => {
    const issues = rowIssues([{ ...newRow("a", "n"), type: "integer", enumText: "1, 2.5, abc" }]);
    expect(issues.map((i) => i.message)).toEqual(['"2.5" is not a whole number', '"abc" is not a number']);
  });

  it("finds nothing wrong with good rows", () => {
    expect(rowIssues([newRow("a", "x"), { ...newRow("b", "y"), type: "number", enumText: "1, 2" }])).toEqual([]);
  });
});
