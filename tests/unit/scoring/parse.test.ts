import { describe, expect, it } from "vitest";
import { parseOutput } from "@/lib/scoring";

const call = (name: string, args: string) => ({ function: { name, arguments: args } });

describe("parseOutput with native tool_calls (either style)", () => {
  it("reads each call's JSON arguments as a clean decision", () => {
    const out = parseOutput(
      { content: null, tool_calls: [call("track_order", '{"order_id":"A-1"}'), call("refund", "{}")] },
      "native_tools",
    );
    expect(out).toEqual({
      status: "clean",
      decision: {
        kind: "tool_calls",
        calls: [
          { name: "track_order", arguments: { order_id: "A-1" } },
          { name: "refund", arguments: {} },
        ],
      },
    });
    expect(parseOutput({ tool_calls: [call("track_order", '{"order_id":"A-1"}')] }, "router_json").status).toBe("clean");
  });

  it("reads an empty arguments string as {} and says so", () => {
    expect(parseOutput({ tool_calls: [call("list_orders", "")] }, "native_tools")).toEqual({
      status: "clean",
      decision: { kind: "tool_calls", calls: [{ name: "list_orders", arguments: {} }] },
      note: "empty arguments read as {}",
    });
  });

  it("fails the whole output when one call's arguments do not decode (BFCL: decoder failed)", () => {
    const out = parseOutput({ tool_calls: [call("a", "{}"), call("b", '{"x": 1,')] }, "native_tools");
    expect(out.status).toBe("failed");
    expect(out.decision).toBeNull();
    expect(out.note).toMatch(/^decoder failed: tool_calls\[1\]\.function\.arguments is not valid JSON/);
  });

  it("fails arguments that decode to something other than an object, including double-encoded ones", () => {
    expect(parseOutput({ tool_calls: [call("a", "[1]")] }, "native_tools").note).toMatch(/decodes to an array/);
    expect(parseOutput({ tool_calls: [call("a", JSON.stringify('{"x":1}'))] }, "native_tools").note).toMatch(/JSON-encoded twice/);
  });

  it("remembers numbers written as integral floats, which JSON.parse cannot tell from integers", () => {
    const out = parseOutput({ tool_calls: [call("a", '{"n": 5.0, "m": 5, "xs": [1, 2.0, 1e2], "o": {"k": 3.0}}')] }, "native_tools");
    expect(out.decision).toEqual({
      kind: "tool_calls",
      calls: [{ name: "a", arguments: { n: 5, m: 5, xs: [1, 2, 100], o: { k: 3 } }, floatLiterals: ["n", "xs.1", "xs.2", "o.k"] }],
    });
  });
});

describe("parseOutput in native_tools style without tool_calls", () => {
  it("reads plain text as a clean no_tool whose reason is the text", () => {
    expect(parseOutput({ content: "Hello! How can I help?" }, "native_tools")).toEqual({
      status: "clean",
      decision: { kind: "no_tool", reason: "Hello! How can I help?" },
    });
  });

  it("treats a raw string output as the content", () => {
    expect(parseOutput("Hi there", "native_tools").decision).toEqual({ kind: "no_tool", reason: "Hi there" });
  });

  it("repairs a call written as text (a model served without a tool parser)", () => {
    const out = parseOutput({ content: '{"name": "track_order", "arguments": {"order_id": "A-1"}}' }, "native_tools");
    expect(out).toEqual({
      status: "repaired",
      decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "A-1" } }] },
      note: "a tool call written as text instead of tool_calls",
    });
  });

  it("repairs <tool_call> tags, a fence, router JSON and a call inside prose", () => {
    const tags = parseOutput(
      {
        content:
          '<tool_call>\n{"name": "a", "arguments": {"x": 1}}\n</tool_call>\n<tool_call>{"name": "b", "arguments": "{\\"y\\": 2}"}</tool_call>',
      },
      "native_tools",
    );
    expect(tags.decision).toEqual({
      kind: "tool_calls",
      calls: [
        { name: "a", arguments: { x: 1 } },
        { name: "b", arguments: { y: 2 } },
      ],
    });
    expect(tags.note).toBe("<tool_call> tags (Hermes/Qwen style)");
    expect(parseOutput({ content: '```json\n{"tool": "a", "arguments": {}}\n```' }, "native_tools").note).toBe("JSON inside a code fence");
    expect(parseOutput({ content: 'Calling it now: {"name": "a", "parameters": {"x": 1}} done.' }, "native_tools")).toMatchObject({
      status: "repaired",
      decision: { kind: "tool_calls", calls: [{ name: "a", arguments: { x: 1 } }] },
      note: "JSON found inside surrounding text",
    });
  });

  it("does not take JSON that is not a call shape for a call", () => {
    expect(parseOutput({ content: 'Your profile is {"name": "Ada"}.' }, "native_tools")).toMatchObject({
      status: "clean",
      decision: { kind: "no_tool" },
    });
  });

  it("fails an empty output and <tool_call> tags that do not decode", () => {
    expect(parseOutput({ content: "  ", tool_calls: [] }, "native_tools")).toMatchObject({
      status: "failed",
      note: "empty output: no content and no tool calls",
    });
    expect(parseOutput({ content: '<tool_call>{"name": "a", "arguments": {</tool_call>' }, "native_tools").status).toBe("failed");
  });
});

