// One passing and one failing case for every rule of BFCL's AST checker (shared/bfcl-rules.md), scored
// in bfcl mode through the public entry point, the way an eval scores a model's native tool calls.
import { describe, expect, it } from "vitest";
import { scoreExample, type ExampleScore, type GoldTarget, type MatchMode, type ScoringTool } from "@/lib/scoring";

function tool(name: string, properties: Record<string, unknown>, required: string[] = []): ScoringTool {
  return { name, parameters: { type: "object", properties, required } };
}

/** Scores one native call (arguments as JSON text, so 5.0 stays a float) against one gold call. */
function one(
  t: ScoringTool,
  args: string,
  answer: Record<string, unknown[]>,
  opts: { name?: string; mode?: MatchMode } = {},
): ExampleScore {
  return scoreExample({
    output: { tool_calls: [{ function: { name: opts.name ?? t.name, arguments: args } }] },
    gold: { kind: "tool_calls", calls: [{ name: t.name, arguments: answer }] },
    tools: [t],
    style: "native_tools",
    mode: opts.mode ?? "bfcl",
  });
}

function expectPass(s: ExampleScore) {
  expect({ correct: s.correct, reason: s.reason }).toEqual({ correct: true, reason: "" });
}

/** BFCL's own failure: the checker's first argument error (Ajv's schema errors aside), else the reason. */
function expectFail(s: ExampleScore, failure: RegExp) {
  expect(s.correct).toBe(false);
  expect(s.argErrors.find((e) => e.kind !== "schema")?.message ?? s.reason).toMatch(failure);
}

const weather = tool("get_weather", { city: { type: "string" }, unit: { type: "string" } }, ["city"]);

describe("bfcl rule 1: the name must equal the expected name exactly", () => {
  it("passes the exact name", () => expectPass(one(weather, '{"city": "Paris"}', { city: ["Paris"] })));
  it("fails a name that differs only in case", () =>
    expectFail(one(weather, '{"city": "Paris"}', { city: ["Paris"] }, { name: "Get_Weather" }), /unknown tool Get_Weather/));
});

describe("bfcl rule 2: every parameter the schema requires must be present", () => {
  it("passes when the required parameter is given", () => expectPass(one(weather, '{"city": "Paris"}', { city: ["Paris", ""] })));
  it("fails a missing required parameter even when the answer marks it optional", () =>
    expectFail(
      one(weather, '{"unit": "C"}', { city: ["", "Paris"], unit: ["C"] }),
      /^missing argument 'city' \(required by get_weather\)$/,
    ));
});

describe("bfcl rule 3: each argument must be in the schema and among the answer's keys", () => {
  it("passes an argument the answer lists", () =>
    expectPass(one(weather, '{"city": "Paris", "unit": "C"}', { city: ["Paris"], unit: ["C", ""] })));
  it("fails a schema-valid argument the answer does not mention", () => {
    const s = one(weather, '{"city": "Paris", "unit": "C"}', { city: ["Paris"] });
    expectFail(s, /^extra argument 'unit' not in the gold answer$/);
    expect(s.valid).toBe(true);
    expect(s.argErrors).toEqual([
      { tool: "get_weather", argument: "unit", kind: "unexpected", message: "extra argument 'unit' not in the gold answer" },
    ]);
  });
});

