// Catalogues and router replies shared by the code generator tests: the two seed projects, an
// edge-case catalogue (awkward names, nested objects, every keyword the generators translate and some
// they cannot), and differential corpora for formats and patterns. `expected` on a sample is a hand
// label; every sample is also judged by the evaluation oracle (oracle.ts).
import { generateSystemPrompt } from "@/lib/prompt";
import type { CodegenInput, CodegenTool } from "@/lib/codegen";
import { seedProjects } from "@/prisma/seed-data";

export interface Sample {
  label: string;
  text: string;
  expected?: boolean;
  /** Generators that knowingly skip the check this sample exercises (untranslated): they must accept it. */
  lenient?: ("ts" | "py")[];
}

export interface Catalogue {
  id: string;
  input: CodegenInput;
  samples: Sample[];
}

const j = (tool: string, args: unknown) => JSON.stringify({ tool, arguments: args });
const s = (label: string, text: string, expected?: boolean, lenient?: ("ts" | "py")[]): Sample => ({ label, text, expected, lenient });
const call = (label: string, tool: string, args: unknown, expected?: boolean, lenient?: ("ts" | "py")[]) => s(label, j(tool, args), expected, lenient);

function fromSeed(index: number, id: string, samples: Sample[]): Catalogue {
  const p = seedProjects[index];
  return { id, input: { projectName: p.name, outputStyle: p.outputStyle, systemPrompt: generateSystemPrompt(p, p.tools), tools: p.tools }, samples };
}

const envelope: Sample[] = [
  s("no_tool", '{"tool": "no_tool", "reason": "a greeting"}', true),
  s("no_tool without reason", '{"tool": "no_tool"}', false),
  s("no_tool with a number reason", '{"tool": "no_tool", "reason": 3}', false),
  s("no_tool with arguments too", '{"tool": "no_tool", "reason": "x", "arguments": {}}', false),
  s("unknown tool", j("launch_rocket", {}), false),
  s("tool name with wrong case", j("NO_TOOL", {}), false),
  s("not JSON", "Sure! I will look that up.", false),
  s("a JSON string", '"no_tool"', false),
  s("empty array", "[]", false),
  s("array with no_tool", '[{"tool": "no_tool", "reason": "x"}]', false),
  s("NaN is not JSON", '{"tool": "no_tool", "reason": NaN}', false),
  s("fenced no_tool", '```json\n{"tool": "no_tool", "reason": "small talk"}\n```', true),
];

