import { describe, expect, it } from "vitest";
import { checkToolSchema } from "@/lib/validation/tool-schema";

const NOT_OBJECT = [{ path: "", message: "parameters must be a JSON object (a JSON Schema)" }];
const TOP_LEVEL = [{ path: "type", message: 'the top level must be { "type": "object" } (OpenAI function parameters)' }];

describe("checkToolSchema", () => {
  it("accepts a valid object schema", () => {
    expect(
      checkToolSchema({
        type: "object",
        properties: { order_id: { type: "string", minLength: 1 }, qty: { type: "integer", minimum: 1 } },
        required: ["order_id"],
        additionalProperties: false,
      }),
    ).toEqual([]);
  });

  it("accepts an object schema with no properties", () => {
    expect(checkToolSchema({ type: "object", properties: {} })).toEqual([]);
  });

  it("rejects parameters that are an array, null, a string or a number", () => {
    expect(checkToolSchema([])).toEqual(NOT_OBJECT);
    expect(checkToolSchema([{ type: "object" }])).toEqual(NOT_OBJECT);
    expect(checkToolSchema(null)).toEqual(NOT_OBJECT);
    expect(checkToolSchema("{}")).toEqual(NOT_OBJECT);
    expect(checkToolSchema(42)).toEqual(NOT_OBJECT);
    expect(checkToolSchema(undefined)).toEqual(NOT_OBJECT);
  });

  it("reports a misspelt type value at its path inside the schema", () => {
    const issues = checkToolSchema({ type: "object", properties: { x: { type: "strin" } } });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path === "properties.x.type")).toBe(true);
    expect(issues).toContainEqual({
      path: "properties.x.type",
      message: "must be equal to one of the allowed values (array, boolean, integer, null, number, object, string)",
    });
  });

  it("does not report the same problem twice", () => {
    const issues = checkToolSchema({ type: "object", properties: { x: { type: "strin" } } });
    const keys = issues.map((i) => `${i.path}|${i.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("rejects a top level that is not an object", () => {
    expect(checkToolSchema({ type: "array", items: { type: "string" } })).toEqual(TOP_LEVEL);
    expect(checkToolSchema({ type: "string" })).toEqual(TOP_LEVEL);
  });

  it("rejects a top level without a type", () => {
    expect(checkToolSchema({ properties: { x: { type: "string" } } })).toEqual(TOP_LEVEL);
  });

  it("rejects required naming a property that does not exist", () => {
    expect(
      checkToolSchema({ type: "object", properties: { x: { type: "string" } }, required: ["x", "y"] }),
    ).toEqual([{ path: "required", message: '"y" is required but is not in properties' }]);
  });

  it("rejects required names when there are no properties at all", () => {
    expect(checkToolSchema({ type: "object", required: ["a", "b"] })).toEqual([
      { path: "required", message: '"a" is required but is not in properties' },
      { path: "required", message: '"b" is required but is not in properties' },
    ]);
  });

  it("reports both a non-object top level and a missing required property", () => {
    expect(checkToolSchema({ type: "array", required: ["a"] })).toEqual([
      ...TOP_LEVEL,
      { path: "required", message: '"a" is required but is not in properties' },
    ]);
  });

  it("rejects a misspelt keyword inside a property and names it", () => {
    expect(checkToolSchema({ type: "object", properties: { x: { type: "string", minLenght: 3 } } })).toEqual([
      { path: "", message: 'unknown keyword: "minLenght"' },
    ]);
  });

  it("rejects a misspelt keyword at the top level and names it", () => {
    expect(checkToolSchema({ type: "object", properties: { x: { type: "string" } }, requried: ["x"] })).toEqual([
      { path: "", message: 'unknown keyword: "requried"' },
    ]);
  });

  it("rejects an unknown format and names it", () => {
    const issues = checkToolSchema({ type: "object", properties: { x: { type: "string", format: "emial" } } });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("");
    expect(issues[0].message).toContain('unknown format "emial"');
    expect(issues[0].message).not.toMatch(/^strict mode/);
  });

  it("accepts the known formats email, date and uri", () => {
    expect(
      checkToolSchema({
        type: "object",
        properties: {
          e: { type: "string", format: "email" },
          d: { type: "string", format: "date" },
          u: { type: "string", format: "uri" },
        },
      }),
    ).toEqual([]);
  });

  it("accepts a draft 2020-12 schema that uses prefixItems", () => {
    expect(
      checkToolSchema({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        properties: { point: { type: "array", prefixItems: [{ type: "number" }, { type: "number" }] } },
      }),
    ).toEqual([]);
  });

  it("treats prefixItems as an unknown keyword when the schema does not declare draft 2020-12", () => {
    expect(
      checkToolSchema({ type: "object", properties: { point: { type: "array", prefixItems: [{ type: "number" }] } } }),
    ).toEqual([{ path: "", message: 'unknown keyword: "prefixItems"' }]);
  });

  it("accepts an explicit draft-07 $schema", () => {
    expect(
      checkToolSchema({
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        properties: { x: { type: "string" } },
      }),
    ).toEqual([]);
  });

  it("accepts a schema that uses $defs and a local $ref", () => {
    const schema = {
      type: "object",
      $defs: { address: { type: "object", properties: { zip: { type: "string" } }, required: ["zip"] } },
      properties: { ship_to: { $ref: "#/$defs/address" }, bill_to: { $ref: "#/$defs/address" } },
      required: ["ship_to"],
    };
    expect(checkToolSchema(schema)).toEqual([]);
    expect(checkToolSchema({ ...schema, $schema: "https://json-schema.org/draft/2020-12/schema" })).toEqual([]);
  });

  it("rejects a $ref that points nowhere", () => {
    const issues = checkToolSchema({ type: "object", properties: { a: { $ref: "#/$defs/missing" } } });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("");
    expect(issues[0].message).toContain("#/$defs/missing");
  });

  it("accepts the same schema with an $id when it is checked again", () => {
    const schema = { $id: "https://example.com/tools/get_order.json", type: "object", properties: { x: { type: "string" } } };
    expect(checkToolSchema(schema)).toEqual([]);
    expect(checkToolSchema(schema)).toEqual([]);
    expect(checkToolSchema({ ...schema })).toEqual([]);
  });

  it("accepts two different schemas that share an $id", () => {
    const $id = "https://example.com/tools/shared.json";
    expect(checkToolSchema({ $id, type: "object", properties: { a: { type: "string" } } })).toEqual([]);
    expect(checkToolSchema({ $id, type: "object", properties: { b: { type: "integer" } } })).toEqual([]);
  });

  it("does not change the schema it checks", () => {
    const schema = { $id: "https://example.com/t.json", type: "object", properties: { x: { type: "string" } } };
    const copy = structuredClone(schema);
    checkToolSchema(schema);
    expect(schema).toEqual(copy);
  });
});

describe("unsupported $schema dialects", () => {
  it("reports a draft-04 or misspelt $schema as an issue on $schema instead of throwing", () => {
    for (const dialect of ["http://json-schema.org/draft-04/schema#", "https://json-schema.org/draft/2019-09/schema", "htp://typo"]) {
      const issues = checkToolSchema({ $schema: dialect, type: "object", properties: {} });
      expect(issues).toHaveLength(1);
      expect(issues[0].path).toBe("$schema");
      expect(issues[0].message).toContain("unsupported $schema");
    }
  });
});
