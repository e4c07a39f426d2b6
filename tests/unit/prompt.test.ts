import { describe, expect, it } from "vitest";
import {
  effectiveSystemPrompt,
  generateSystemPrompt,
  toolSignature,
  typeOf,
  type PromptProject,
  type PromptTool,
} from "@/lib/prompt";

const NO_TOOL_LINE =
  '- when no tool applies (a greeting or small talk, an information request you can answer without a tool, a request outside these tools, or a required argument is missing): {"tool": "no_tool", "reason": "<short reason>"}';
const PARALLEL_LINE = "- when the request needs several calls: a JSON array of such tool objects.";

const router: PromptProject = { name: "Shop", outputStyle: "router_json", parallelToolCalls: false };
const native: PromptProject = { name: "Shop", outputStyle: "native_tools", parallelToolCalls: false };

const getOrder: PromptTool = {
  name: "get_order",
  description: "Look up an order by its id.",
  parameters: {
    type: "object",
    properties: { order_id: { type: "string" }, include_items: { type: "boolean" } },
    required: ["order_id"],
  },
};

const cancelOrder: PromptTool = {
  name: "cancel_order",
  description: "Cancel an order.",
  parameters: {
    type: "object",
    properties: { order_id: { type: "string" }, reason: { enum: ["changed_mind", "too_slow"] } },
    required: ["order_id", "reason"],
  },
};

describe("typeOf", () => {
  it("names a plain type", () => {
    expect(typeOf({ type: "string" })).toBe("string");
    expect(typeOf({ type: "integer" })).toBe("integer");
    expect(typeOf({ type: "boolean" })).toBe("boolean");
  });

  it("writes an enum as a union of JSON literals", () => {
    expect(typeOf({ enum: ["a", "b"] })).toBe('"a" | "b"');
    expect(typeOf({ type: "integer", enum: [1, 2, 3] })).toBe("1 | 2 | 3");
  });

  it("prefers the enum over the declared type", () => {
    expect(typeOf({ type: "string", enum: ["x"] })).toBe('"x"');
  });

  it("writes a const as its JSON literal", () => {
    expect(typeOf({ const: "fixed" })).toBe('"fixed"');
  });

  it("writes an array of a simple type with []", () => {
    expect(typeOf({ type: "array", items: { type: "string" } })).toBe("string[]");
  });

  it("wraps an array of enums in parentheses", () => {
    expect(typeOf({ type: "array", items: { enum: ["a", "b"] } })).toBe('("a" | "b")[]');
  });

  it("wraps an array of a union type in parentheses", () => {
    expect(typeOf({ type: "array", items: { type: ["string", "null"] } })).toBe("(string | null)[]");
  });

  it("writes an array without items as any[]", () => {
    expect(typeOf({ type: "array" })).toBe("any[]");
  });

  it("writes a union of types with |", () => {
    expect(typeOf({ type: ["string", "null"] })).toBe("string | null");
    expect(typeOf({ type: ["integer", "string"] })).toBe("integer | string");
  });

  it("writes a nested object with its properties, marking optional ones with ?", () => {
    expect(
      typeOf({ type: "object", properties: { a: { type: "string" }, b: { type: "number" } }, required: ["a"] }),
    ).toBe("{a: string, b?: number}");
  });

  it("writes an object without properties as object", () => {
    expect(typeOf({ type: "object" })).toBe("object");
  });

  it("writes anyOf and oneOf as unions of their branches", () => {
    expect(typeOf({ anyOf: [{ type: "string" }, { type: "integer" }] })).toBe("string | integer");
    expect(typeOf({ oneOf: [{ type: "string" }, { type: "null" }] })).toBe("string | null");
  });

  it("writes any when the type is missing or the schema is not an object", () => {
    expect(typeOf({})).toBe("any");
    expect(typeOf({ description: "no type" })).toBe("any");
    expect(typeOf(null)).toBe("any");
    expect(typeOf(undefined)).toBe("any");
    expect(typeOf("string")).toBe("any");
  });
});

describe("toolSignature", () => {
  it("marks optional arguments with ? and leaves required ones bare", () => {
    expect(toolSignature(getOrder)).toBe("get_order(order_id: string, include_items?: boolean)");
  });

  it("keeps the property order of the schema, not the order of required", () => {
    const tool: PromptTool = {
      name: "t",
      description: "",
      parameters: {
        type: "object",
        properties: { zeta: { type: "string" }, alpha: { type: "integer" }, mid: { type: "boolean" } },
        required: ["mid", "alpha"],
      },
    };
    expect(toolSignature(tool)).toBe("t(zeta?: string, alpha: integer, mid: boolean)");
  });

  it("treats every argument as optional when required is missing", () => {
    const tool: PromptTool = {
      name: "search",
      description: "",
      parameters: { type: "object", properties: { q: { type: "string" }, limit: { type: "integer" } } },
    };
    expect(toolSignature(tool)).toBe("search(q?: string, limit?: integer)");
  });

  it("writes empty parentheses for a tool without properties", () => {
    expect(toolSignature({ name: "ping", description: "", parameters: { type: "object" } })).toBe("ping()");
  });

  it("writes enum, array and nested object arguments compactly", () => {
    const tool: PromptTool = {
      name: "ship",
      description: "",
      parameters: {
        type: "object",
        properties: {
          speed: { enum: ["standard", "express"] },
          skus: { type: "array", items: { type: "string" } },
          address: { type: "object", properties: { zip: { type: "string" } }, required: ["zip"] },
        },
        required: ["speed", "skus", "address"],
      },
    };
    expect(toolSignature(tool)).toBe('ship(speed: "standard" | "express", skus: string[], address: {zip: string})');
  });
});