export const customerSupport = fromSeed(0, "customer_support", [
  ...envelope,
  call("track", "track_order", { order_id: "ORD-48213" }, true),
  call("track with email", "track_order", { order_id: "ORD-48213", email: "ann.lee+shop@example.co.uk" }, true),
  call("order id with a trailing newline", "track_order", { order_id: "ORD-48213\n" }, false),
  call("order id with Arabic-Indic digits", "track_order", { order_id: "ORD-٤٨٢١٣" }, false),
  call("bad email", "track_order", { order_id: "ORD-48213", email: "ann@" }, false),
  call("explicit null email", "track_order", { order_id: "ORD-48213", email: null }, false),
  call("missing order id", "track_order", {}, false),
  call("order id as a number", "track_order", { order_id: 48213 }, false),
  call("extra argument", "track_order", { order_id: "ORD-48213", carrier: "UPS" }, false),
  call("no arguments key", "track_order", undefined, false),
  s("extra top-level key", JSON.stringify({ tool: "track_order", arguments: { order_id: "ORD-48213" }, reason: "x" }), false),
  call("refund", "request_refund", { order_id: "ORD-10001", reason: "damaged", amount: 12.5, details: "cracked screen" }, true),
  call("refund, amount 2.0", "request_refund", { order_id: "ORD-10001", reason: "damaged", amount: 2 }, true),
  s("refund, amount written 2.0", '{"tool":"request_refund","arguments":{"order_id":"ORD-10001","reason":"other","amount":2.0}}', true),
  call("refund, negative amount", "request_refund", { order_id: "ORD-10001", reason: "damaged", amount: -1 }, false),
  call("refund, amount as string", "request_refund", { order_id: "ORD-10001", reason: "damaged", amount: "12" }, false),
  call("refund, amount true", "request_refund", { order_id: "ORD-10001", reason: "damaged", amount: true }, false),
  call("refund, unknown reason", "request_refund", { order_id: "ORD-10001", reason: "bored" }, false),
  call("refund, 500-character details", "request_refund", { order_id: "ORD-10001", reason: "other", details: "é".repeat(500) }, true),
  call("refund, 501-character details", "request_refund", { order_id: "ORD-10001", reason: "other", details: "x".repeat(501) }, false),
  call("refund, 300 emoji details (600 UTF-16 units)", "request_refund", { order_id: "ORD-10001", reason: "other", details: "😀".repeat(300) }, true),
  call("escalate", "escalate", { summary: "Customer reports fraud on ORD-12345.", priority: "urgent", channel: "phone" }, true),
  call("escalate, summary too short", "escalate", { summary: "help", priority: "high" }, false),
  call("escalate, missing priority", "escalate", { summary: "Customer is angry about a late order." }, false),
  s("parallel calls", JSON.stringify([{ tool: "track_order", arguments: { order_id: "ORD-11111" } }, { tool: "track_order", arguments: { order_id: "ORD-22222" } }]), true),
  s("parallel calls, one bad", JSON.stringify([{ tool: "track_order", arguments: { order_id: "ORD-11111" } }, { tool: "track_order", arguments: {} }]), false),
  s("fenced call", '```\n{"tool": "track_order", "arguments": {"order_id": "ORD-48213"}}\n```', true),
]);

export const taskManagement = fromSeed(1, "task_management", [
  ...envelope,
  call("create", "create_task", { title: "Call the plumber", due_date: "2024-02-29", priority: "high", tags: ["home", "urgent"] }, true),
  call("create, 29 Feb in a common year", "create_task", { title: "x", due_date: "2023-02-29" }, false),
  call("create, date with a time", "create_task", { title: "x", due_date: "2024-03-01T10:00:00Z" }, false),
  call("create, empty title", "create_task", { title: "" }, false),
  call("create, duplicate tags", "create_task", { title: "x", tags: ["a", "a"] }, false),
  call("create, empty tag", "create_task", { title: "x", tags: [""] }, false),
  call("create, tags not a list", "create_task", { title: "x", tags: "a" }, false),
  call("list, no filters", "list_tasks", {}, true),
  call("list, bad status", "list_tasks", { status: "closed" }, false),
  call("complete", "complete_task", { task_id: 12 }, true),
  s("complete, task 12.0", '{"tool":"complete_task","arguments":{"task_id":12.0}}', true),
  call("complete, task 1.5", "complete_task", { task_id: 1.5 }, false),
  call("complete, task 0", "complete_task", { task_id: 0 }, false),
  call("complete, task 2^60", "complete_task", { task_id: 2 ** 60 }, true),
  call("complete, task as string", "complete_task", { task_id: "12" }, false),
  call("update", "update_task", { task_id: 3, priority: "low" }, true),
  call("delete, confirm as string", "delete_task", { task_id: 3, confirm: "yes" }, false),
  call("delete, confirm 1", "delete_task", { task_id: 3, confirm: 1 }, false),
  s("parallel completes", JSON.stringify([{ tool: "complete_task", arguments: { task_id: 1 } }, { tool: "complete_task", arguments: { task_id: 2 } }]), true),
]);

const point = { type: "object", properties: { x: { type: "number" }, y: { type: "number" } }, required: ["x", "y"], additionalProperties: false };

