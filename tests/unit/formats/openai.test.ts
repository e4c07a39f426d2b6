import { describe, expect, it } from "vitest";
import { openai, FormatWriteError, type ExampleRecord } from "@/lib/formats";
import { error, jsonlRecords, parseAll, value } from "./data";

const user = (content: string) => ({ role: "user", content });
const call = (name: string, args: string, id = "call_a") => ({ id, type: "function", function: { name, arguments: args } });
const line = (...messages: unknown[]) => ({ messages });

describe("openai.parse on the shared files", () => {
  it("reads every glaive OpenAI line, with tool results linked to their calls", () => {
    const { ok, errors } = parseAll(jsonlRecords("glaive_toolcall_en_demo.openai.jsonl"), openai.parse);
    expect(errors).toEqual([]);
    expect(ok).toHaveLength(300);
    const first = ok[0].example.messages;
    expect(first[3]).toEqual({
      role: "assistant",
      decision: {
        kind: "tool_calls",
        calls: [{ id: "call_0_1", name: "search_recipes", arguments: { ingredients: ["chicken", "bell peppers", "rice"] } }],
      },
      weight: 1,
    });
    expect(first[4]).toMatchObject({ role: "tool", toolCallId: "call_0_1", name: "search_recipes" });
    expect(first[1]).toEqual({
      role: "assistant",
      decision: { kind: "no_tool", reason: "" },
      content: expect.stringContaining("Of course"),
      weight: 1,
    });
    expect(ok[0].tools.map((t) => t.name)).toEqual(["search_recipes"]);
  });

  it("flags exactly the drone row whose arguments were JSON-encoded twice", () => {
    const { ok, errors } = parseAll(jsonlRecords("drone_training.first3.jsonl"), openai.parse);
    expect(ok.map((r) => r.line)).toEqual([1, 2]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 3, kind: "double_encoded_arguments" });
    expect(errors[0].reason).toMatch(/^messages\[2\]\.tool_calls\[0\]\.function\.arguments is JSON-encoded twice/);
    expect(ok[0].example.system).toMatch(/controls a drone/);
    expect(ok[0].tools).toHaveLength(16);
  });

  it("reads the toy chat file, including a line without a system message and one without a user turn", () => {
    const { ok, errors } = parseAll(jsonlRecords("toy_chat_fine_tuning.jsonl"), openai.parse);
    expect(errors).toEqual([]);
    expect(ok.map((r) => r.example.messages.length)).toEqual([2, 8, 2, 1, 2]);
    expect(ok[2].example.system).toBeUndefined();
    expect(ok[3].example.messages).toEqual([
      { role: "assistant", decision: { kind: "no_tool", reason: "" }, content: "You're great!", weight: 1 },
    ]);
  });
});

describe("openai.parse errors name the line and the field", () => {
  it("reports arguments that are not JSON", () => {
    const e = error(openai.parse(line(user("hi"), user("again"), user("x"), { role: "assistant", tool_calls: [call("f", "{oops")] }), 7));
    expect(e.line).toBe(7);
    expect(e.kind).toBe("bad_arguments");
    expect(e.reason).toMatch(/^messages\[3\]\.tool_calls\[0\]\.function\.arguments is not valid JSON: /);
  });

  it("reports arguments that decode to something other than an object", () => {
    expect(error(openai.parse(line(user("hi"), { role: "assistant", tool_calls: [call("f", "[1,2]")] }), 1)).reason).toMatch(
      /decodes to an array/,
    );
    expect(error(openai.parse(line(user("hi"), { role: "assistant", tool_calls: [call("f", '"just text"')] }), 1)).kind).toBe(
      "bad_arguments",
    );
  });

  it("reports object arguments as the TRL convention", () => {
    const e = error(
      openai.parse(
        line(user("hi"), { role: "assistant", tool_calls: [{ type: "function", function: { name: "f", arguments: { a: 1 } } }] }),
        1,
      ),
    );
    expect(e).toMatchObject({ kind: "bad_arguments", reason: expect.stringMatching(/is an object; .*TRL/) });
  });

  it("reports a tool reply whose tool_call_id matches no earlier call", () => {
    const e = error(
      openai.parse(
        line(user("hi"), { role: "assistant", tool_calls: [call("f", "{}", "a")] }, { role: "tool", tool_call_id: "b", content: "x" }),
        2,
      ),
    );
    expect(e).toEqual({ line: 2, kind: "orphan_tool_reply", reason: 'messages[2].tool_call_id "b" matches no earlier tool call' });
  });

  it("reports a tool reply before any call", () => {
    expect(error(openai.parse(line(user("hi"), { role: "tool", content: "x" }, { role: "assistant", content: "ok" }), 1)).kind).toBe(
      "orphan_tool_reply",
    );
  });

  it("reports an unknown role, missing messages and a conversation without an assistant", () => {
    expect(error(openai.parse(line(user("hi"), { role: "robot", content: "x" }), 1))).toMatchObject({
      kind: "unknown_role",
      reason: expect.stringContaining("messages[1].role"),
    });
    expect(error(openai.parse({ prompt: "hi" }, 1)).kind).toBe("missing_messages");
    expect(error(openai.parse({ messages: [] }, 1)).kind).toBe("missing_messages");
    expect(error(openai.parse(line(user("hi")), 1)).kind).toBe("missing_assistant");
    expect(error(openai.parse("not an object", 1)).kind).toBe("unknown_shape");
  });

  it("reports content of the wrong type, image parts and bad weights", () => {
    expect(error(openai.parse(line({ role: "user", content: 42 }, { role: "assistant", content: "x" }), 1))).toMatchObject({
      kind: "bad_content",
      reason: "messages[0].content is a number; expected a string or a list of content parts",
    });
    const image = { role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] };
    expect(error(openai.parse(line(image, { role: "assistant", content: "x" }), 1))).toMatchObject({
      kind: "unsupported_content",
      reason: expect.stringContaining("messages[0].content[0]"),
    });
    expect(error(openai.parse(line(user("hi"), { role: "assistant", content: "x", weight: 0.5 }), 1)).kind).toBe("bad_weight");
    expect(error(openai.parse(line(user("hi"), { role: "assistant", content: null }), 1)).kind).toBe("missing_content");
  });
});