describe("parseOutput in router_json style", () => {
  it("reads router JSON: one call, no_tool with its reason, and a list of parallel calls", () => {
    expect(parseOutput('{"tool": "track_order", "arguments": {"order_id": "A-1"}}', "router_json")).toEqual({
      status: "clean",
      decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "A-1" } }] },
    });
    expect(parseOutput({ content: '{"tool": "no_tool", "reason": "greeting"}' }, "router_json")).toEqual({
      status: "clean",
      decision: { kind: "no_tool", reason: "greeting" },
    });
    const list = parseOutput('[{"tool": "a", "arguments": {"n": 1.0}}, {"tool": "b", "arguments": {"n": 2.0}}]', "router_json");
    expect(list.decision).toEqual({
      kind: "tool_calls",
      calls: [
        { name: "a", arguments: { n: 1 }, floatLiterals: ["n"] },
        { name: "b", arguments: { n: 2 }, floatLiterals: ["n"] },
      ],
    });
  });

  it("repairs JSON inside a ``` or ```json fence", () => {
    for (const content of [
      '```json\n{"tool": "a", "arguments": {"x": 1}}\n```',
      'Here you go:\n```\n{"tool": "a", "arguments": {"x": 1}}\n```',
    ]) {
      expect(parseOutput(content, "router_json")).toEqual({
        status: "repaired",
        decision: { kind: "tool_calls", calls: [{ name: "a", arguments: { x: 1 } }] },
        note: "JSON inside a code fence",
      });
    }
  });

  it("repairs router JSON surrounded by prose, taking the first balanced object that decodes", () => {
    const out = parseOutput(
      'Sure {not json}. I will call {"tool": "a", "arguments": {"q": "a } b"}} now, then [maybe] more.',
      "router_json",
    );
    expect(out).toEqual({
      status: "repaired",
      decision: { kind: "tool_calls", calls: [{ name: "a", arguments: { q: "a } b" } }] },
      note: "JSON found inside surrounding text",
    });
    expect(parseOutput('I decline: {"tool": "no_tool", "reason": "out of scope"}', "router_json").decision).toEqual({
      kind: "no_tool",
      reason: "out of scope",
    });
  });

  it("repairs <tool_call> tags and {name, arguments} objects", () => {
    expect(parseOutput('<tool_call>{"name": "a", "arguments": {"x": 1}}</tool_call>', "router_json")).toMatchObject({
      status: "repaired",
      note: "<tool_call> tags (Hermes/Qwen style)",
    });
    expect(parseOutput('[{"name": "a", "arguments": "{\\"x\\": 1}"}, {"name": "b", "arguments": {}}]', "router_json")).toEqual({
      status: "repaired",
      decision: {
        kind: "tool_calls",
        calls: [
          { name: "a", arguments: { x: 1 } },
          { name: "b", arguments: {} },
        ],
      },
      note: "{name, arguments} objects instead of router JSON",
    });
  });

  it("fails plain prose, an empty array and an empty output", () => {
    const prose = parseOutput("I think you should track your order.", "router_json");
    expect(prose.status).toBe("failed");
    expect(prose.note).toMatch(/^content is not router JSON/);
    expect(parseOutput("[]", "router_json").status).toBe("failed");
    expect(parseOutput({ content: null }, "router_json").status).toBe("failed");
  });
});