const edgeTools: CodegenTool[] = [
  {
    name: "get-weather",
    description: 'Weather for a city. Quotes: "double", """triple""", a comment end */ and a\nnew line.',
    parameters: {
      type: "object",
      properties: {
        city: { type: "string", minLength: 1, description: "City name, e.g. \"Zürich\" — or 東京 */" },
        units: { type: "string", enum: ["metric", "imperial"] },
        days: { type: "integer", minimum: 1, maximum: 14 },
        "lat-long": { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
      },
      required: ["city"],
      additionalProperties: false,
    },
  },
  { name: "get_weather", description: "Same Pascal name as get-weather.", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
  {
    name: "class",
    description: "Python keywords, invalid identifiers and BaseModel attribute names as arguments; extra arguments allowed.",
    parameters: {
      type: "object",
      properties: {
        from: { type: "string" }, class: { type: "string" }, "user-name": { type: "string" }, "1st": { type: "boolean" },
        _private: { type: "integer" }, model_name: { type: "string" }, json: { type: "string" }, import: { type: ["string", "null"] },
      },
      required: ["from"],
    },
  },
  {
    name: "nested_order",
    description: "Nested objects, arrays of objects, anyOf, maps, enums and const.",
    parameters: {
      type: "object",
      properties: {
        customer: {
          type: "object",
          properties: { name: { type: "string" }, email: { type: "string", format: "email" } },
          required: ["name"],
          additionalProperties: false,
        },
        lines: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            properties: {
              sku: { type: "string", pattern: "^[A-Z]{3}-\\d+$" },
              qty: { type: "integer", exclusiveMinimum: 0 },
              price: { type: "number", multipleOf: 0.01 },
            },
            required: ["sku", "qty"],
            additionalProperties: false,
          },
        },
        coupon: { anyOf: [{ type: "string", maxLength: 8 }, { type: "null" }] },
        note: { type: "string", maxLength: 3 },
        meta: { type: "object", additionalProperties: { type: "integer" } },
        flags: { type: "array", uniqueItems: true },
        level: { enum: [1, 2, "max", null, true] },
        fixed: { const: "fixed" },
        shape: { type: "object", properties: {}, additionalProperties: false, minProperties: 0 },
      },
      required: ["customer", "lines"],
      additionalProperties: false,
    },
  },
  {
    name: "route",
    description: "Local $refs into $defs.",
    parameters: { type: "object", $defs: { point }, properties: { from: { $ref: "#/$defs/point" }, to: { $ref: "#/$defs/point" } }, required: ["from", "to"], additionalProperties: false },
  },
  {
    name: "hard",
    description: "Keywords the generators cannot translate, and some only zod can.",
    parameters: {
      type: "object",
      properties: {
        headers: { type: "object", patternProperties: { "^x-": { type: "string" } } },
        either: { oneOf: [{ type: "string" }, { type: "integer" }] },
        never_string: { not: { type: "string" } },
        pair: { type: "array", items: [{ type: "string" }, { type: "integer" }] },
        two_thousand_only: { type: "array", prefixItems: [{ type: "string" }] },
      },
      additionalProperties: false,
    },
  },
  {
    name: "draft2020",
    description: "A 2020-12 tool.",
    parameters: {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { label: { type: "string" }, code: { type: "string" } },
      dependentRequired: { label: ["code"] },
      additionalProperties: false,
    },
  },
  { name: "noargs", description: "", parameters: { type: "object", properties: {}, additionalProperties: false } },
];

