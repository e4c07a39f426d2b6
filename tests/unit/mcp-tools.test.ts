import { describe, expect, it } from "vitest";
import { lineColumn, parsePastedToolsList, toolsFromMcp } from "@/lib/catalogue/mcp-tools";

const schema = { type: "object", properties: { q: { type: "string" } }, required: ["q"] };

describe("toolsFromMcp", () => {
  it("makes inputSchema the parameters and description the description, keeping the schema's key order", () => {
    const input = { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { q: { type: "string" } } };
    const { tools, rejected } = toolsFromMcp([
      { name: "search", description: "Search docs", inputSchema: input, annotations: { readOnlyHint: true } },
    ]);
    expect(rejected).toEqual([]);
    expect(tools).toEqual([{ name: "search", description: "Search docs", parameters: input }]);
    expect(Object.keys(tools[0].parameters)).toEqual(["$schema", "type", "properties"]);
  });

  it("falls back to the title, then to an empty description", () => {
    const { tools } = toolsFromMcp([
      { name: "a", title: "Tool A", inputSchema: schema },
      { name: "b", inputSchema: schema },
    ]);
    expect(tools.map((t) => t.description)).toEqual(["Tool A", ""]);
  });

  it("rejects, with the field, what the catalogue could not save", () => {
    const { tools, rejected } = toolsFromMcp([
      { name: "fs.read", inputSchema: schema },
      { name: "no_tool", inputSchema: schema },
      { description: "nameless", inputSchema: schema },
      { name: "long", description: "x".repeat(4001), inputSchema: schema },
      { name: "no_schema" },
      { name: "array_top", inputSchema: { type: "array" } },
      { name: "typo", inputSchema: { type: "object", properties: { q: { type: "string", minLenght: 2 } } } },
      { name: "ghost", inputSchema: { type: "object", properties: {}, required: ["q"] } },
      { name: "ok", inputSchema: schema },
      { name: "ok", inputSchema: { type: "object" } },
      "not an object",
    ]);
    expect(tools.map((t) => t.name)).toEqual(["ok"]);
    expect(rejected.map((r) => [r.name, r.field])).toEqual([
      ["fs.read", "name"],
      ["no_tool", "name"],
      ["(tool 3)", "name"],
      ["long", "description"],
      ["no_schema", "inputSchema"],
      ["array_top", "inputSchema.type"],
      ["typo", "inputSchema"],
      ["ghost", "inputSchema.required"],
      ["ok", "name"],
      ["(tool 11)", ""],
    ]);
    expect(rejected[7].message).toBe('"q" is required but is not in properties');
    expect(rejected[6].message).toMatch(/minLenght/);
    expect(rejected[8].message).toBe("the server lists this name twice");
  });
});

describe("parsePastedToolsList", () => {
  const tool = { name: "a", inputSchema: schema };
  it("takes a tools/list result, a JSON-RPC answer holding one, or a bare array", () => {
    expect(parsePastedToolsList(JSON.stringify({ tools: [tool], nextCursor: "x" }))).toEqual([tool]);
    expect(parsePastedToolsList(JSON.stringify({ jsonrpc: "2.0", id: 1, result: { tools: [tool] } }))).toEqual([tool]);
    expect(parsePastedToolsList(JSON.stringify([tool]))).toEqual([tool]);
  });

  it("says at which line and column the JSON breaks", () => {
    expect(() => parsePastedToolsList('[\n  {"name": "a"},\n  {"name" "b"}\n]')).toThrow(
      /^the pasted text is not valid JSON at line 3, column 11: /,
    );
    expect(() => parsePastedToolsList('{"tools": [')).toThrow(/at line 1, column 12/);
  });

  it("names the expected shape when the JSON is something else", () => {
    expect(() => parsePastedToolsList('{"result": {}}')).toThrow('expected {"tools": [...]} or an array of tools');
  });
});

describe("lineColumn", () => {
  it("counts 1-based lines and columns", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
