import { describe, expect, it } from "vitest";
import { minMaxIndices } from "@/lib/training/downsample";
import { median, rollingMedianMad } from "@/lib/training/smoothing";
import { random } from "./curves";

/** The obvious O(n·w log w) version, to check the sliding one against. */
function naive(values: number[], window: number) {
  const half = Math.floor(window / 2);
  return values.map((_, i) => {
    const buf = values.slice(Math.max(0, i - half), i + half + 1);
    const m = median(buf);
    return { m, mad: median(buf.map((v) => Math.abs(v - m))) };
  });
}

describe("rollingMedianMad", () => {
  it("matches the naive centred median and MAD, shrinking at the ends, with ties and any window", () => {
    const rand = random(42);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rand() * 60);
      const w = 1 + Math.floor(rand() * 25);
      const values = Array.from({ length: n }, () => (rand() < 0.3 ? Math.round(rand() * 3) : rand() * 5));
      const { median: m, mad } = rollingMedianMad(values, w);
      naive(values, w).forEach((want, i) => {
        expect(m[i], `n=${n} w=${w} i=${i}`).toBeCloseTo(want.m, 12);
        expect(mad[i], `n=${n} w=${w} i=${i}`).toBeCloseTo(want.mad, 12);
      });
    }
  });

  it("ignores an isolated spike", () => {
    const { median: m } = rollingMedianMad([1, 1, 1, 9, 1, 1, 1], 5);
    expect(Array.from(m)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});

describe("minMaxIndices", () => {
  it("keeps every point when within budget", () => {
    expect(minMaxIndices([1, 2, 3], [5, 6, 7], 4)).toEqual([0, 1, 2]);
  });

  it("returns ascending indices within budget, with the ends and each bucket's extremes", () => {
    const rand = random(7);
    const xs = Array.from({ length: 10_000 }, (_, i) => i);
    const ys = xs.map(() => rand());
    ys[4321] = 5;
    ys[8765] = -5;
    const kept = minMaxIndices(xs, ys, 100);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    expect(new Set(kept).size).toBe(kept.length);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(9999);
    expect(kept).toContain(4321);
    expect(kept).toContain(8765);
  });

  it("spends nothing on an empty stretch of x (a gap stays a gap)", () => {
    const xs = [...Array.from({ length: 500 }, (_, i) => i), ...Array.from({ length: 500 }, (_, i) => 10_000 + i)];
    const kept = minMaxIndices(
      xs,
      xs.map((x) => Math.sin(x)),
      50,
    );
    expect(kept.every((i) => xs[i] < 500 || xs[i] >= 10_000)).toBe(true);
  });
});
