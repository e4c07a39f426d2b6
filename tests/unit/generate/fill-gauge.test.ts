import { describe, expect, it } from "vitest";
import { fillGauge, spread } from "@/lib/generate/fill-gauge";
import { bandOf } from "@/lib/gauge";

describe("fill the gauge to the band", () => {
  it("adds no_tool negatives to bring a low share to 15%, and shows the arithmetic", () => {
    // (5 + x) / (100 + x) = 0.15 → x = (15 − 5) / 0.85 = 11.76 → 12 (17/112 = 15.18%, nearer than 16/111 = 14.41%)
    const f = fillGauge(5, 100);
    expect(f).toMatchObject({ add: "negative", count: 12 });
    expect(f.after).toBeCloseTo(17 / 112, 12);
    expect(f.explanation).toBe(
      "(5 + x) / (100 + x) = 15% → x = (0.15 × 100 − 5) / 0.85 = 11.7647 ≈ 12 no_tool negatives → 17 / 112 = 15.2%",
    );
  });

  it("adds tool calls to bring a high share down to 15%", () => {
    // 30 / (100 + y) = 0.15 → y = 200 − 100 = 100
    const f = fillGauge(30, 100);
    expect(f).toMatchObject({ add: "positive", count: 100, after: 0.15 });
    expect(f.explanation).toBe("30 / (100 + y) = 15% → y = 30 / 0.15 − 100 = 100 ≈ 100 tool calls → 30 / 200 = 15%");
  });

  it("asks for nothing inside the band, at its edges included", () => {
    expect(fillGauge(10, 100)).toMatchObject({ add: null, count: 0 });
    expect(fillGauge(20, 100)).toMatchObject({ add: null, count: 0 });
    expect(fillGauge(1, 10).explanation).toContain("already inside");
  });

  it("lands inside the band from 10 to 300 decisions, whatever the share", () => {
    for (let d = 10; d <= 300; d++)
      for (let n = 0; n <= d; n++) {
        const f = fillGauge(n, d);
        const after = f.add === "negative" ? (n + f.count) / (d + f.count) : f.add === "positive" ? n / (d + f.count) : n / d;
        if (n === 0 && f.add === "positive") continue;
        expect(bandOf(after), `${n}/${d}`).toBe("within");
      }
  });

  it("says there is nothing to compute without labelled decisions, and refuses impossible counts", () => {
    expect(fillGauge(0, 0)).toMatchObject({ add: null, count: 0, after: null });
    expect(() => fillGauge(3, 2)).toThrow(RangeError);
    // One decision: one negative makes 50%; the user is told to add calls too.
    expect(fillGauge(0, 1)).toMatchObject({ add: "negative", count: 1, explanation: expect.stringContaining("add tool calls too") });
  });

  it("spreads a count over the tools as evenly as it goes", () => {
    expect(spread(12, ["a", "b", "c", "d", "e"])).toEqual({ a: 3, b: 3, c: 2, d: 2, e: 2 });
    expect(spread(2, ["a", "b", "c"])).toEqual({ a: 1, b: 1, c: 0 });
    expect(spread(5, [])).toEqual({});
  });
});