describe("generateSystemPrompt (router_json)", () => {
  it("produces the whole router prompt for a catalogue", () => {
    expect(generateSystemPrompt(router, [getOrder, cancelOrder])).toBe(
      [
        "You are the tool router for Shop. Decide whether the user's latest request needs one of these tools:",
        "",
        "- get_order(order_id: string, include_items?: boolean)",
        "  Look up an order by its id.",
        '- cancel_order(order_id: string, reason: "changed_mind" | "too_slow")',
        "  Cancel an order.",
        "",
        "Reply with one JSON object and nothing else:",
        '- to call a tool: {"tool": "<tool name>", "arguments": {<arguments as in its signature>}}',
        NO_TOOL_LINE,
        "Never invent argument values. Arguments marked ? are optional. If a required argument is missing, answer no_tool and name it in the reason.",
      ].join("\n"),
    );
  });

  it("includes the no_tool JSON instruction", () => {
    const prompt = generateSystemPrompt(router, [getOrder]);
    expect(prompt.split("\n")).toContain(NO_TOOL_LINE);
    expect(prompt).toContain('{"tool": "no_tool", "reason": "<short reason>"}');
  });

  it("includes each tool's description on the line after its signature", () => {
    const lines = generateSystemPrompt(router, [getOrder, cancelOrder]).split("\n");
    const i = lines.indexOf("- cancel_order(order_id: string, reason: \"changed_mind\" | \"too_slow\")");
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toBe("  Cancel an order.");
  });

  it("flattens newlines in a description into single spaces and trims it", () => {
    const tool: PromptTool = { ...getOrder, description: "  First line.\n   Second line.\r\nThird line.  \n" };
    const lines = generateSystemPrompt(router, [tool]).split("\n");
    expect(lines).toContain("  First line. Second line. Third line.");
    expect(lines.filter((l) => l.includes("line."))).toHaveLength(1);
  });

  it("omits the description line for a blank description", () => {
    const tool: PromptTool = { ...getOrder, description: "   " };
    const lines = generateSystemPrompt(router, [tool]).split("\n");
    const i = lines.indexOf("- get_order(order_id: string, include_items?: boolean)");
    expect(lines[i + 1]).toBe("");
  });

  it("says there are no tools yet for an empty catalogue", () => {
    expect(generateSystemPrompt(router, []).split("\n")).toContain("(no tools yet)");
    expect(generateSystemPrompt(router, [getOrder])).not.toContain("(no tools yet)");
  });

  it("adds the parallel array line only when parallel tool calls are on", () => {
    expect(generateSystemPrompt(router, [getOrder]).split("\n")).not.toContain(PARALLEL_LINE);
    const parallel = generateSystemPrompt({ ...router, parallelToolCalls: true }, [getOrder]).split("\n");
    expect(parallel).toContain(PARALLEL_LINE);
    expect(parallel.indexOf(PARALLEL_LINE)).toBe(parallel.indexOf(NO_TOOL_LINE) + 1);
  });

  it("lists tools in the order given", () => {
    const prompt = generateSystemPrompt(router, [cancelOrder, getOrder]);
    expect(prompt.indexOf("- cancel_order(")).toBeLessThan(prompt.indexOf("- get_order("));
  });
});

describe("generateSystemPrompt (native_tools)", () => {
  it("produces a short assistant prompt without tool signatures or a JSON instruction", () => {
    const prompt = generateSystemPrompt(native, [getOrder]);
    expect(prompt.split("\n")[0]).toBe("You are the assistant for Shop.");
    expect(prompt).not.toContain("JSON");
    expect(prompt).not.toContain('"tool"');
    expect(prompt).not.toContain("get_order");
    expect(prompt).toContain("do not call a tool: reply briefly in plain text");
  });

  it("does not add the parallel array line even when parallel calls are on", () => {
    expect(generateSystemPrompt({ ...native, parallelToolCalls: true }, [getOrder])).not.toContain(PARALLEL_LINE);
  });
});

describe("effectiveSystemPrompt", () => {
  it("uses the override when it is set", () => {
    const project = { ...router, systemPromptOverride: "Custom prompt.\nLine two." };
    expect(effectiveSystemPrompt(project, [getOrder])).toBe("Custom prompt.\nLine two.");
  });

  it("ignores a blank override and generates the prompt", () => {
    const generated = generateSystemPrompt(router, [getOrder]);
    expect(effectiveSystemPrompt({ ...router, systemPromptOverride: "   \n\t" }, [getOrder])).toBe(generated);
    expect(effectiveSystemPrompt({ ...router, systemPromptOverride: "" }, [getOrder])).toBe(generated);
  });

  it("generates the prompt when the override is null or absent", () => {
    const generated = generateSystemPrompt(router, [getOrder]);
    expect(effectiveSystemPrompt({ ...router, systemPromptOverride: null }, [getOrder])).toBe(generated);
    expect(effectiveSystemPrompt(router, [getOrder])).toBe(generated);
  });
});
