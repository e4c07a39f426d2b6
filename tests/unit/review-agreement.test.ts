// Cohen's kappa and the categories a second review compares (lib/reviews/agreement.ts).
import { describe, expect, it } from "vitest";
import { categoryOf, cohenKappa, finalRoutingIndex, kappaWords, routingCategory, type Pair } from "@/lib/reviews/agreement";
import type { Decision, Message } from "@/lib/schemas/example";

/** `n` pairs with this first label and second choice. */
const pairs = (label: string, choice: string, n: number): Pair[] => Array.from({ length: n }, () => ({ label, choice }));
/** A 2×2 table: a = yes/yes, b = yes(first)/no(second), c = no/yes, d = no/no. */
const table = (a: number, b: number, c: number, d: number) => [
  ...pairs("yes", "yes", a),
  ...pairs("yes", "no", b),
  ...pairs("no", "yes", c),
  ...pairs("no", "no", d),
];

describe("cohenKappa", () => {
  it("gives 0.4 on the textbook table 20/5/10/15 (p_o 0.7, p_e 0.5)", () => {
    const k = cohenKappa(table(20, 5, 10, 15));
    expect(k).toMatchObject({ reviews: 50, agreements: 35, disagreements: 15 });
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(k.disagreementRate).toBeCloseTo(0.3, 12);
  });

  it("gives 0.1304 and 0.2593 on the two tables with the same p_o of 0.6 but different marginals", () => {
    expect(cohenKappa(table(45, 15, 25, 15)).kappa).toBeCloseTo(0.06 / 0.46, 10);
    expect(cohenKappa(table(25, 35, 5, 35)).kappa).toBeCloseTo(0.14 / 0.54, 10);
    expect(cohenKappa(table(45, 15, 25, 15)).kappa).toBeCloseTo(0.1304, 4);
    expect(cohenKappa(table(25, 35, 5, 35)).kappa).toBeCloseTo(0.2593, 4);
  });

  it("handles three categories where one side never uses one of them", () => {
    // first: a×4, b×3, c×3; second: a×5, b×5. Agreements: a/a 3, b/b 3 → p_o 0.6.
    const k = cohenKappa([
      ...pairs("a", "a", 3),
      ...pairs("a", "b", 1),
      ...pairs("b", "b", 3),
      ...pairs("c", "a", 2),
      ...pairs("c", "b", 1),
    ]);
    // p_e = 0.4·0.5 + 0.3·0.5 + 0.3·0 = 0.35
    expect(k.expected).toBeCloseTo(0.35, 12);
    expect(k.kappa).toBeCloseTo((0.6 - 0.35) / 0.65, 12);
  });

  it("is 1 for perfect agreement over several categories", () => {
    const k = cohenKappa([...pairs("search", "search", 7), ...pairs("no_tool", "no_tool", 3), ...pairs("book", "book", 2)]);
    expect(k.kappa).toBe(1);
    expect(k.disagreementRate).toBe(0);
  });

  it("is 0 when the second choice is independent of the label, and near 0 for random choices", () => {
    expect(cohenKappa(table(10, 10, 10, 10)).kappa).toBeCloseTo(0, 12);
    // A fixed pseudo-random sequence (LCG): both sides pick among four categories independently.
    let seed = 42;
    // The high bits: an LCG's low bits repeat with a short period.
    const next = () => Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 29);
    const random = Array.from({ length: 4000 }, () => ({ label: `t${next()}`, choice: `t${next()}` }));
    const k = cohenKappa(random);
    expect(Math.abs(k.kappa!)).toBeLessThan(0.05);
    expect(k.observed).toBeGreaterThan(0.2);
    expect(k.observed).toBeLessThan(0.3);
  });

  it("is negative when two people systematically disagree", () => {
    expect(cohenKappa(table(0, 10, 10, 0)).kappa).toBeCloseTo(-1, 12);
  });

  it("reports kappa as null, never NaN, when everything is in one category, and nothing without reviews", () => {
    const one = cohenKappa(pairs("no_tool", "no_tool", 12));
    expect(one).toMatchObject({ reviews: 12, agreements: 12, observed: 1, expected: 1, kappa: null, disagreementRate: 0 });
    expect(cohenKappa([])).toEqual({
      reviews: 0,
      agreements: 0,
      disagreements: 0,
      disagreementRate: null,
      observed: null,
      expected: null,
      kappa: null,
    });
    expect(kappaWords(null)).toBe("undefined");
  });

  it("names kappas with Landis and Koch's bands", () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(kappaWords)).toEqual([
      "worse than chance",
      "slight",
      "fair",
      "moderate",
      "substantial",
      "almost perfect",
    ]);
  });
});

const user = (content: string): Message => ({ role: "user", content });
const say = (decision: Decision, weight: 0 | 1 = 1): Message => ({ role: "assistant", decision, weight });
const calls = (...names: string[]): Message => say({ kind: "tool_calls", calls: names.map((name) => ({ name, arguments: {} })) });
const noTool = (reason = "greeting", weight: 0 | 1 = 1): Message => say({ kind: "no_tool", reason }, weight);
const tool = (name: string): Message => ({ role: "tool", name, content: "{}" });

describe("categories of routing decisions", () => {
  it("names a decision by its tools, sorted and each once, or no_tool", () => {
    expect(
      categoryOf({
        kind: "tool_calls",
        calls: [
          { name: "track_order", arguments: {} },
          { name: "search", arguments: {} },
          { name: "search", arguments: { q: 1 } },
        ],
      }),
    ).toBe("search+track_order");
    expect(categoryOf({ kind: "no_tool", reason: "hi" })).toBe("no_tool");
    expect(categoryOf({ kind: "unlabelled" })).toBeNull();
    expect(categoryOf(["b", "a"])).toBe("a+b");
    expect(categoryOf(["no_tool"])).toBe("no_tool");
    expect(categoryOf(["no_tool", "a"])).toBeNull();
    expect(categoryOf([])).toBeNull();
  });

  it("takes the last trained-on routing turn, not a follow-up after a tool result", () => {
    const trace = [user("weather?"), calls("get_weather"), tool("get_weather"), noTool("It is 4°C")];
    expect(finalRoutingIndex(trace)).toBe(1);
    expect(routingCategory(trace)).toBe("get_weather");
    const chat = [user("hi"), noTool("hello"), user("find x"), calls("search")];
    expect(finalRoutingIndex(chat)).toBe(3);
    expect(routingCategory([user("hi"), calls("search"), user("bye"), noTool("bye", 0)])).toBe("search");
  });

  it("has nothing to review when the final routing turn is unlabelled", () => {
    expect(routingCategory([user("x"), say({ kind: "unlabelled" })])).toBeNull();
  });
});
