import { describe, expect, it } from "vitest";
import { isDpoCurve, prepareDpoChart } from "@/lib/training/dpo-chart";
import { emptyPoint } from "@/lib/training/types";

const dpoPoint = (step: number, margin: number | null, acc: number | null) => ({
  ...emptyPoint(step),
  trainLoss: 0.6,
  rewardsChosen: margin === null ? null : margin / 2,
  rewardsRejected: margin === null ? null : -margin / 2,
  rewardsMargins: margin,
  rewardsAccuracy: acc,
});

describe("the DPO chart's data", () => {
  it("orders points by step, keeps unmeasured values as gaps, and ignores SFT-only points", () => {
    const chart = prepareDpoChart([dpoPoint(3, 0.4, 0.7), emptyPoint(1), dpoPoint(2, null, 0.6)]);
    expect(chart.rewards.map((p) => p.step)).toEqual([2, 3]);
    expect(chart.rewards[0]).toEqual({ step: 2, chosen: null, rejected: null, margins: null, validMargins: null });
    expect(chart.accuracy).toEqual([
      { step: 2, accuracy: 0.6, validAccuracy: null },
      { step: 3, accuracy: 0.7, validAccuracy: null },
    ]);
  });

  it("thins a long run evenly to the cap, keeping the first and last step", () => {
    const chart = prepareDpoChart(
      Array.from({ length: 5000 }, (_, i) => dpoPoint(i + 1, i / 5000, 0.5)),
      100,
    );
    expect(chart.rewards).toHaveLength(100);
    expect(chart.rewards[0].step).toBe(1);
    expect(chart.rewards.at(-1)!.step).toBe(5000);
  });

  it("tells a DPO curve from an SFT one", () => {
    expect(isDpoCurve([dpoPoint(1, 0.1, 0.5)])).toBe(true);
    expect(isDpoCurve([{ ...emptyPoint(1), trainLoss: 1 }])).toBe(false);
  });
});
