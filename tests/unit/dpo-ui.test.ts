import { describe, expect, it } from "vitest";
import { addedText } from "@/components/evals/failures-text";
import { changeText } from "@/components/runs/lineage-text";

describe("the failures panel's words", () => {
  it("says how many were added and how many skipped", () => {
    expect(addedText({ created: 1, skipped: 0, byVerdict: {}, examples: [] })).toBe("Added 1 train example with the gold decision.");
    expect(addedText({ created: 1200, skipped: 3, byVerdict: {}, examples: [] })).toBe(
      "Added 1,200 train examples with the gold decision; 3 were already in the project and skipped.",
    );
    expect(addedText({ created: 0, skipped: 1, byVerdict: {}, examples: [] })).toBe(
      "Added 0 train examples with the gold decision; 1 was already in the project and skipped.",
    );
  });
});

describe("the before/after-DPO change", () => {
  const rate = (n: number, d: number) => ({ n, d, value: d ? n / d : null });
  it("writes the change in percentage points, signed", () => {
    expect(changeText(rate(12, 14), rate(2, 14))).toBe("−71.4 pts");
    expect(changeText(rate(1, 10), rate(2, 10))).toBe("+10.0 pts");
    expect(changeText(rate(1, 10), rate(1, 10))).toBe("±0.0 pts");
    expect(changeText(rate(0, 0), rate(1, 10))).toBe("—");
    expect(changeText(undefined, rate(1, 10))).toBe("—");
  });
});