describe("bfcl rule 3: types are compared strictly", () => {
  const t = tool("f", {
    s: { type: "string" },
    i: { type: "integer" },
    x: { type: "number" },
    b: { type: "boolean" },
    l: { type: "array" },
    d: { type: "object" },
  });
  it("passes a string for a string and fails a number for it", () => {
    expectPass(one(t, '{"s": "5"}', { s: ["5"] }));
    expectFail(one(t, '{"s": 5}', { s: ["5"] }), /^s: expected a string, got an integer \(5\)$/);
  });
  it('passes an integer for an integer and fails the string "5"', () => {
    expectPass(one(t, '{"i": 5}', { i: [5] }));
    expectFail(one(t, '{"i": "5"}', { i: [5] }), /^i: expected an integer, got a string \("5"\)$/);
  });
  it("fails 5.0 for an integer, though JSON Schema would accept it", () => {
    const s = one(t, '{"i": 5.0}', { i: [5] });
    expectFail(s, /^i: expected an integer, got a number \(5\.0\)$/);
    expect(s.valid).toBe(true);
  });
  it("accepts an integer for a float (the only coercion) and fails a string for it", () => {
    expectPass(one(t, '{"x": 5}', { x: [5.0] }));
    expectFail(one(t, '{"x": "5"}', { x: [5.0] }), /^x: expected a number, got a string/);
  });
  it("passes a boolean for a boolean and fails 1 for it: a boolean is not an integer either way", () => {
    expectPass(one(t, '{"b": true}', { b: [true] }));
    expectFail(one(t, '{"b": 1}', { b: [true] }), /^b: expected a boolean, got an integer \(1\)$/);
    expectFail(one(t, '{"i": true}', { i: [1] }), /^i: expected an integer, got a boolean \(true\)$/);
  });
  it("passes a list for an array and fails a string for it; passes a dict for an object and fails a list", () => {
    expectPass(one(t, '{"l": ["a"]}', { l: [["a"]] }));
    expectFail(one(t, '{"l": "a"}', { l: [["a"]] }), /^l: expected a list, got a string/);
    expectPass(one(t, '{"d": {"k": "v"}}', { d: [{ k: ["v"] }] }));
    expectFail(one(t, '{"d": ["v"]}', { d: [{ k: ["v"] }] }), /^d: expected an object, got a list/);
  });
});

describe("bfcl rule 3: array elements are checked against items.type, one level deep", () => {
  const t = tool("f", { ints: { type: "array", items: { type: "integer" } }, floats: { type: "array", items: { type: "number" } } });
  it("passes elements of the item type and fails a string among integers", () => {
    expectPass(one(t, '{"ints": [1, 2]}', { ints: [[1, 2]] }));
    expectFail(one(t, '{"ints": [1, "2"]}', { ints: [[1, 2]] }), /^ints: expected a list of integer items, item 1 is a string \("2"\)$/);
  });
  it("applies no int → float coercion inside a list (BFCL), so [1, 2.5] fails a list of floats while [1.0, 2.5] passes", () => {
    expectPass(one(t, '{"floats": [1.0, 2.5]}', { floats: [[1.0, 2.5]] }));
    expectFail(
      one(t, '{"floats": [1, 2.5]}', { floats: [[1.0, 2.5]] }),
      /^floats: expected a list of number items, item 0 is an integer \(1\)$/,
    );
  });
});

describe("bfcl rule 3: the variable exception", () => {
  const t = tool("f", { count: { type: "integer" } });
  it("passes a value of the answer's (non-schema) type when it is exactly in the list, though the schema rejects it", () => {
    const s = one(t, '{"count": "num_items"}', { count: ["num_items"] });
    expect([s.correct, s.verdict, s.reason]).toEqual([true, "invalid", "f.count: must be an integer"]);
    expect(one(t, '{"count": "num_items"}', { count: ["num_items"] }, { mode: "strict" }).correct).toBe(false);
  });
  it("checks only exact membership then: no string normalisation", () =>
    expectFail(one(t, '{"count": "NUM_ITEMS"}', { count: ["num_items"] }), /count: expected "num_items", got "NUM_ITEMS"/));
});

describe("bfcl rule 3: strings are normalised before comparison", () => {
  it('passes "NEW - YORK NY." for "New York, NY", and \' for "', () => {
    expectPass(one(weather, '{"city": "NEW - YORK NY."}', { city: ["New York, NY"] }));
    expectPass(one(weather, `{"city": "O'Hare"}`, { city: ['o"hare'] }));
  });
  it("fails a different string and lists the alternatives in the reason", () =>
    expectFail(
      one(weather, '{"city": "Newark"}', { city: ["New York, NY", "NYC"] }),
      /^city: expected "New York, NY" \(or "NYC"\), got "Newark"$/,
    ));
});

