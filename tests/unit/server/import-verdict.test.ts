// The import's verdict on a plain assistant reply, in every format that has one: a no_tool decision
// whose reply text is kept; in router_json it still needs a reason (flagged, not rejected).
import { describe, expect, it } from "vitest";
import { openai, sharegpt, trl, type RecordResult } from "@/lib/formats";
import { judgeRecord } from "@/lib/server/imports/verdict";
import type { ValidationContext } from "@/lib/validation/example";

const weather = { name: "get_weather", archived: false, parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
const ctx = (outputStyle: "router_json" | "native_tools"): ValidationContext => ({ tools: [weather], parallelToolCalls: true, outputStyle });
const chat = [
  { role: "user", content: "hi!" },
  { role: "assistant", content: "Hello! What can I do for you?" },
];
const lines: [string, RecordResult][] = [
  ["openai", openai.parse({ messages: chat }, 1)],
  ["trl", trl.parse({ messages: chat }, 1)],
  ["sharegpt", sharegpt.parse({ conversations: [{ from: "human", value: "hi!" }, { from: "gpt", value: "Hello! What can I do for you?" }] }, 1)],
];
const reasonIssue = { path: "messages.1.reason", message: "say why no tool is called (e.g. greeting, or which argument is missing)" };

describe("judgeRecord on a plain reply", () => {
  it.each(lines)("accepts a %s plain reply in router_json, flagged as needing a reason, reply text kept", (_format, parsed) => {
    if (!parsed.ok) throw new Error(parsed.error.reason);
    const verdict = judgeRecord(parsed.value, ctx("router_json"));
    if (!verdict.ok) throw new Error(verdict.error.reason);
    expect(verdict.value.issues).toEqual([reasonIssue]);
    expect(verdict.value.derived).toMatchObject({ needsReason: true, targetKind: "no_tool", routingNoToolCount: 1 });
    expect(parsed.value.example.messages[1]).toMatchObject({ decision: { kind: "no_tool", reason: "" }, content: "Hello! What can I do for you?" });
  });

  it.each(lines)("accepts a %s plain reply in native_tools with no issue", (_format, parsed) => {
    if (!parsed.ok) throw new Error(parsed.error.reason);
    const verdict = judgeRecord(parsed.value, ctx("native_tools"));
    expect(verdict.ok && verdict.value.issues).toEqual([]);
  });

  it("still rejects a line with a broken call, naming its first real problem, even when a reason is missing too", () => {
    const parsed = openai.parse(
      {
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: "Hello!" },
          { role: "user", content: "weather?" },
          { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
        ],
      },
      7,
    );
    if (!parsed.ok) throw new Error(parsed.error.reason);
    const verdict = judgeRecord(parsed.value, ctx("router_json"));
    expect(verdict).toEqual({
      ok: false,
      error: { line: 7, kind: "schema_violation", reason: "line 7: messages.3.calls.0.arguments.city: is required (and 1 more)" },
    });
  });
});
