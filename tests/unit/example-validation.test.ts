import { describe, expect, it } from "vitest";
import type { Decision, Message, ToolCall } from "@/lib/schemas/example";
import {
  issuesAt,
  validateArguments,
  validateMessages,
  type CatalogueEntry,
  type ValidationContext,
} from "@/lib/validation/example";

const getOrder: CatalogueEntry = {
  name: "get_order",
  archived: false,
  parameters: {
    type: "object",
    properties: {
      order_id: { type: "string" },
      qty: { type: "integer" },
      status: { enum: ["open", "closed"] },
      address: {
        type: "object",
        properties: { zip: { type: "string" }, city: { type: "string" } },
        required: ["zip"],
        additionalProperties: false,
      },
    },
    required: ["order_id"],
    additionalProperties: false,
  },
};

const getWeather: CatalogueEntry = {
  name: "get_weather",
  archived: false,
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

const oldTool: CatalogueEntry = {
  name: "old_tool",
  archived: true,
  parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
};

const ctx: ValidationContext = { tools: [getOrder, getWeather, oldTool], parallelToolCalls: false };
const parallelCtx: ValidationContext = { ...ctx, parallelToolCalls: true };

const user = (content: string): Message => ({ role: "user", content });
const assistant = (decision: Decision, content?: string): Message =>
  content === undefined ? { role: "assistant", decision, weight: 1 } : { role: "assistant", decision, content, weight: 1 };
const calls = (...c: ToolCall[]): Decision => ({ kind: "tool_calls", calls: c });
const call = (name: string, args: Record<string, unknown>, id?: string): ToolCall =>
  id === undefined ? { name, arguments: args } : { id, name, arguments: args };
const example = (decision: Decision): Message[] => [user("Where is my order?"), assistant(decision)];

describe("validateArguments", () => {
  it("returns no issues for valid arguments", () => {
    expect(validateArguments(getOrder, { order_id: "A1", qty: 2, status: "open", address: { zip: "123" } })).toEqual([]);
  });

  it("locates issues relative to the arguments object", () => {
    expect(validateArguments(getOrder, { order_id: 7 })).toEqual([{ path: "order_id", message: "must be a string" }]);
  });

  it("reports a schema that cannot be compiled instead of throwing", () => {
    const broken: CatalogueEntry = {
      name: "broken",
      archived: false,
      parameters: { type: "object", properties: { a: { $ref: "#/$defs/nope" } } },
    };
    const issues = validateArguments(broken, {});
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("");
    expect(issues[0].message.startsWith("the schema of broken cannot be used: ")).toBe(true);
  });

  it("says a union type is either of its types", () => {
    const tool: CatalogueEntry = {
      name: "t",
      archived: false,
      parameters: { type: "object", properties: { n: { type: ["string", "null"] } } },
    };
    expect(validateArguments(tool, { n: 3 })).toEqual([{ path: "n", message: "must be a string or null" }]);
  });

  it("validates against a schema that carries an $id, repeatedly", () => {
    const tool: CatalogueEntry = {
      name: "with_id",
      archived: false,
      parameters: { $id: "https://example.com/with_id.json", type: "object", properties: { a: { type: "string" } }, required: ["a"] },
    };
    expect(validateArguments(tool, {})).toEqual([{ path: "a", message: "is required" }]);
    expect(validateArguments(tool, { a: "x" })).toEqual([]);
  });
});

describe("validateMessages", () => {
  it("returns no issues for a valid call", () => {
    expect(validateMessages(example(calls(call("get_order", { order_id: "A1" }))), ctx)).toEqual([]);
  });

  it("reports a missing required argument at its argument path", () => {
    expect(validateMessages(example(calls(call("get_order", {}))), ctx)).toEqual([
      { path: "messages.1.calls.0.arguments.order_id", message: "is required" },
    ]);
  });

  it("reports a string argument of the wrong type", () => {
    expect(validateMessages(example(calls(call("get_order", { order_id: 42 }))), ctx)).toEqual([
      { path: "messages.1.calls.0.arguments.order_id", message: "must be a string" },
    ]);
  });

  it("reports an integer argument of the wrong type", () => {
    expect(validateMessages(example(calls(call("get_order", { order_id: "A1", qty: 1.5 }))), ctx)).toEqual([
      { path: "messages.1.calls.0.arguments.qty", message: "must be an integer" },
    ]);
    expect(validateMessages(example(calls(call("get_order", { order_id: "A1", qty: "2" }))), ctx)).toEqual([
      { path: "messages.1.calls.0.arguments.qty", message: "must be an integer" },
    ]);
  });

  it("lists the allowed values when an enum argument is wrong", () => {
    expect(validateMessages(example(calls(call("get_order", { order_id: "A1", status: "pending" }))), ctx)).toEqual([
      { path: "messages.1.calls.0.arguments.status", message: 'must be one of: "open", "closed"' },
    ]);
  });

  it("names the tool when an argument is not in its schema", () => {
    expect(validateMessages(example(calls(call("get_order", { order_id: "A1", colour: "red" }))), ctx)).toEqual([
      { path: "messages.1.calls.0.arguments.colour", message: "is not an argument of get_order" },
    ]);
  });

  it("gives nested object errors dotted paths", () => {
    const issues = validateMessages(
      example(calls(call("get_order", { order_id: "A1", address: { zip: 12345, street: "Main St" } }))),
      ctx,
    );
    expect(issues).toHaveLength(2);
    expect(issues).toContainEqual({ path: "messages.1.calls.0.arguments.address.zip", message: "must be a string" });
    expect(issues).toContainEqual({
      path: "messages.1.calls.0.arguments.address.street",
      message: "is not an argument of get_order",
    });
  });

  it("reports a missing nested required property at its dotted path", () => {
    expect(validateMessages(example(calls(call("get_order", { order_id: "A1", address: {} }))), ctx)).toEqual([
      { path: "messages.1.calls.0.arguments.address.zip", message: "is required" },
    ]);
  });

  it("reports every problem in one call", () => {
    const issues = validateMessages(example(calls(call("get_order", { qty: "x", status: 1 }))), ctx);
    expect(issues.map((i) => i.path).sort()).toEqual([
      "messages.1.calls.0.arguments.order_id",
      "messages.1.calls.0.arguments.qty",
      "messages.1.calls.0.arguments.status",
    ]);
  });

  it("reports arguments that are not an object at the arguments path itself", () => {
    const bad = { name: "get_order", arguments: ["A1"] as unknown as Record<string, unknown> };
    expect(validateMessages(example(calls(bad)), ctx)).toEqual([
      { path: "messages.1.calls.0.arguments", message: "must be an object" },
    ]);
  });

  it("reports an unknown tool at the call's name and skips its arguments", () => {
    expect(validateMessages(example(calls(call("get_ordr", { anything: 1 }))), ctx)).toEqual([
      { path: "messages.1.calls.0.name", message: 'unknown tool "get_ordr"' },
    ]);
  });

  it("asks for a tool when the call's name is empty", () => {
    expect(validateMessages(example(calls(call("", {}))), ctx)).toEqual([
      { path: "messages.1.calls.0.name", message: "choose a tool" },
    ]);
  });

  it("reports an archived tool and still checks its arguments", () => {
    expect(validateMessages(example(calls(call("old_tool", { q: "x" }))), ctx)).toEqual([
      { path: "messages.1.calls.0.name", message: 'tool "old_tool" is archived' },
    ]);
    expect(validateMessages(example(calls(call("old_tool", {}))), ctx)).toEqual([
      { path: "messages.1.calls.0.name", message: 'tool "old_tool" is archived' },
      { path: "messages.1.calls.0.arguments.q", message: "is required" },
    ]);
  });

  it("flags several calls when parallel calls are off", () => {
    const d = calls(call("get_order", { order_id: "A1" }), call("get_weather", { city: "Oslo" }));
    expect(validateMessages(example(d), ctx)).toEqual([
      {
        path: "messages.1.calls",
        message: "this target has several calls but parallel calls are off for this project (Settings)",
      },
    ]);
  });

  it("accepts several calls when parallel calls are on", () => {
    const d = calls(call("get_order", { order_id: "A1" }), call("get_weather", { city: "Oslo" }));
    expect(validateMessages(example(d), parallelCtx)).toEqual([]);
  });

  it("still validates each parallel call's arguments, indexed by call", () => {
    const d = calls(call("get_order", { order_id: "A1" }), call("get_weather", {}));
    expect(validateMessages(example(d), parallelCtx)).toEqual([
      { path: "messages.1.calls.1.arguments.city", message: "is required" },
    ]);
  });

  it("flags a no_tool target with a blank reason and no content", () => {
    const expected = [
      { path: "messages.1.reason", message: "say why no tool is called (e.g. greeting, or which argument is missing)" },
    ];
    expect(validateMessages(example({ kind: "no_tool", reason: "" }), ctx)).toEqual(expected);
    expect(validateMessages(example({ kind: "no_tool", reason: "   " }), ctx)).toEqual(expected);
    expect(
      validateMessages([user("hi"), assistant({ kind: "no_tool", reason: " " }, "  \n ")], ctx),
    ).toEqual(expected);
  });

  it("accepts a no_tool target with a reason", () => {
    expect(validateMessages(example({ kind: "no_tool", reason: "greeting / small talk" }), ctx)).toEqual([]);
  });

  it("accepts a no_tool target with a blank reason when it has reply text in native_tools style", () => {
    const messages = [user("hi"), assistant({ kind: "no_tool", reason: "" }, "Hello! How can I help?")];
    expect(validateMessages(messages, { ...ctx, outputStyle: "native_tools" })).toEqual([]);
  });

  it("still requires a reason in native_tools style when the reply text is blank", () => {
    const messages = [user("hi"), assistant({ kind: "no_tool", reason: "" }, "   ")];
    expect(validateMessages(messages, { ...ctx, outputStyle: "native_tools" })).toEqual([
      { path: "messages.1.reason", message: "say why no tool is called (e.g. greeting, or which argument is missing)" },
    ]);
  });

  it("requires a reason in router_json style even when there is reply text, since the reason is the output", () => {
    const messages = [user("hi"), assistant({ kind: "no_tool", reason: "" }, "Hello! How can I help?")];
    const expected = [
      { path: "messages.1.reason", message: "say why no tool is called (e.g. greeting, or which argument is missing)" },
    ];
    expect(validateMessages(messages, { ...ctx, outputStyle: "router_json" })).toEqual(expected);
    expect(validateMessages(messages, ctx)).toEqual(expected);
  });

  it("accepts an answer that uses a tool result with its reply text as the target, in both styles", () => {
    const messages: Message[] = [
      user("Where is A1?"),
      assistant(calls(call("get_order", { order_id: "A1" }, "call_1"))),
      { role: "tool", toolCallId: "call_1", name: "get_order", content: '{"status":"open"}' },
      assistant({ kind: "no_tool", reason: "" }, "Order A1 is still open."),
    ];
    expect(validateMessages(messages, { ...ctx, outputStyle: "router_json" })).toEqual([]);
    expect(validateMessages(messages, { ...ctx, outputStyle: "native_tools" })).toEqual([]);
  });

  it("requires a reason again for a plain reply to the next user message after a tool result", () => {
    const messages: Message[] = [
      user("Where is A1?"),
      assistant(calls(call("get_order", { order_id: "A1" }, "call_1"))),
      { role: "tool", toolCallId: "call_1", name: "get_order", content: '{"status":"open"}' },
      assistant({ kind: "no_tool", reason: "" }, "Order A1 is still open."),
      user("Thanks!"),
      assistant({ kind: "no_tool", reason: "" }, "You're welcome."),
    ];
    expect(validateMessages(messages, { ...ctx, outputStyle: "router_json" })).toEqual([
      { path: "messages.5.reason", message: "say why no tool is called (e.g. greeting, or which argument is missing)" },
    ]);
  });

  it("needs no reason for a context turn that is not trained on (weight 0) when it has reply text", () => {
    const context = { ...assistant({ kind: "no_tool", reason: "" }, "Which city?"), weight: 0 as const };
    const messages: Message[] = [user("Weather please"), context, user("Oslo"), assistant(calls(call("get_weather", { city: "Oslo" })))];
    expect(validateMessages(messages, { ...ctx, outputStyle: "router_json" })).toEqual([]);
    const silent = { ...context, content: " " };
    expect(validateMessages([user("Weather please"), silent, user("Oslo"), messages[3]], ctx)).toEqual([
      { path: "messages.1.reason", message: "say why no tool is called (e.g. greeting, or which argument is missing)" },
    ]);
  });

  it("treats an unlabelled target as no problem", () => {
    expect(validateMessages(example({ kind: "unlabelled" }), ctx)).toEqual([]);
  });

  it("flags a tool reply whose toolCallId matches no earlier call", () => {
    const messages: Message[] = [
      user("Where is A1?"),
      assistant(calls(call("get_order", { order_id: "A1" }, "call_1"))),
      { role: "tool", toolCallId: "call_9", name: "get_order", content: "{}" },
      assistant({ kind: "no_tool", reason: "answered" }),
    ];
    expect(validateMessages(messages, ctx)).toEqual([
      { path: "messages.2.toolCallId", message: 'tool reply "call_9" has no matching call before it' },
    ]);
  });

  it("accepts a tool reply whose toolCallId matches an earlier call", () => {
    const messages: Message[] = [
      user("Where is A1?"),
      assistant(calls(call("get_order", { order_id: "A1" }, "call_1"))),
      { role: "tool", toolCallId: "call_1", name: "get_order", content: '{"status":"open"}' },
      assistant({ kind: "no_tool", reason: "answered from the tool result" }),
    ];
    expect(validateMessages(messages, ctx)).toEqual([]);
  });

  it("flags a tool reply that comes before the call it names", () => {
    const messages: Message[] = [
      user("Where is A1?"),
      { role: "tool", toolCallId: "call_1", name: "get_order", content: "{}" },
      assistant(calls(call("get_order", { order_id: "A1" }, "call_1"))),
    ];
    expect(validateMessages(messages, ctx)).toEqual([
      { path: "messages.1.toolCallId", message: 'tool reply "call_1" has no matching call before it' },
    ]);
  });

  it("accepts a tool reply without a toolCallId", () => {
    const messages: Message[] = [
      user("Where is A1?"),
      assistant(calls(call("get_order", { order_id: "A1" }))),
      { role: "tool", name: "get_order", content: "{}" },
      assistant({ kind: "no_tool", reason: "answered" }),
    ];
    expect(validateMessages(messages, ctx)).toEqual([]);
  });

  it("validates every assistant turn and locates issues by turn index", () => {
    const messages: Message[] = [
      user("Where is my order?"),
      assistant({ kind: "no_tool", reason: "" }),
      user("It's A1"),
      assistant(calls(call("get_order", { order_id: "A1", qty: "two" }))),
      user("And the weather in Oslo?"),
      assistant(calls(call("get_weather", {}))),
    ];
    expect(validateMessages(messages, ctx)).toEqual([
      { path: "messages.1.reason", message: "say why no tool is called (e.g. greeting, or which argument is missing)" },
      { path: "messages.3.calls.0.arguments.qty", message: "must be an integer" },
      { path: "messages.5.calls.0.arguments.city", message: "is required" },
    ]);
  });

  it("ignores user turns", () => {
    expect(validateMessages([user(""), user("hello")], ctx)).toEqual([]);
  });
});

describe("issuesAt", () => {
  const issues = [
    { path: "messages.1.calls.0.arguments.order_id", message: "is required" },
    { path: "messages.1.calls.0.arguments.order_id_2", message: "must be a string" },
    { path: "messages.1.calls.0.arguments.address.zip", message: "must be a string" },
    { path: "messages.1.calls.0.arguments.address", message: "must be an object" },
    { path: "messages.1.calls.1.arguments.order_id", message: "is required" },
  ];

  it("returns the issue at exactly the path", () => {
    expect(issuesAt(issues, "messages.1.calls.0.arguments.order_id")).toEqual([issues[0]]);
  });

  it("does not match a sibling whose name merely starts with the same text", () => {
    expect(issuesAt(issues, "messages.1.calls.0.arguments.order_id").map((i) => i.path)).not.toContain(
      "messages.1.calls.0.arguments.order_id_2",
    );
    expect(issuesAt(issues, "messages.1.calls.0.arguments.order_id_2")).toEqual([issues[1]]);
  });

  it("includes issues nested below the path", () => {
    expect(issuesAt(issues, "messages.1.calls.0.arguments.address")).toEqual([issues[2], issues[3]]);
  });

  it("returns everything under one call and nothing from another", () => {
    expect(issuesAt(issues, "messages.1.calls.0")).toEqual(issues.slice(0, 4));
    expect(issuesAt(issues, "messages.1.calls.1")).toEqual([issues[4]]);
  });

  it("returns nothing for a path without issues", () => {
    expect(issuesAt(issues, "messages.3")).toEqual([]);
    expect(issuesAt([], "messages.1")).toEqual([]);
  });
});