describe("bfcl rule 3: a list must equal one acceptable list exactly, string elements normalised", () => {
  const t = tool("f", { xs: { type: "array", items: { type: "string" } } });
  it("passes the same elements in the same order, normalised", () =>
    expectPass(one(t, '{"xs": ["new-york", "Paris"]}', { xs: [["New York", "paris"]] })));
  it("fails another order, another length, or a duplicate", () => {
    expectFail(one(t, '{"xs": ["b", "a"]}', { xs: [["a", "b"]] }), /xs: expected \["a","b"\], got \["b","a"\]/);
    expectFail(one(t, '{"xs": ["a"]}', { xs: [["a", "b"]] }), /xs: expected/);
    expectFail(one(t, '{"xs": ["a", "a", "b"]}', { xs: [["a", "b"]] }), /xs: expected/);
  });
});

describe("bfcl rule 3: a dict must be accepted by one acceptable dict", () => {
  const t = tool("f", { place: { type: "object" } });
  const answer = {
    place: [
      { city: ["Paris"], zip: ["", "75001"] },
      { city: ["Lyon"], zip: ["69001"] },
    ],
  };
  it('passes with an optional ("") key left out, and against the second acceptable dict', () => {
    expectPass(one(t, '{"place": {"city": "paris"}}', answer));
    expectPass(one(t, '{"place": {"city": "Lyon", "zip": "69001"}}', answer));
  });
  it("fails an unexpected key and a missing required key", () => {
    expectFail(one(t, '{"place": {"city": "Paris", "country": "FR"}}', answer), /^place: unexpected key 'country'$/);
    expectFail(one(t, '{"place": {"city": "Lyon"}}', { place: [{ city: ["Lyon"], zip: ["69001"] }] }), /^place: missing key 'zip'$/);
  });
  it("compares nested dicts by equality, without normalising their strings (strict mode recurses)", () => {
    const a = { place: [{ geo: [{ name: "New York", lat: 40 }] }] };
    expectPass(one(t, '{"place": {"geo": {"name": "New York", "lat": 40.0}}}', a));
    expectFail(one(t, '{"place": {"geo": {"name": "new york", "lat": 40}}}', a), /place.geo: expected/);
    expectPass(one(t, '{"place": {"geo": {"name": "new york", "lat": 40}}}', a, { mode: "strict" }));
  });
});

describe("bfcl rule 3: a list of dicts is matched index by index", () => {
  const t = tool("f", { people: { type: "array", items: { type: "object" } } });
  const answer = { people: [[{ name: ["Ada"], age: ["", 36] }, { name: ["Alan"] }]] };
  it("passes dicts in the answer's order", () => expectPass(one(t, '{"people": [{"name": "ada"}, {"name": "Alan"}]}', answer)));
  it("fails another order or another length", () => {
    expectFail(one(t, '{"people": [{"name": "Alan"}, {"name": "Ada"}]}', answer), /people.0.name: expected "Ada", got "Alan"/);
    expectFail(one(t, '{"people": [{"name": "Ada"}]}', answer), /people: expected 2 items, got 1/);
  });
});

describe("bfcl rule 3: other values by membership with numeric equality", () => {
  const t = tool("f", { x: { type: "number" }, n: { type: "integer" } });
  it("passes 5.0 against 5 and 5 against 5.0", () => {
    expectPass(one(t, '{"x": 5.0}', { x: [5] }));
    expectPass(one(t, '{"x": 5}', { x: [5.0] }));
  });
  it("fails a number that is not listed", () => expectFail(one(t, '{"n": 6}', { n: [5, 7] }), /^n: expected 5 \(or 7\), got 6$/));
});

describe("bfcl rule 4: an answer key the call leaves out must allow omission", () => {
  it('passes an omitted argument whose list holds ""', () =>
    expectPass(one(weather, '{"city": "Paris"}', { city: ["Paris"], unit: ["", "C"] })));
  it('fails an omitted argument whose list has no ""', () =>
    expectFail(
      one(weather, '{"city": "Paris"}', { city: ["Paris"], unit: ["C"] }),
      /^missing argument 'unit' \(the gold answer has it\)$/,
    ));
});

