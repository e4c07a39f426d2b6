import { describe, expect, it } from "vitest";
import { AVOID_LIMIT, itemPrompt, negativeKindOf, PERSONAS, systemPrompt } from "@/lib/generate/prompt";
import { estimateCost, planItems } from "@/lib/generate/plan";
import type { GenerationTool } from "@/lib/schemas/generate";

const track: GenerationTool = {
  name: "track_order",
  description: "Track an order",
  parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
};
const faq: GenerationTool = {
  name: "faq",
  description: "Answer FAQs",
  parameters: { type: "object", properties: { topic: { type: "string" } } },
};

describe("the teacher's prompt", () => {
  it("names the item first, so each request is told apart, and lists the catalogue in the system prompt", () => {
    const p = itemPrompt({ key: "track_order.positive.3", tool: "track_order", kind: "positive", index: 3 }, track, []);
    expect(p.split("\n")[0]).toBe("[item track_order.positive.3]");
    expect(p).toContain(PERSONAS[3]);
    expect(systemPrompt([track, faq])).toContain('"name":"faq"');
  });

  it("varies persona by index and lists at most the last 30 requests not to repeat", () => {
    const a = itemPrompt({ key: "k", tool: "track_order", kind: "positive", index: 0 }, track, []);
    const b = itemPrompt({ key: "k", tool: "track_order", kind: "positive", index: 1 }, track, []);
    expect(a).not.toBe(b);
    const avoid = Array.from({ length: 40 }, (_, i) => `request ${i}`);
    const p = itemPrompt({ key: "k", tool: "track_order", kind: "positive", index: 40 }, track, avoid);
    expect(p).toContain("- request 39");
    expect(p).toContain(`- request ${40 - AVOID_LIMIT}`);
    expect(p).not.toContain(`- request ${39 - AVOID_LIMIT}\n`);
  });

  it("takes underspecified, out-of-scope and chit-chat negatives in turn, naming the missing required argument", () => {
    expect([0, 1, 2, 3].map((i) => negativeKindOf(track, i))).toEqual(["underspecified", "out_of_scope", "chit_chat", "underspecified"]);
    expect(itemPrompt({ key: "k", tool: "track_order", kind: "negative", index: 0 }, track, [])).toContain(
      '"underspecified: need order_id"',
    );
    // Nothing required: nothing can be missing.
    expect([0, 1].map((i) => negativeKindOf(faq, i))).toEqual(["out_of_scope", "chit_chat"]);
  });
});

describe("the plan and its cost", () => {
  it("asks round-robin over tools and kinds", () => {
    const items = planItems({ a: { positive: 2, negative: 1, multi_turn: 0 }, b: { positive: 1, negative: 0, multi_turn: 0 } });
    expect(items.map((i) => i.key)).toEqual(["a.positive.0", "a.negative.0", "b.positive.0", "a.positive.1"]);
  });

  it("prices the tokens at the teacher's rate, or says the price is unknown", () => {
    const plan = { track_order: { positive: 3, negative: 1, multi_turn: 0 } };
    const priced = estimateCost(plan, [track], { inputPerMillion: 1, outputPerMillion: 2 });
    expect(priced.requests).toBe(4);
    expect(priced.completionTokens).toBe(3 * 70 + 80);
    expect(priced.usd).toBeCloseTo((priced.promptTokens + 2 * priced.completionTokens) / 1e6, 12);
    expect(estimateCost(plan, [track], null).usd).toBeNull();
  });
});
