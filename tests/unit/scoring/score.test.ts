import { describe, expect, it } from "vitest";
import {
  goldFromDecision,
  scoreExample,
  validateDecision,
  type GoldTarget,
  type MatchMode,
  type RawOutput,
  type ScoringTool,
} from "@/lib/scoring";

const tools: ScoringTool[] = [
  {
    name: "track_order",
    parameters: {
      type: "object",
      properties: { order_id: { type: "string", pattern: "^[A-Z]-\\d+$" }, note: { type: "string" } },
      required: ["order_id"],
      additionalProperties: false,
    },
  },
  {
    name: "cancel_order",
    parameters: {
      type: "object",
      properties: { order_id: { type: "string" }, reason: { type: "string", enum: ["late", "damaged"] } },
      required: ["order_id"],
    },
  },
  {
    name: "ship",
    parameters: {
      type: "object",
      properties: {
        address: { type: "object", properties: { city: { type: "string" }, lines: { type: "array", items: { type: "string" } } } },
        items: { type: "array", items: { type: "object" } },
      },
    },
  },
];

const track = (id: string | string[]): GoldTarget => ({
  kind: "tool_calls",
  calls: [{ name: "track_order", arguments: { order_id: Array.isArray(id) ? id : [id] } }],
});
const noTool: GoldTarget = { kind: "no_tool", reason: "greeting" };
const router = (name: string, args: Record<string, unknown>) => JSON.stringify({ tool: name, arguments: args });
function score(output: RawOutput, gold: GoldTarget, mode: MatchMode = "strict") {
  return scoreExample({ output, gold, tools, style: "router_json", mode });
}

describe("scoreExample verdicts, in order of precedence", () => {
  it("calls output that does not parse a parse failure, pairing the gold with invalid", () => {
    const s = score("let me check that for you", track("A-1"));
    expect(s).toMatchObject({
      verdict: "parse_failure",
      parse: "failed",
      valid: false,
      correct: false,
      silentCorruption: false,
      pairs: [["track_order", "invalid"]],
    });
    expect(s.reason).toMatch(/^could not parse the output: content is not router JSON/);
  });

  it("is correct when gold and model both decline", () => {
    expect(score('{"tool": "no_tool", "reason": "hi"}', noTool)).toMatchObject({
      verdict: "correct",
      correct: true,
      toolCorrect: true,
      argsCorrect: null,
      reason: "",
      pairs: [["no_tool", "no_tool"]],
    });
  });

  it("flags a call when the gold declines as a false tool call, valid or not, and a valid one as silent corruption", () => {
    const valid = score(router("track_order", { order_id: "A-1" }), noTool);
    expect(valid).toMatchObject({
      verdict: "false_tool_call",
      falseToolCall: true,
      valid: true,
      silentCorruption: true,
      reason: "called track_order, expected no tool call",
      pairs: [["no_tool", "track_order"]],
    });
    const invalid = score(router("track_order", {}), noTool);
    expect(invalid).toMatchObject({
      verdict: "false_tool_call",
      falseToolCall: true,
      valid: false,
      silentCorruption: false,
      pairs: [["no_tool", "invalid"]],
    });
    expect(invalid.validationErrors).toEqual(["track_order.order_id: is required"]);
  });

  it("flags a decline when the gold calls as a missed call", () => {
    const s = score('{"tool": "no_tool", "reason": "need the order number"}', track("A-1"));
    expect(s).toMatchObject({
      verdict: "missed_call",
      missedCall: true,
      silentCorruption: false,
      correct: false,
      pairs: [["track_order", "no_tool"]],
    });
    expect(s.reason).toBe('said no_tool ("need the order number"), expected a call to track_order');
  });

  it("calls an unknown tool or a schema failure invalid, before judging the tool", () => {
    expect(score(router("find_order", { order_id: "A-1" }), track("A-1"))).toMatchObject({
      verdict: "invalid",
      valid: false,
      reason: "unknown tool find_order",
      pairs: [["track_order", "invalid"]],
    });
    const s = score(router("cancel_order", { order_id: "A-1", reason: "bored" }), track("A-1"));
    expect(s).toMatchObject({ verdict: "invalid", toolCorrect: false, silentCorruption: false });
    expect(s.reason).toBe('cancel_order.reason: must be one of: "late", "damaged"');
    expect(s.argErrors).toEqual([
      { tool: "cancel_order", argument: "reason", kind: "schema", message: 'must be one of: "late", "damaged"' },
    ]);
  });

  it("calls a valid call to another tool a wrong tool, and silent corruption", () => {
    expect(score(router("cancel_order", { order_id: "A-1" }), track("A-1"))).toMatchObject({
      verdict: "wrong_tool",
      toolCorrect: false,
      argsCorrect: null,
      silentCorruption: true,
      reason: "called cancel_order, expected track_order",
      pairs: [["track_order", "cancel_order"]],
    });
  });

  it("calls the right tool with a different argument wrong arguments, saying what differed", () => {
    const s = score(router("track_order", { order_id: "B-2" }), track(["A-1", "a1"]));
    expect(s).toMatchObject({
      verdict: "wrong_arguments",
      toolCorrect: true,
      argsCorrect: false,
      silentCorruption: true,
      pairs: [["track_order", "track_order"]],
    });
    expect(s.reason).toBe('order_id: expected "A-1" (or "a1"), got "B-2"');
    expect(score(router("track_order", { order_id: "A-1", note: "asap" }), track("A-1")).reason).toBe(
      "extra argument 'note' not in the gold answer",
    );
  });

  it("is correct when tool and arguments match", () => {
    expect(score(router("track_order", { order_id: "A-1" }), track("A-1"))).toMatchObject({
      verdict: "correct",
      correct: true,
      valid: true,
      toolCorrect: true,
      argsCorrect: true,
      silentCorruption: false,
      argErrors: [],
    });
  });
});