const add = tool("add", { a: { type: "integer" }, b: { type: "integer" } }, ["a"]);
function calls(mode: MatchMode, args: string[], gold: GoldTarget): ExampleScore {
  return scoreExample({
    output: { tool_calls: args.map((a) => ({ function: { name: "add", arguments: a } })) },
    gold,
    tools: [add],
    style: "native_tools",
    mode,
  });
}

describe("bfcl parallel calls", () => {
  const gold: GoldTarget = {
    kind: "tool_calls",
    calls: [
      { name: "add", arguments: { a: [1] } },
      { name: "add", arguments: { a: [2] } },
    ],
  };
  it("passes the same calls in any order", () => expect(calls("bfcl", ['{"a": 2}', '{"a": 1}'], gold).correct).toBe(true));
  it("fails when the number of calls differs", () => {
    const s = calls("bfcl", ['{"a": 1}'], gold);
    expect([s.correct, s.verdict, s.reason]).toEqual([false, "wrong_tool", "called add, expected add, add"]);
  });
  it("matches greedily in order, so a correct set can fail in bfcl mode and pass in strict mode", () => {
    const quirk: GoldTarget = {
      kind: "tool_calls",
      calls: [
        { name: "add", arguments: { a: [1, 2] } },
        { name: "add", arguments: { a: [1] } },
      ],
    };
    const bfcl = calls("bfcl", ['{"a": 1}', '{"a": 2}'], quirk);
    expect([bfcl.correct, bfcl.verdict]).toEqual([false, "wrong_arguments"]);
    expect(bfcl.reason).toMatch(/^add: a: expected 1, got 2$/);
    const strict = calls("strict", ['{"a": 1}', '{"a": 2}'], quirk);
    expect([strict.correct, strict.verdict, strict.pairs]).toEqual([
      true,
      "correct",
      [
        ["add", "add"],
        ["add", "add"],
      ],
    ]);
  });
});

describe("bfcl multiple: one call among several functions", () => {
  const tools = [tool("a", { x: { type: "integer" } }), tool("b", { y: { type: "string" } }, ["y"]), tool("c", {})];
  const gold: GoldTarget = { kind: "tool_calls", calls: [{ name: "b", arguments: { y: ["yes"] } }] };
  const run = (name: string, args: string) =>
    scoreExample({ output: { tool_calls: [{ function: { name, arguments: args } }] }, gold, tools, style: "native_tools", mode: "bfcl" });
  it("checks the call against the expected function's schema", () => expect(run("b", '{"y": "YES"}').correct).toBe(true));
  it("fails a call to another function", () => expect([run("c", "{}").correct, run("c", "{}").verdict]).toEqual([false, "wrong_tool"]));
});

describe("bfcl irrelevance: gold no call", () => {
  const gold: GoldTarget = { kind: "no_tool", reason: "irrelevant" };
  const run = (output: Parameters<typeof scoreExample>[0]["output"], mode: MatchMode = "bfcl") =>
    scoreExample({ output, gold, tools: [add], style: "native_tools", mode });
  it("passes a parse failure, no call ([]) and plain text in bfcl mode", () => {
    expect(run({ tool_calls: [{ function: { name: "add", arguments: "{oops" } }] })).toMatchObject({
      correct: true,
      verdict: "parse_failure",
      falseToolCall: false,
    });
    expect(run({ content: "", tool_calls: [] })).toMatchObject({ correct: true, verdict: "parse_failure" });
    expect(run({ content: "I cannot do that." })).toMatchObject({ correct: true, verdict: "correct" });
  });
  it("fails a decodable call, even an invalid one", () => {
    expect(run({ tool_calls: [{ function: { name: "add", arguments: '{"a": 1}' } }] })).toMatchObject({
      correct: false,
      verdict: "false_tool_call",
      falseToolCall: true,
      silentCorruption: true,
    });
    expect(run({ tool_calls: [{ function: { name: "nope", arguments: "{}" } }] })).toMatchObject({
      correct: false,
      verdict: "false_tool_call",
      valid: false,
      silentCorruption: false,
    });
  });
  it("does not count a parse failure as right in strict mode", () => expect(run({ content: "" }, "strict").correct).toBe(false));
});
