import { describe, expect, it } from "vitest";
import { ANSWER_REASON, dedupeKey, judgeCandidate } from "@/lib/generate/candidate";
import type { GenerationTool } from "@/lib/schemas/generate";

const tools: GenerationTool[] = [
  {
    name: "track_order",
    description: "Track an order",
    parameters: {
      type: "object",
      properties: { order_id: { type: "string", pattern: "^ORD-\\d{5}$" } },
      required: ["order_id"],
      additionalProperties: false,
    },
  },
];
const j = (v: unknown) => JSON.stringify(v);

describe("judging a teacher's candidate", () => {
  it("reads a request and its call into a user turn and the target", () => {
    const r = judgeCandidate(
      j({ request: " Where is ORD-12345? ", tool: "track_order", arguments: { order_id: "ORD-12345" } }),
      "positive",
      tools,
    );
    expect(r).toEqual({
      ok: true,
      request: "Where is ORD-12345?",
      messages: [
        { role: "user", content: "Where is ORD-12345?" },
        {
          role: "assistant",
          decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-12345" } }] },
          weight: 1,
        },
      ],
    });
  });

  it("reads a boundary negative with its reason and reply", () => {
    const r = judgeCandidate(
      j({ request: "Where's my order?", tool: "no_tool", reason: "underspecified: need order_id", reply: "Which order?" }),
      "negative",
      tools,
    );
    expect(r.ok && r.messages[1]).toEqual({
      role: "assistant",
      decision: { kind: "no_tool", reason: "underspecified: need order_id" },
      content: "Which order?",
      weight: 1,
    });
  });

  it("reads a multi-turn candidate as call → tool result → answer", () => {
    const r = judgeCandidate(
      j({
        request: "ORD-12345?",
        tool: "track_order",
        arguments: { order_id: "ORD-12345" },
        tool_result: { status: "late" },
        answer: "It is late.",
      }),
      "multi_turn",
      tools,
    );
    expect(r.ok && r.messages).toEqual([
      { role: "user", content: "ORD-12345?" },
      {
        role: "assistant",
        decision: { kind: "tool_calls", calls: [{ id: "call_1", name: "track_order", arguments: { order_id: "ORD-12345" } }] },
        weight: 1,
      },
      { role: "tool", toolCallId: "call_1", name: "track_order", content: '{"status":"late"}' },
      { role: "assistant", decision: { kind: "no_tool", reason: ANSWER_REASON }, content: "It is late.", weight: 1 },
    ]);
  });

  it("accepts one whole-answer code fence, nothing looser", () => {
    const fenced = "```json\n" + j({ request: "Track ORD-12345", tool: "track_order", arguments: { order_id: "ORD-12345" } }) + "\n```";
    expect(judgeCandidate(fenced, "positive", tools).ok).toBe(true);
    expect(judgeCandidate("Sure! " + fenced, "positive", tools)).toMatchObject({ ok: false, reason: "invalid_json" });
  });

  it.each([
    ['{"request": "x", "tool": ', "positive", "invalid_json"],
    ["[1, 2]", "positive", "invalid_json"],
    [j({ tool: "track_order", arguments: { order_id: "ORD-12345" } }), "positive", "bad_shape"],
    [j({ request: "x" }), "positive", "bad_shape"],
    [j({ request: "Ship it", tool: "ship_order", arguments: {} }), "positive", "unknown_tool"],
    [j({ request: "Track 123", tool: "track_order", arguments: { order_id: "123" } }), "positive", "schema"],
    [j({ request: "Track ORD-12345", tool: "track_order", arguments: { order_id: "ORD-12345", extra: 1 } }), "positive", "schema"],
    [j({ request: "Hi", tool: "no_tool", reason: "greeting" }), "positive", "wrong_kind"],
    [j({ request: "Track ORD-12345", tool: "track_order", arguments: { order_id: "ORD-12345" } }), "negative", "wrong_kind"],
    [j({ request: "Hi", tool: "no_tool", reason: " " }), "negative", "bad_shape"],
    [j({ request: "ORD-12345?", tool: "track_order", arguments: { order_id: "ORD-12345" }, answer: "ok" }), "multi_turn", "bad_shape"],
  ] as const)("rejects %s asked as %s: %s", (raw, kind, reason) => {
    expect(judgeCandidate(raw, kind, tools)).toMatchObject({ ok: false, reason });
  });

  it("names the failing argument in a schema rejection", () => {
    const r = judgeCandidate(j({ request: "Track 123", tool: "track_order", arguments: { order_id: "123" } }), "positive", tools);
    expect(!r.ok && r.detail).toMatch(/^track_order\.order_id: /);
    expect(!r.ok && r.request).toBe("Track 123");
  });
});

describe("dedupe key", () => {
  it("ignores case, spacing and punctuation, not words", () => {
    expect(dedupeKey("Where's my parcel, ORD-20000?!")).toBe(dedupeKey("  WHERE S MY   PARCEL ORD 20000"));
    expect(dedupeKey("Where is ORD-1")).not.toBe(dedupeKey("Where was ORD-1"));
  });
});
