import { describe, expect, it } from "vitest";
import { sharegpt, type ExampleRecord } from "@/lib/formats";
import { arrayRecords, error, parseAll, value } from "./data";

const conv = (...turns: [string, string][]) => ({ conversations: turns.map(([from, v]) => ({ from, value: v })), tools: "[]" });

describe("sharegpt.parse", () => {
  it("reads every glaive ShareGPT record, giving calls ids and observations the id of their call", () => {
    const { ok, errors } = parseAll(arrayRecords("glaive_toolcall_en_demo.sharegpt.json"), sharegpt.parse);
    expect(errors).toEqual([]);
    expect(ok).toHaveLength(300);
    const m = ok[0].example.messages;
    expect(m[3]).toEqual({
      role: "assistant",
      decision: {
        kind: "tool_calls",
        calls: [{ id: "call_3_0", name: "search_recipes", arguments: { ingredients: ["chicken", "bell peppers", "rice"] } }],
      },
      weight: 1,
    });
    expect(m[4]).toMatchObject({ role: "tool", toolCallId: "call_3_0", name: "search_recipes" });
    expect(ok[0].tools[0]).toMatchObject({ name: "search_recipes", description: "Search for recipes based on ingredients" });
    expect(ok[1].tools).toEqual([]);
  });

  it("reads parallel calls given as a list, the system field and a leading system turn", () => {
    const rec = {
      ...conv(
        ["human", "two things"],
        ["function_call", '[{"name":"a","arguments":{}},{"name":"b","arguments":{"x":1}}]'],
        ["observation", "A"],
        ["observation", "B"],
        ["gpt", "done"],
      ),
      system: "Sys",
    };
    const { example } = value(sharegpt.parse(rec, 1));
    expect(example.system).toBe("Sys");
    expect(example.messages.slice(1, 4)).toEqual([
      {
        role: "assistant",
        decision: {
          kind: "tool_calls",
          calls: [
            { id: "call_1_0", name: "a", arguments: {} },
            { id: "call_1_1", name: "b", arguments: { x: 1 } },
          ],
        },
        weight: 1,
      },
      { role: "tool", toolCallId: "call_1_0", name: "a", content: "A" },
      { role: "tool", toolCallId: "call_1_1", name: "b", content: "B" },
    ]);
    expect(value(sharegpt.parse(conv(["system", "S2"], ["human", "hi"], ["gpt", "yo"]), 1)).example.system).toBe("S2");
  });

  it("rejects an observation without a call, an unknown speaker, a bad function_call and a conversation without gpt", () => {
    expect(error(sharegpt.parse(conv(["human", "x"], ["observation", "r"], ["gpt", "y"]), 2))).toMatchObject({
      line: 2,
      kind: "orphan_tool_reply",
    });
    expect(error(sharegpt.parse(conv(["human", "x"], ["bot", "y"]), 1))).toMatchObject({
      kind: "unknown_role",
      reason: expect.stringContaining("conversations[1].from"),
    });
    expect(error(sharegpt.parse(conv(["human", "x"], ["function_call", "{nope"]), 1))).toMatchObject({
      kind: "bad_tool_calls",
      reason: expect.stringMatching(/^conversations\[1\]\.value is not valid JSON/),
    });
    expect(error(sharegpt.parse(conv(["human", "x"]), 1)).kind).toBe("missing_assistant");
    expect(error(sharegpt.parse({ messages: [] }, 1)).kind).toBe("missing_messages");
    expect(error(sharegpt.parse({ ...conv(["human", "x"], ["gpt", "y"]), tools: "{not json" }, 1)).kind).toBe("bad_tools");
  });
});

describe("sharegpt.write", () => {
  it("writes function_call values as {name, arguments} JSON, observations, and tools as a JSON string", () => {
    const example: ExampleRecord = {
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "a", arguments: { q: "x" } }] }, weight: 1 },
        { role: "tool", name: "a", content: "r" },
        { role: "assistant", decision: { kind: "no_tool", reason: "small talk" }, weight: 1 },
      ],
    };
    const out = sharegpt.write(example, [{ name: "a", description: "A", parameters: { type: "object" } }], { system: "S" });
    expect(out).toEqual({
      conversations: [
        { from: "human", value: "hi" },
        { from: "function_call", value: '{"name":"a","arguments":{"q":"x"}}' },
        { from: "observation", value: "r" },
        { from: "gpt", value: "small talk" },
      ],
      system: "S",
      tools: '[{"name":"a","description":"A","parameters":{"type":"object"}}]',
    });
  });
});
