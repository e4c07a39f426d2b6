// The preference writers: OpenAI's FineTunePreferenceRequestInput lines (checked against the spec's
// schema) and TRL's conversational preference rows, in both output styles, with rejected answers as
// the model gave them (broken argument JSON and unparseable text included).
import { describe, expect, it } from "vitest";
import { toOpenAIPreference, toTrlPreference, type PreferencePair } from "@/lib/formats/preference";
import { decisionFromGold } from "@/lib/scoring/gold";
import { preferenceLineProblem } from "../../support/openai-server/validate";

const tools = [
  {
    name: "track_order",
    description: "Where an order is",
    parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
  },
];

const pair = (over: Partial<PreferencePair> = {}): PreferencePair => ({
  system: "Route the request.",
  messages: [{ role: "user", content: "Where is ORD-10001?" }],
  tools,
  chosen: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-10001" } }] },
  rejected: { content: null, tool_calls: [{ id: "call_x", name: "track_order", arguments: '{"order_id": "ORD-1' }] },
  source: { kind: "eval", id: "e1:r1" },
  ...over,
});

describe("OpenAI preference lines", () => {
  it("writes a native-tools pair with tools, the gold call as preferred and the raw broken call as non-preferred, valid against the spec", () => {
    const line = toOpenAIPreference(pair(), { style: "native_tools", parallelToolCalls: false });
    expect(preferenceLineProblem(line)).toBeNull();
    expect(line.input).toMatchObject({
      messages: [
        { role: "system", content: "Route the request." },
        { role: "user", content: "Where is ORD-10001?" },
      ],
      parallel_tool_calls: false,
    });
    expect(line.input.tools?.[0]).toMatchObject({ type: "function", function: { name: "track_order" } });
    expect(line.preferred_output).toEqual([
      {
        role: "assistant",
        tool_calls: [{ id: "call_1_0", type: "function", function: { name: "track_order", arguments: '{"order_id":"ORD-10001"}' } }],
      },
    ]);
    expect(line.non_preferred_output).toEqual([
      {
        role: "assistant",
        tool_calls: [{ id: "call_x", type: "function", function: { name: "track_order", arguments: '{"order_id": "ORD-1' } }],
      },
    ]);
  });

  it("writes a parse failure's text as the rejected answer and a no_tool gold as a plain reply", () => {
    const line = toOpenAIPreference(
      pair({ chosen: { kind: "no_tool", reason: "greeting" }, rejected: { content: "<garbage>" }, parseFailure: true }),
      { style: "native_tools" },
    );
    expect(preferenceLineProblem(line)).toBeNull();
    expect(line.preferred_output).toEqual([{ role: "assistant", content: "greeting" }]);
    expect(line.non_preferred_output).toEqual([{ role: "assistant", content: "<garbage>" }]);
  });

  it("writes router-style pairs without tools, the gold as router JSON", () => {
    const line = toOpenAIPreference(pair({ rejected: { content: '{"tool":"no_tool","reason":"x"}' } }), { style: "router_json" });
    expect(preferenceLineProblem(line)).toBeNull();
    expect(line.input.tools).toBeUndefined();
    expect(JSON.parse(line.preferred_output[0].content as string)).toEqual({ tool: "track_order", arguments: { order_id: "ORD-10001" } });
  });

  it("is refused by the spec when an output holds two messages (maxItems 1)", () => {
    const line = toOpenAIPreference(pair(), { style: "native_tools" });
    expect(preferenceLineProblem({ ...line, preferred_output: [line.preferred_output[0], line.preferred_output[0]] })).not.toBeNull();
  });
});

describe("TRL preference rows", () => {
  it("has prompt, chosen, rejected and tools; arguments as objects where they parse, as the raw string where they do not", () => {
    const row = toTrlPreference(pair(), { style: "native_tools" });
    expect(Object.keys(row).sort()).toEqual(["chosen", "prompt", "rejected", "tools"]);
    expect(row.prompt).toEqual([
      { role: "system", content: "Route the request." },
      { role: "user", content: "Where is ORD-10001?" },
    ]);
    expect(row.chosen).toEqual([
      {
        role: "assistant",
        content: "",
        tool_calls: [{ id: "call_1_0", type: "function", function: { name: "track_order", arguments: { order_id: "ORD-10001" } } }],
      },
    ]);
    expect(row.rejected[0]).toMatchObject({
      role: "assistant",
      tool_calls: [{ function: { name: "track_order", arguments: '{"order_id": "ORD-1' } }],
    });
  });

  it("turns a multi-turn prompt's tool results into tool messages", () => {
    const row = toTrlPreference(
      pair({
        messages: [
          { role: "user", content: "Where is ORD-10001?" },
          {
            role: "assistant",
            decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-10001" } }] },
            weight: 1,
          },
          { role: "tool", name: "track_order", content: '{"status":"shipped"}' },
          { role: "user", content: "And ORD-10002?" },
        ],
        chosen: decisionFromGold({
          kind: "tool_calls",
          calls: [{ name: "track_order", arguments: { order_id: ["ORD-10002"], email: [""] } }],
        }),
      }),
      { style: "native_tools" },
    );
    expect(row.prompt.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "user"]);
    expect(row.prompt[3]).toMatchObject({ role: "tool", tool_call_id: "call_1_0" });
    // The gold's first acceptable values; an optional argument ("") is left out.
    expect(row.chosen[0]).toMatchObject({ tool_calls: [{ function: { arguments: { order_id: "ORD-10002" } } }] });
  });
});