describe("strict mode beyond BFCL", () => {
  it("never counts a schema-invalid call's arguments as right, which bfcl mode may", () => {
    // The gold itself breaks the schema's pattern; BFCL checks types only and passes the copy.
    const strict = score(router("track_order", { order_id: "a1" }), track("a1"));
    expect(strict).toMatchObject({ verdict: "invalid", argsCorrect: null, correct: false });
    const bfcl = score(router("track_order", { order_id: "a1" }), track("a1"), "bfcl");
    expect(bfcl).toMatchObject({ verdict: "invalid", argsCorrect: true, correct: true });
  });

  it("compares nested objects and arrays all the way down, normalising strings, and names the path", () => {
    const gold = goldFromDecision({
      kind: "tool_calls",
      calls: [{ name: "ship", arguments: { address: { city: "New York", lines: ["5th Ave", "Apt 2"] } } }],
    });
    expect(score(router("ship", { address: { city: "new-york", lines: ["5th ave", "apt 2"] } }), gold).correct).toBe(true);
    const wrong = score(router("ship", { address: { city: "New York", lines: ["5th Ave", "Apt 3"] } }), gold);
    expect(wrong).toMatchObject({ verdict: "wrong_arguments", reason: 'address.lines.1: expected "Apt 2", got "Apt 3"' });
    const extra = score(router("ship", { address: { city: "New York", lines: ["5th Ave", "Apt 2"], zip: "1" } }), gold);
    expect(extra.argErrors).toEqual([
      { tool: "ship", argument: "address.zip", kind: "unexpected", message: "address: unexpected key 'zip', not in the gold answer" },
    ]);
  });

  it("recurses into the dicts of a list of dicts", () => {
    const gold = goldFromDecision({
      kind: "tool_calls",
      calls: [{ name: "ship", arguments: { items: [{ sku: "X", meta: { gift: true } }] } }],
    });
    expect(score(router("ship", { items: [{ sku: "x", meta: { gift: true } }] }), gold).correct).toBe(true);
    expect(score(router("ship", { items: [{ sku: "x", meta: { gift: false } }] }), gold).reason).toBe(
      "items.0.meta.gift: expected true, got false",
    );
  });

  it("matches parallel calls in any order and aligns the confusion pairs by the matching", () => {
    const gold: GoldTarget = {
      kind: "tool_calls",
      calls: [
        { name: "track_order", arguments: { order_id: ["A-1"] } },
        { name: "cancel_order", arguments: { order_id: ["B-2"] } },
      ],
    };
    const s = score(`[${router("cancel_order", { order_id: "B-2" })}, ${router("track_order", { order_id: "A-1" })}]`, gold);
    expect(s).toMatchObject({
      correct: true,
      pairs: [
        ["track_order", "track_order"],
        ["cancel_order", "cancel_order"],
      ],
    });
  });

  it("pairs a leftover gold call with no_tool and an extra call with gold no_tool", () => {
    const gold: GoldTarget = {
      kind: "tool_calls",
      calls: [
        { name: "track_order", arguments: { order_id: ["A-1"] } },
        { name: "cancel_order", arguments: { order_id: ["B-2"] } },
      ],
    };
    expect(score(router("cancel_order", { order_id: "B-2" }), gold).pairs).toEqual([
      ["track_order", "no_tool"],
      ["cancel_order", "cancel_order"],
    ]);
    const extra = score(`[${router("track_order", { order_id: "A-1" })}, ${router("track_order", { order_id: "A-2" })}]`, track("A-1"));
    expect(extra).toMatchObject({
      verdict: "wrong_tool",
      pairs: [
        ["track_order", "track_order"],
        ["no_tool", "track_order"],
      ],
    });
  });
});

