// Ten examples whose every figure was worked out by hand (see the comments), not read off the code.
import { describe, expect, it } from "vitest";
import { nearestRank, scoreExample, summarise, type GoldTarget, type RawOutput, type ScoredRow, type ScoringTool } from "@/lib/scoring";

const tools: ScoringTool[] = [
  { name: "track_order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] } },
  {
    name: "cancel_order",
    parameters: {
      type: "object",
      properties: { order_id: { type: "string" }, reason: { type: "string", enum: ["late"] } },
      required: ["order_id"],
    },
  },
];
const track: GoldTarget = { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: ["A-1"] } }] };
const cancel: GoldTarget = { kind: "tool_calls", calls: [{ name: "cancel_order", arguments: { order_id: ["B-2"] } }] };
const none: GoldTarget = { kind: "no_tool" };
const r = (tool: string, args: Record<string, unknown>) => JSON.stringify({ tool, arguments: args });
const decline = '{"tool": "no_tool", "reason": "hi"}';

function row(output: RawOutput, gold: GoldTarget, extra: Omit<ScoredRow, "score"> = {}): ScoredRow {
  return { score: scoreExample({ output, gold, tools, style: "router_json", mode: "strict" }), ...extra };
}

const rows: ScoredRow[] = [
  row(r("track_order", { order_id: "A-1" }), track, { latencyMs: 100, promptTokens: 1000, completionTokens: 100 }), // 1 correct
  row(r("track_order", { order_id: "B-2" }), track, { latencyMs: 200, promptTokens: 2000, completionTokens: 200 }), // 2 wrong_arguments
  row(r("cancel_order", { order_id: "A-1" }), track, { latencyMs: 300, promptTokens: 1000, completionTokens: null }), // 3 wrong_tool
  row(decline, track, { latencyMs: 400 }), // 4 missed_call
  row(decline, none, { latencyMs: 500 }), // 5 correct
  row(r("track_order", { order_id: "A-1" }), none), // 6 false_tool_call (valid), no latency
  row("let me look", cancel, { latencyMs: 50 }), // 7 parse_failure
  row(r("cancel_order", { order_id: "B-2", reason: "bored" }), cancel, { latencyMs: 1000 }), // 8 invalid (enum), tool name right
  row("```json\n" + r("cancel_order", { order_id: "B-2" }) + "\n```", cancel, { latencyMs: 150 }), // 9 correct, repaired
  row(r("track_order", { order_id: "C-3" }), track, { latencyMs: 250 }), // 10 wrong_arguments
];

describe("summarise on ten hand-scored examples", () => {
  const s = summarise(rows, { tools: ["track_order", "cancel_order"], pricing: { inputPerMillion: 0.5, outputPerMillion: 1.5 } });

  it("gives the headline rates with their numerators and denominators", () => {
    expect(s.total).toBe(10);
    expect(s.validRate).toEqual({ n: 8, d: 10, value: 0.8 }); // all but 7 and 8
    expect(s.toolNameAccuracy).toEqual({ n: 6, d: 10, value: 0.6 }); // 1, 2, 5, 8, 9, 10
    expect(s.argAccuracy).toEqual({ n: 2, d: 4, value: 0.5 }); // of 1, 2, 9, 10 (valid, gold call, right tool): 1 and 9
    expect(s.exactMatch).toEqual({ n: 3, d: 10, value: 0.3 }); // 1, 5, 9
  });

  it("gives the failure rates over their own denominators", () => {
    expect(s.falseToolCallRate).toEqual({ n: 1, d: 2, value: 0.5 }); // of gold no_tool 5, 6: 6
    expect(s.missedCallRate).toEqual({ n: 1, d: 8, value: 0.125 }); // of the eight gold calls: 4
    expect(s.silentCorruptionRate).toEqual({ n: 4, d: 10, value: 0.4 }); // 2, 3, 6, 10
  });

  it("counts parse outcomes and verdicts", () => {
    expect(s.parse).toEqual({ clean: 8, repaired: 1, failed: 1 });
    expect(s.verdicts).toEqual({
      correct: 3,
      wrong_arguments: 2,
      wrong_tool: 1,
      false_tool_call: 1,
      missed_call: 1,
      invalid: 1,
      parse_failure: 1,
    });
  });

  it("builds the confusion matrix over tools, then no_tool, then invalid", () => {
    expect(s.confusion.labels).toEqual(["track_order", "cancel_order", "no_tool", "invalid"]);
    expect(s.confusion.counts).toEqual([
      [3, 1, 1, 0], // gold track_order: 1, 2, 10 | 3 | 4
      [0, 1, 0, 2], // gold cancel_order: 9 | 7, 8
      [1, 0, 1, 0], // gold no_tool: 6 | 5
      [0, 0, 0, 0],
    ]);
  });

  it("gives per-tool precision, recall and argument accuracy", () => {
    expect(s.perTool).toEqual([
      {
        tool: "track_order",
        support: 5,
        predicted: 4,
        truePositive: 3,
        precision: 0.75,
        recall: 0.6,
        argAccuracy: { n: 1, d: 3, value: 1 / 3 },
      },
      {
        tool: "cancel_order",
        support: 3,
        predicted: 2,
        truePositive: 1,
        precision: 0.5,
        recall: 1 / 3,
        argAccuracy: { n: 1, d: 1, value: 1 },
      },
    ]);
  });

  it("aggregates argument errors by tool, argument and kind, most frequent first", () => {
    expect(s.argErrors).toEqual([
      { tool: "track_order", argument: "order_id", kind: "value", count: 2 },
      { tool: "cancel_order", argument: "reason", kind: "schema", count: 1 },
    ]);
  });

  it("gives nearest-rank latency percentiles over the rows that have a latency", () => {
    // 50 100 150 200 250 300 400 500 1000: p50 is the 5th, p95 the ceil(8.55) = 9th.
    expect(s.latency).toEqual({ p50: 250, p95: 1000, mean: 2950 / 9 });
  });

  it("sums known tokens and prices them per 1,000 metered calls", () => {
    expect(s.tokens).toEqual({ prompt: 4000, completion: 300 });
    // 4000 × 0.5 / 1e6 + 300 × 1.5 / 1e6 = 0.00245 USD over 3 calls.
    expect(s.cost!.total).toBeCloseTo(0.00245, 12);
    expect(s.cost!.per1000Calls).toBeCloseTo((0.00245 / 3) * 1000, 12);
  });
});

describe("summarise edge cases", () => {
  it("gives null rates, no latency, tokens or cost for an empty set", () => {
    const s = summarise([], { tools: ["a"] });
    expect(s.validRate).toEqual({ n: 0, d: 0, value: null });
    expect([s.latency, s.tokens, s.cost]).toEqual([null, null, null]);
    expect(s.perTool).toEqual([
      { tool: "a", support: 0, predicted: 0, truePositive: 0, precision: null, recall: null, argAccuracy: { n: 0, d: 0, value: null } },
    ]);
  });

  it("adds tool names outside the given list after it, and leaves cost out without pricing", () => {
    const s = summarise(rows, { tools: ["cancel_order"] });
    expect(s.confusion.labels).toEqual(["cancel_order", "track_order", "no_tool", "invalid"]);
    expect(s.cost).toBeNull();
  });

  it("takes the ceil(p·n)-th smallest value as the nearest-rank percentile", () => {
    expect(nearestRank([10, 20, 30, 40], 0.5)).toBe(20);
    expect(nearestRank([10, 20, 30, 40], 0.95)).toBe(40);
    expect(nearestRank([7], 0.95)).toBe(7);
  });
});
