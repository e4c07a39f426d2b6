import { describe, expect, it } from "vitest";
import { decodeRouterJson, router, type ExampleRecord } from "@/lib/formats";
import { error, value } from "./data";

const line = (...contents: string[]) => ({
  messages: [
    { role: "system", content: "Route." },
    ...contents.flatMap((c) => [
      { role: "user", content: "q" },
      { role: "assistant", content: c },
    ]),
  ],
});

describe("router.parse", () => {
  it("turns router JSON into decisions: one call, parallel calls, no_tool with its reason", () => {
    const { example } = value(
      router.parse(
        line(
          '{"tool": "track", "arguments": {"id": 7}}',
          '[{"tool":"a","arguments":{}},{"tool":"b","arguments":{"x":1}}]',
          '{"tool":"no_tool","reason":"greeting"}',
        ),
        1,
      ),
    );
    expect(example.system).toBe("Route.");
    expect(example.messages.filter((m) => m.role === "assistant")).toEqual([
      { role: "assistant", decision: { kind: "tool_calls", calls: [{ name: "track", arguments: { id: 7 } }] }, weight: 1 },
      {
        role: "assistant",
        decision: {
          kind: "tool_calls",
          calls: [
            { name: "a", arguments: {} },
            { name: "b", arguments: { x: 1 } },
          ],
        },
        weight: 1,
      },
      { role: "assistant", decision: { kind: "no_tool", reason: "greeting" }, weight: 1 },
    ]);
  });

  it("rejects plain text, JSON without a tool, an empty list and no_tool inside a list", () => {
    expect(error(router.parse(line("Hello there!"), 5))).toMatchObject({
      line: 5,
      kind: "not_router_json",
      reason: expect.stringMatching(/^messages\[2\]\.content is not router JSON/),
    });
    expect(error(router.parse(line('{"name":"x"}'), 1)).kind).toBe("not_router_json");
    expect(error(router.parse(line("[]"), 1)).kind).toBe("not_router_json");
    expect(error(router.parse(line('[{"tool":"no_tool","reason":"r"}]'), 1)).kind).toBe("not_router_json");
  });

  it("rejects arguments that are a JSON string rather than an object", () => {
    expect(error(router.parse(line('{"tool":"a","arguments":"{\\"x\\":1}"}'), 1))).toMatchObject({
      kind: "bad_arguments",
      reason: expect.stringContaining("messages[2].content.arguments"),
    });
  });

  it("reads a tool result written as a function message after a router call", () => {
    const { example } = value(
      router.parse(
        {
          messages: [
            { role: "user", content: "q" },
            { role: "assistant", content: '{"tool":"t","arguments":{}}' },
            { role: "function", name: "t", content: "r" },
            { role: "assistant", content: '{"tool":"no_tool","reason":"done"}' },
          ],
        },
        1,
      ),
    );
    expect(example.messages[2]).toEqual({ role: "tool", name: "t", content: "r" });
  });
});

describe("router.write", () => {
  it("writes the system prompt and router JSON, using the reply text when a no_tool has no reason", () => {
    const example: ExampleRecord = {
      system: "From the file",
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", decision: { kind: "no_tool", reason: "" }, content: "Hello!", weight: 1 },
      ],
    };
    expect(router.write(example, { system: "Route." })).toEqual({
      messages: [
        { role: "system", content: "Route." },
        { role: "user", content: "hi" },
        { role: "assistant", content: '{"tool":"no_tool","reason":"Hello!"}' },
      ],
    });
    expect(router.write(example).messages[0]).toEqual({ role: "system", content: "From the file" });
  });

  it("round-trips through decodeRouterJson", () => {
    expect(decodeRouterJson('{"tool":"a","arguments":{"k":[1,{"z":null}]}}', "c")).toEqual({
      kind: "tool_calls",
      calls: [{ name: "a", arguments: { k: [1, { z: null }] } }],
    });
  });
});
