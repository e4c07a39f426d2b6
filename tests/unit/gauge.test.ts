import { describe, expect, it } from "vitest";
import { adviceFor, bandOf, formatPercent, NO_TOOL_BAND, needleAngle, ratioOf } from "@/lib/gauge";

describe("no_tool band", () => {
  it("recommends between 10% and 20% no_tool", () => {
    expect(NO_TOOL_BAND).toEqual({ min: 0.1, max: 0.2 });
  });

  it("counts exactly 10% (1 of 10) as within the band", () => {
    expect(ratioOf(1, 10).band).toBe("within");
    expect(ratioOf(10, 100).band).toBe("within");
  });

  it("counts exactly 20% (2 of 10 and 20 of 100) as within the band", () => {
    expect(ratioOf(2, 10).band).toBe("within");
    expect(ratioOf(20, 100).band).toBe("within");
  });

  it("counts ratios computed from counts that land on 10% and 20% with float error as within", () => {
    // 3/30 and 6/30 are not exactly 0.1 and 0.2 in floating point.
    expect(ratioOf(3, 30).band).toBe("within");
    expect(ratioOf(6, 30).band).toBe("within");
    expect(ratioOf(7, 35).band).toBe("within");
  });

  it("counts 9.9% as below the band", () => {
    expect(ratioOf(99, 1000).band).toBe("below");
    expect(bandOf(0.099)).toBe("below");
  });

  it("counts 20.1% as above the band", () => {
    expect(ratioOf(201, 1000).band).toBe("above");
    expect(bandOf(0.201)).toBe("above");
  });

  it("counts 15% as within and 0% and 100% as outside the band", () => {
    expect(bandOf(0.15)).toBe("within");
    expect(bandOf(0)).toBe("below");
    expect(bandOf(1)).toBe("above");
  });

  it("calls a null ratio empty", () => {
    expect(bandOf(null)).toBe("empty");
  });
});

describe("ratioOf", () => {
  it("returns a null ratio and the empty band when nothing is labelled", () => {
    expect(ratioOf(0, 0)).toEqual({
      decisions: 0,
      noTool: 0,
      toolCalls: 0,
      ratio: null,
      band: "empty",
      advice: "No labelled examples yet: label some, including a few that need no tool.",
    });
  });

  it("splits decisions into no_tool and tool calls and computes the ratio", () => {
    const r = ratioOf(3, 20);
    expect(r.decisions).toBe(20);
    expect(r.noTool).toBe(3);
    expect(r.toolCalls).toBe(17);
    expect(r.ratio).toBe(0.15);
    expect(r.band).toBe("within");
    expect(r.advice).toBe("15% no_tool is inside the recommended 10–20% band.");
  });

  it("warns that the model will always call a tool when below the band", () => {
    const r = ratioOf(1, 20);
    expect(r.band).toBe("below");
    expect(r.advice).toContain("always call a tool");
    expect(r.advice.startsWith("5% no_tool is below 10%")).toBe(true);
  });

  it("warns that the model will learn to hedge when above the band", () => {
    const r = ratioOf(1, 2);
    expect(r.band).toBe("above");
    expect(r.advice).toContain("hedge");
    expect(r.advice.startsWith("50% no_tool is above 20%")).toBe(true);
  });

  it("treats all no_tool as above and no no_tool as below", () => {
    expect(ratioOf(5, 5)).toMatchObject({ ratio: 1, band: "above", toolCalls: 0 });
    expect(ratioOf(0, 5)).toMatchObject({ ratio: 0, band: "below", toolCalls: 5 });
  });

  it("rejects a negative no_tool count", () => {
    expect(() => ratioOf(-1, 10)).toThrow(RangeError);
  });

  it("rejects a negative decision count", () => {
    expect(() => ratioOf(0, -1)).toThrow(RangeError);
  });

  it("rejects more no_tool decisions than decisions", () => {
    expect(() => ratioOf(11, 10)).toThrow(RangeError);
    expect(() => ratioOf(1, 0)).toThrow(RangeError);
  });

  it("rejects non-integer counts", () => {
    expect(() => ratioOf(1.5, 10)).toThrow(RangeError);
    expect(() => ratioOf(1, 10.5)).toThrow(RangeError);
    expect(() => ratioOf(Number.NaN, 10)).toThrow(RangeError);
    expect(() => ratioOf(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("names the counts in the RangeError message", () => {
    expect(() => ratioOf(11, 10)).toThrow("invalid counts: 11 no_tool of 10 decisions");
  });
});

describe("adviceFor", () => {
  it("gives the empty advice without a percentage", () => {
    expect(adviceFor("empty", null)).toBe("No labelled examples yet: label some, including a few that need no tool.");
  });

  it("gives the full below-band advice with the percentage first", () => {
    expect(adviceFor("below", 0.05)).toBe(
      "5% no_tool is below 10%: the model will learn to always call a tool. Add greetings, information requests and underspecified requests labelled no_tool.",
    );
  });

  it("gives the full above-band advice with the percentage first", () => {
    expect(adviceFor("above", 0.25)).toBe(
      "25% no_tool is above 20%: the model will learn to hedge and decline requests it should route. Add more tool-call examples.",
    );
  });

  it("gives the within-band advice with the percentage first", () => {
    expect(adviceFor("within", 0.125)).toBe("12.5% no_tool is inside the recommended 10–20% band.");
  });
});

describe("formatPercent", () => {
  it("shows one decimal when the percentage is not whole", () => {
    expect(formatPercent(0.154)).toBe("15.4%");
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(1 / 3)).toBe("33.3%");
  });

  it("shows no decimals for whole percentages", () => {
    expect(formatPercent(0.2)).toBe("20%");
    expect(formatPercent(0.1)).toBe("10%");
    expect(formatPercent(0.5)).toBe("50%");
  });

  it("formats 0 and 1 as 0% and 100%", () => {
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(1)).toBe("100%");
  });
});

describe("needleAngle", () => {
  it("points left for a null ratio", () => {
    expect(needleAngle(null)).toBe(-90);
  });

  it("points left at 0%", () => {
    expect(needleAngle(0)).toBe(-90);
  });

  it("points straight up at 20% on the default 0–40% gauge", () => {
    expect(needleAngle(0.2)).toBe(0);
  });

  it("points right at the top of the default gauge", () => {
    expect(needleAngle(0.4)).toBe(90);
  });

  it("moves linearly between the ends", () => {
    expect(needleAngle(0.1)).toBe(-45);
    expect(needleAngle(0.3)).toBeCloseTo(45, 10);
  });

  it("clamps ratios above the maximum to +90", () => {
    expect(needleAngle(0.41)).toBe(90);
    expect(needleAngle(1)).toBe(90);
  });

  it("clamps negative ratios to -90", () => {
    expect(needleAngle(-0.5)).toBe(-90);
  });

  it("uses a custom maximum when given", () => {
    expect(needleAngle(0.5, 1)).toBe(0);
    expect(needleAngle(1, 1)).toBe(90);
    expect(needleAngle(2, 1)).toBe(90);
  });
});

describe("percentages near float noise and band edges", () => {
  it("formats 7% and 14% without a spurious decimal", () => {
    expect(formatPercent(0.07)).toBe("7%");
    expect(ratioOf(7, 50).advice.startsWith("14% no_tool is inside")).toBe(true);
  });

  it("never says a ratio outside the band is exactly on its edge", () => {
    expect(ratioOf(999, 10000).advice.startsWith("9.99% no_tool is below 10%")).toBe(true);
    expect(ratioOf(2004, 10000).advice.startsWith("20.04% no_tool is above 20%")).toBe(true);
  });
});
