import { beforeAll, describe, expect, it } from "vitest";
import {
  distribution,
  getEncoding,
  numAssistantTokensFromMessages,
  numTokensFromExample,
  numTokensFromMessages,
  percentile,
  valueTokens,
  type TokenEncoding,
} from "@/lib/datasets/tokens";

let cl: TokenEncoding;
let o200k: TokenEncoding;
beforeAll(async () => {
  [cl, o200k] = await Promise.all([getEncoding("cl100k_base"), getEncoding("o200k_base")]);
});

describe("percentile matches numpy.percentile (linear) to the last bit", () => {
  // Expected values printed by numpy 1.x/2.x for the same inputs.
  it.each([
    [[1, 2, 3, 4], 25, 1.75],
    [[1, 2, 3, 4], 50, 2.5],
    [[1, 2, 3, 4], 75, 3.25],
    [[10, 20, 30, 40, 50], 5, 12],
    [[10, 20, 30, 40, 50], 10, 14],
    [[10, 20, 30, 40, 50], 90, 46],
    [[10, 20, 30, 40, 50], 95, 48],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 33, 3.97],
    [[2, 2, 3, 3, 9], 90, 6.6000000000000005],
    [[2, 2, 3, 3, 9], 95, 7.799999999999999],
    [[4, 9, 10, 28, 8000], 90, 4811.200000000001],
    [[26, 28, 45, 111, 8032], 95, 6447.799999999998],
    [[0.1, 0.2, 0.7], 37, 0.17400000000000002],
  ])("percentile(%j, %d) = %d", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it("divides p by 100 before scaling the index, as numpy does (the last bit differs otherwise)", () => {
    const values = [0, 1, 2, 3].map((i) => i * i * 0.7 + 1); // numpy: same list built in Python
    expect(percentile(values, 23)).toBe(1.483); // ((n - 1) * p) / 100 would give 1.4829999999999999
    expect(percentile(values, 31)).toBe(1.6509999999999998); // … and 1.651
  });

  it("sorts its input, and gives the ends at 0 and 100", () => {
    expect(percentile([9, 1, 5], 50)).toBe(5);
    expect(percentile([9, 1, 5], 0)).toBe(1);
    expect(percentile([9, 1, 5], 100)).toBe(9);
    expect(percentile([7], 42)).toBe(7);
  });

  it("rejects an empty list and p outside [0, 100]", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("distribution", () => {
  it("reports min, max, mean, numpy's median and p5/p95/p10/p90", () => {
    expect(distribution([9, 2, 3, 2, 3])).toEqual({
      count: 5,
      min: 2,
      max: 9,
      mean: 3.8,
      median: 3,
      p5: 2,
      p95: 7.799999999999999,
      p10: 2,
      p90: 6.6000000000000005,
    });
  });

  it("takes the mean of the two middle values as the median of an even count", () => {
    expect(distribution([1, 2, 3, 4]).median).toBe(2.5);
  });

  it("rejects an empty list", () => {
    expect(() => distribution([])).toThrow(RangeError);
  });
});

describe("encodings", () => {
  it("loads each encoding once", async () => {
    expect(await getEncoding("cl100k_base")).toBe(cl);
    expect(cl.name).toBe("cl100k_base");
    expect(o200k.name).toBe("o200k_base");
  });

  it("counts the same text differently in o200k_base and cl100k_base", () => {
    const text = "你好，世界！今天天气很好。";
    expect({ cl100k: cl.count(text), o200k: o200k.count(text) }).toEqual({ cl100k: 16, o200k: 9 });
  });

  it("counts special-token text as ordinary text instead of throwing", () => {
    expect(cl.count("hi <|endoftext|> there")).toBe(8);
  });
});

describe("token counts after the cookbook", () => {
  it("charges 3 per message, every value (roles too), 1 per name, and 3 for the reply", () => {
    const messages = [
      { role: "user", content: "I lost my book today.", name: "ann" },
      { role: "assistant", content: "You can read everything on ebooks these days!" },
    ];
    const values = ["user", "I lost my book today.", "ann", "assistant", "You can read everything on ebooks these days!"];
    const expected = 3 * 2 + values.reduce((n, v) => n + cl.count(v), 0) + 1 + 3;
    expect(numTokensFromMessages(messages, cl)).toBe(expected);
  });

  it("encodes non-string values as JSON and skips weight", () => {
    const toolCalls = [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }];
    const messages = [{ role: "assistant", content: null, tool_calls: toolCalls, weight: 1 }];
    const expected = 3 + cl.count("assistant") + cl.count("null") + cl.count(JSON.stringify(toolCalls)) + 3;
    expect(numTokensFromMessages(messages, cl)).toBe(expected);
    expect(numAssistantTokensFromMessages(messages, cl)).toBe(cl.count("null") + cl.count(JSON.stringify(toolCalls)));
    expect(valueTokens(undefined, cl)).toBe(0);
    expect(valueTokens([{ type: "text", text: "hi" }], cl)).toBe(cl.count('[{"type":"text","text":"hi"}]'));
  });

  it("counts only assistant messages as assistant tokens", () => {
    const messages = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "You're great!" },
    ];
    expect(numAssistantTokensFromMessages(messages, cl)).toBe(4);
  });

  it("adds the line's tools once, as JSON", () => {
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }];
    const messages = [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: "Sunny." },
    ];
    expect(numTokensFromExample({ messages, tools }, cl)).toBe(numTokensFromMessages(messages, cl) + cl.count(JSON.stringify(tools)));
  });
});
