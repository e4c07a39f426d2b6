import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_DIALECT, buildJsonSchemaBundle, embedParameters, generateJsonSchemaBundle } from "@/lib/codegen/json-schema-bundle";
import { corpus } from "./corpus";
import { customerSupport, edge, taskManagement } from "./fixtures";
import { judge } from "./oracle";
import { quietUnknownFormats } from "./workdir";

let restoreWarn = () => {};
beforeAll(() => {
  restoreWarn = quietUnknownFormats();
});
afterAll(() => restoreWarn());

// Options as the evaluation's argument validator (lenient about odd schemas), formats asserted.
const newAjv = (strict = false) => {
  const ajv = new Ajv2020({ allErrors: true, strict, allowUnionTypes: true, logger: false });
  addFormats(ajv);
  return ajv;
};

function validators(cat: typeof edge) {
  const bundle = buildJsonSchemaBundle(cat.input);
  const ajv = newAjv();
  return { bundle, call: ajv.compile(bundle.call), calls: ajv.compile(bundle.calls) };
}

const FENCE = /^\s*```(?:json)?[ \t]*\r?\n?([\s\S]*?)\r?\n?\s*```\s*$/i;
function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  for (const t of [text, FENCE.exec(text)?.[1]]) {
    if (t === undefined) continue;
    try {
      return { ok: true, value: JSON.parse(t) };
    } catch {
      /* try the fenced body */
    }
  }
  return { ok: false };
}

describe("generateJsonSchemaBundle", () => {
  it("is one JSON document with the prompt, the style, the tools as stored and both schemas", () => {
    const doc = JSON.parse(generateJsonSchemaBundle(customerSupport.input));
    expect(doc.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(doc.title).toBe("Customer support router tool catalogue");
    expect(doc.systemPrompt).toBe(customerSupport.input.systemPrompt);
    expect(doc.outputStyle).toBe("router_json");
    expect(doc.tools).toEqual(customerSupport.input.tools);
    expect(doc.call.$schema).toBe(BUNDLE_DIALECT);
    expect(doc.call.oneOf.map((b: { title: string }) => b.title)).toEqual(["track_order", "request_refund", "escalate", "no_tool"]);
    expect(doc.calls).toMatchObject({ type: "array", minItems: 1 });
  });

  it("compiles in Ajv's strict mode for the seed catalogues", () => {
    for (const cat of [customerSupport, taskManagement]) {
      const ajv = newAjv(true);
      const b = buildJsonSchemaBundle(cat.input);
      expect(() => ajv.compile(b.call)).not.toThrow();
      expect(() => ajv.compile(b.calls)).not.toThrow();
    }
  });

  for (const cat of [customerSupport, taskManagement, edge, corpus]) {
    it(`accepts and rejects exactly what the evaluation does: ${cat.id} (${cat.samples.length} replies)`, () => {
      const v = validators(cat);
      const wrong: string[] = [];
      for (const sample of cat.samples) {
        const want = judge(sample.text, cat.input.tools);
        if (sample.expected !== undefined) expect(want, `oracle vs hand label: ${sample.label}`).toBe(sample.expected);
        const parsed = parse(sample.text);
        const got = parsed.ok && (Array.isArray(parsed.value) ? v.calls(parsed.value) : v.call(parsed.value));
        if (got !== want) wrong.push(`${sample.label}: schema says ${got}, evaluation ${want}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("with no tools, `call` admits only no_tool and `calls` nothing", () => {
    const v = validators({ id: "empty", input: { ...edge.input, tools: [] }, samples: [] });
    expect(v.call({ tool: "no_tool", reason: "hi" })).toBe(true);
    expect(v.call({ tool: "x", arguments: {} })).toBe(false);
    expect(v.calls([{ tool: "x", arguments: {} }])).toBe(false);
  });
});

describe("embedParameters", () => {
  it("re-roots local $refs at the place the parameters are embedded", () => {
    const out = embedParameters({ $defs: { p: { type: "string" } }, properties: { a: { $ref: "#/$defs/p" }, self: { $ref: "#" } } }, "/oneOf/2/properties/arguments");
    expect(out).toMatchObject({ properties: { a: { $ref: "#/oneOf/2/properties/arguments/$defs/p" }, self: { $ref: "#/oneOf/2/properties/arguments" } } });
  });

  it("turns draft-07 tuple items into prefixItems and drops the keywords draft-07 ignores", () => {
    const out = embedParameters(
      { type: "object", properties: { t: { type: "array", items: [{ type: "string" }], additionalItems: false }, p: { prefixItems: [{ type: "string" }], dependentRequired: {} } } },
      "",
    );
    expect(out).toEqual({ type: "object", properties: { t: { type: "array", prefixItems: [{ type: "string" }], items: false }, p: {} } });
  });

  it("keeps a 2020-12 tool's keywords and drops its $schema and $id", () => {
    const out = embedParameters({ $schema: "https://json-schema.org/draft/2020-12/schema", $id: "x", prefixItems: [true], enum: [{ $ref: "#/data" }] }, "/b");
    expect(out).toEqual({ prefixItems: [true], enum: [{ $ref: "#/data" }] });
  });
});