describe("openai.parse accepts every message shape of the spec", () => {
  it("reads developer messages, text parts, weights, legacy functions and function messages", () => {
    const r = value(
      openai.parse(
        {
          messages: [
            { role: "developer", content: [{ type: "text", text: "Be brief." }] },
            {
              role: "user",
              content: [
                { type: "text", text: "weather " },
                { type: "text", text: "in Paris?" },
              ],
            },
            { role: "assistant", content: null, function_call: { name: "weather", arguments: '{"city":"Paris"}' }, weight: 0 },
            { role: "function", name: "weather", content: "sunny" },
            { role: "assistant", content: [{ type: "text", text: "Sunny." }] },
          ],
          functions: [{ name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } }],
          parallel_tool_calls: false,
        },
        1,
      ),
    );
    expect(r.example.system).toBe("Be brief.");
    expect(r.example.messages).toEqual([
      { role: "user", content: "weather in Paris?" },
      {
        role: "assistant",
        decision: { kind: "tool_calls", calls: [{ id: "call_1_0", name: "weather", arguments: { city: "Paris" } }] },
        weight: 0,
      },
      { role: "tool", toolCallId: "call_1_0", name: "weather", content: "sunny" },
      { role: "assistant", decision: { kind: "no_tool", reason: "" }, content: "Sunny.", weight: 1 },
    ]);
    expect(r.tools).toEqual([
      { name: "weather", description: "", parameters: { type: "object", properties: { city: { type: "string" } } } },
    ]);
  });

  it("keeps text written next to tool calls and links parallel results by id", () => {
    const r = value(
      openai.parse(
        line(
          user("both"),
          { role: "assistant", content: "Checking.", tool_calls: [call("a", "{}", "x"), call("b", '{"n":1}', "y")] },
          { role: "tool", tool_call_id: "y", content: "B" },
          {
            role: "tool",
            tool_call_id: "x",
            content: "A",
          },
        ),
        1,
      ),
    );
    expect(r.example.messages[1]).toMatchObject({ role: "assistant", content: "Checking." });
    expect(r.example.messages.slice(2)).toEqual([
      { role: "tool", toolCallId: "y", name: "b", content: "B" },
      { role: "tool", toolCallId: "x", name: "a", content: "A" },
    ]);
  });
});

describe("openai.write", () => {
  const example: ExampleRecord = {
    messages: [
      { role: "user", content: "Cancel order 42 and say hi" },
      {
        role: "assistant",
        decision: {
          kind: "tool_calls",
          calls: [
            { name: "cancel_order", arguments: { order_id: 42 } },
            { name: "greet", arguments: {} },
          ],
        },
        weight: 1,
      },
      { role: "tool", name: "cancel_order", content: "done" },
      { role: "tool", name: "greet", content: "hi" },
      { role: "assistant", decision: { kind: "no_tool", reason: "summary" }, weight: 0 },
    ],
  };
  const tools = [
    { name: "cancel_order", description: "Cancels", parameters: { type: "object", properties: { order_id: { type: "integer" } } } },
  ];

  it("writes a native line: system first, ids, string arguments, tools, weight only when 0", () => {
    const out = openai.write(example, tools, { style: "native_tools", system: "You route.", parallelToolCalls: true });
    expect(out.messages[0]).toEqual({ role: "system", content: "You route." });
    expect(out.messages[2]).toEqual({
      role: "assistant",
      tool_calls: [
        { id: "call_1_0", type: "function", function: { name: "cancel_order", arguments: '{"order_id":42}' } },
        { id: "call_1_1", type: "function", function: { name: "greet", arguments: "{}" } },
      ],
    });
    expect(out.messages.slice(3)).toEqual([
      { role: "tool", tool_call_id: "call_1_0", content: "done" },
      { role: "tool", tool_call_id: "call_1_1", content: "hi" },
      { role: "assistant", content: "summary", weight: 0 },
    ]);
    expect(out.tools).toEqual([{ type: "function", function: tools[0] }]);
    expect(out.parallel_tool_calls).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/"weight":1/);
  });

  it("writes a router line: JSON content, a list for parallel calls, no tools or tool_calls", () => {
    const out = openai.write(example, tools, { style: "router_json", system: "" });
    expect(out.messages[0]).toEqual({ role: "user", content: "Cancel order 42 and say hi" });
    expect(JSON.parse(out.messages[1].content as string)).toEqual([
      { tool: "cancel_order", arguments: { order_id: 42 } },
      { tool: "greet", arguments: {} },
    ]);
    expect(out.messages[4]).toEqual({ role: "assistant", content: '{"tool":"no_tool","reason":"summary"}', weight: 0 });
    expect(out).not.toHaveProperty("tools");
    expect(JSON.stringify(out)).not.toMatch(/tool_calls/);
  });

  it("refuses an unlabelled turn", () => {
    const unlabelled: ExampleRecord = {
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", decision: { kind: "unlabelled" }, weight: 1 },
      ],
    };
    expect(() => openai.write(unlabelled, [], { style: "native_tools", system: "" })).toThrow(FormatWriteError);
  });
});
