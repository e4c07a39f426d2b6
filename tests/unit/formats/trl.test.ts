import { describe, expect, it } from "vitest";
import { trl, type ExampleRecord } from "@/lib/formats";
import { error, jsonlRecords, parseAll, value } from "./data";

describe("trl.parse", () => {
  it("reads every glaive TRL line: object arguments, named tool messages, empty content next to calls dropped", () => {
    const { ok, errors } = parseAll(jsonlRecords("glaive_toolcall_en_demo.trl.jsonl"), trl.parse);
    expect(errors).toEqual([]);
    expect(ok).toHaveLength(300);
    expect(ok[0].example.messages[3]).toEqual({
      role: "assistant",
      decision: {
        kind: "tool_calls",
        calls: [{ id: "call_0_1", name: "search_recipes", arguments: { ingredients: ["chicken", "bell peppers", "rice"] } }],
      },
      weight: 1,
    });
  });

  it("keeps reasoning parts in reasoning and text parts in content (reason_tool_use_demo_50)", () => {
    const { ok, errors } = parseAll(jsonlRecords("reason_tool_use_demo_50.jsonl"), trl.parse);
    expect(errors).toEqual([]);
    expect(ok).toHaveLength(50);
    const first = ok[0].example;
    expect(first.system).toMatch(/^You are a methodical and expert assistant/);
    expect(first.messages[0]).toEqual({ role: "user", content: "What are the schools near latitude 40 and longitude -75?" });
    const reply = first.messages[1];
    expect(reply).toMatchObject({ role: "assistant", decision: { kind: "no_tool", reason: "" } });
    if (reply.role !== "assistant") throw new Error("expected an assistant turn");
    expect(reply.reasoning).toMatch(/^Okay, the user is asking for schools near latitude 40/);
    expect(reply.content).toMatch(/^I'm sorry, but the available tools/);
    expect(reply.content).not.toContain("Okay, the user");
    expect(ok[0].tools.map((t) => t.name)).toEqual(["get_device_asset_by_identifier", "getwebsite", "user_by_id"]);
  });

  it("reads tool_call content parts as calls and links the id-less tool message to them", () => {
    const ex = jsonlRecords("reason_tool_use_demo_50.jsonl");
    const { example } = value(trl.parse(ex[2], 3));
    expect(example.messages[1]).toMatchObject({
      decision: {
        kind: "tool_calls",
        calls: [
          { id: "call_1_0", name: "circle_area", arguments: { radius: 1.5 } },
          { id: "call_1_1", name: "circle_area", arguments: { radius: 3 } },
        ],
      },
    });
    expect(example.messages[2]).toMatchObject({ role: "tool", toolCallId: "call_1_0", name: "circle_area" });
  });

  it("accepts tools as a JSON string and reports string arguments as the OpenAI convention", () => {
    const tools = JSON.stringify([
      { type: "function", function: { name: "f", description: "d", parameters: { type: "object", properties: {} } } },
    ]);
    const call = (args: unknown) => ({
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", tool_calls: [{ type: "function", function: { name: "f", arguments: args } }] },
      ],
      tools,
    });
    expect(value(trl.parse(call({}), 1)).tools).toEqual([{ name: "f", description: "d", parameters: { type: "object", properties: {} } }]);
    expect(error(trl.parse(call('{"a":1}'), 4))).toMatchObject({
      line: 4,
      kind: "bad_arguments",
      reason: expect.stringMatching(/arguments is a string; .*OpenAI/),
    });
  });
});

describe("trl.write", () => {
  it("writes object arguments, the tools column as a list, named tool messages and reasoning_content", () => {
    const example: ExampleRecord = {
      messages: [
        { role: "user", content: "area of r=2" },
        {
          role: "assistant",
          decision: { kind: "tool_calls", calls: [{ name: "circle_area", arguments: { radius: 2 } }] },
          reasoning: "use the tool",
          weight: 1,
        },
        { role: "tool", name: "circle_area", content: "12.57" },
        { role: "assistant", decision: { kind: "no_tool", reason: "" }, content: "About 12.57.", weight: 1 },
      ],
    };
    const out = trl.write(example, [{ name: "circle_area", description: "", parameters: { type: "object" } }], { system: "S" });
    expect(out).toEqual({
      messages: [
        { role: "system", content: "S" },
        { role: "user", content: "area of r=2" },
        {
          role: "assistant",
          content: "",
          tool_calls: [{ id: "call_1_0", type: "function", function: { name: "circle_area", arguments: { radius: 2 } } }],
          reasoning_content: "use the tool",
        },
        { role: "tool", tool_call_id: "call_1_0", name: "circle_area", content: "12.57" },
        { role: "assistant", content: "About 12.57." },
      ],
      tools: [{ type: "function", function: { name: "circle_area", description: "", parameters: { type: "object" } } }],
    });
  });
});