describe("validateDecision", () => {
  it("accepts no_tool and valid calls, and names unknown tools and failing arguments", () => {
    expect(validateDecision({ kind: "no_tool", reason: "" }, tools)).toEqual([]);
    expect(validateDecision({ kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "A-1" } }] }, tools)).toEqual([]);
    expect(
      validateDecision(
        {
          kind: "tool_calls",
          calls: [
            { name: "Track_Order", arguments: {} },
            { name: "track_order", arguments: { note: 1 } },
          ],
        },
        tools,
      ),
    ).toEqual(["unknown tool Track_Order", "track_order.order_id: is required", "track_order.note: must be a string"]);
  });
});

describe("goldFromDecision", () => {
  it("turns each labelled value into its only acceptable value, in BFCL's shape for dicts and lists of dicts", () => {
    expect(
      goldFromDecision({
        kind: "tool_calls",
        calls: [{ name: "ship", arguments: { n: 1, address: { city: "X", geo: { lat: 1 } }, items: [{ sku: "A" }], tags: ["a"] } }],
      }),
    ).toEqual({
      kind: "tool_calls",
      calls: [
        { name: "ship", arguments: { n: [1], address: [{ city: ["X"], geo: [{ lat: 1 }] }], items: [[{ sku: ["A"] }]], tags: [["a"]] } },
      ],
    });
  });

  it("uses stored alternatives when there are some, keeps no_tool, and refuses an unlabelled turn", () => {
    const alternatives = [{ name: "track_order", arguments: { order_id: ["A-1", "a1"] } }];
    expect(
      goldFromDecision({ kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "A-1" } }] }, alternatives),
    ).toEqual({ kind: "tool_calls", calls: alternatives });
    expect(goldFromDecision({ kind: "no_tool", reason: "hi" })).toEqual({ kind: "no_tool", reason: "hi" });
    expect(() => goldFromDecision({ kind: "unlabelled" })).toThrow(/unlabelled/);
  });

  it("does not allow an argument the label does not have", () => {
    const gold = goldFromDecision({ kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "A-1" } }] });
    expect(score(router("track_order", { order_id: "A-1", note: "x" }), gold).correct).toBe(false);
  });
});