const edgeSamples: Sample[] = [
  ...envelope,
  call("weather", "get-weather", { city: "Zürich", units: "metric", days: 3, "lat-long": [47.37, 8.54] }, true),
  call("weather, 15 days", "get-weather", { city: "Oslo", days: 15 }, false),
  call("weather, lat-long of 3", "get-weather", { city: "Oslo", "lat-long": [1, 2, 3] }, false),
  call("weather, empty city", "get-weather", { city: "" }, false),
  call("get_weather is a different tool", "get_weather", { city: "Oslo", extra: true }, true),
  call("class, awkward names", "class", { from: "a", class: "b", "user-name": "c", "1st": true, _private: 1, model_name: "m", json: "j", import: null }, true),
  call("class, extra argument allowed", "class", { from: "a", anything: [1, 2] }, true),
  call("class, '1st' not a boolean", "class", { from: "a", "1st": "yes" }, false),
  call("class, python name instead of JSON name", "class", { from_: "a" }, false),
  call("class, 'from' missing", "class", { class: "b" }, false),
  call("class, import as number", "class", { from: "a", import: 3 }, false),
  call("order", "nested_order", { customer: { name: "Ann", email: "ann@example.com" }, lines: [{ sku: "ABC-1", qty: 2, price: 9.99 }], coupon: null, note: "😀😀😀", meta: { a: 1 }, flags: [1, "1", [1], { a: 1 }], level: "max", fixed: "fixed", shape: {} }, true),
  call("order, nested extra key", "nested_order", { customer: { name: "Ann", vip: true }, lines: [{ sku: "ABC-1", qty: 1 }] }, false),
  call("order, nested missing name", "nested_order", { customer: {}, lines: [{ sku: "ABC-1", qty: 1 }] }, false),
  call("order, no lines", "nested_order", { customer: { name: "Ann" }, lines: [] }, false),
  call("order, bad sku", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "abc-1", qty: 1 }] }, false),
  call("order, qty 0", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 0 }] }, false),
  call("order, price 0.3 (float multipleOf)", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1, price: 0.3 }] }),
  call("order, price 0.125", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1, price: 0.125 }] }, false),
  call("order, long coupon", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], coupon: "123456789" }, false),
  call("order, four emoji note", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], note: "😀😀😀😀" }, false),
  call("order, meta value a string", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], meta: { a: "1" } }, false),
  call("order, duplicate flags 1 and 1.0", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], flags: [{ a: [1] }, { a: [1] }] }, false),
  call("order, level true", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], level: true }, true),
  call("order, level 1", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], level: 1 }, true),
  call("order, level false", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], level: false }, false),
  call("order, level 3", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], level: 3 }, false),
  call("order, level null", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], level: null }, true),
  s("order, level 2.0", '{"tool":"nested_order","arguments":{"customer":{"name":"Ann"},"lines":[{"sku":"ABC-1","qty":1}],"level":2.0}}', true),
  call("order, fixed wrong", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], fixed: "other" }, false),
  call("order, shape not empty", "nested_order", { customer: { name: "Ann" }, lines: [{ sku: "ABC-1", qty: 1 }], shape: { a: 1 } }, false),
  call("route", "route", { from: { x: 0, y: 1.5 }, to: { x: -3, y: 4 } }, true),
  call("route, point missing y", "route", { from: { x: 0 }, to: { x: 1, y: 1 } }, false),
  call("route, point extra z", "route", { from: { x: 0, y: 0, z: 0 }, to: { x: 1, y: 1 } }, false),
  call("hard, all fine", "hard", { headers: { "x-id": "1" }, either: "a", never_string: 3, pair: ["a", 1], two_thousand_only: [1] }, true),
  call("hard, either 1.5", "hard", { either: 1.5 }, false, ["py"]),
  call("hard, never_string a string", "hard", { never_string: "s" }, false, ["py"]),
  call("hard, headers x- not a string", "hard", { headers: { "x-id": 1 } }, false, ["ts", "py"]),
  call("hard, pair wrong types", "hard", { pair: [1, "a"] }, false, ["ts", "py"]),
  call("hard, prefixItems ignored in draft-07", "hard", { two_thousand_only: [1] }, true),
  call("hard, unknown argument", "hard", { other: 1 }, false),
  call("draft2020", "draft2020", { label: "a", code: "b" }, true),
  call("draft2020, label without code", "draft2020", { label: "a" }, false),
  call("noargs", "noargs", {}, true),
  call("noargs with an argument", "noargs", { a: 1 }, false),
];

export const edge: Catalogue = {
  id: "edge",
  input: {
    projectName: 'Edge "cases" */ \\ """ \u2028 end',
    outputStyle: "router_json",
    systemPrompt: 'Line one with "quotes", \\backslashes\\, """triple""", `backticks` and ${template}.\n\tTabbed \u2028 line separator, NUL \u0000, emoji 😀, */ done.\n',
    tools: edgeTools,
  },
  samples: edgeSamples,
};
