import { describe, expect, it } from "vitest";
import { prepareLossSeries, type PrepareOptions, type RunCurve } from "@/lib/training/prepare";
import { smoothTimeWeighted } from "@/lib/training/smoothing";
import { emptyPoint, type MetricPoint } from "@/lib/training/types";

/** Points for steps `from`..`to` (every `every`-th) with train loss f(step). */
function curve(
  f: (step: number) => number | null,
  to: number,
  { from = 1, every = 1, stepsPerEpoch }: { from?: number; every?: number; stepsPerEpoch?: number } = {},
): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (let step = from; step <= to; step += every) {
    const p = emptyPoint(step);
    p.trainLoss = f(step);
    if (stepsPerEpoch) p.epoch = step / stepsPerEpoch;
    out.push(p);
  }
  return out;
}

const base: PrepareOptions = { x: "step", smoothing: 0, logScale: false, series: ["train"] };
const values = (rows: { [k: string]: number | null }[], key: string) => rows.map((r) => r[key]).filter((v): v is number => v !== null);

/** W&B's documented TWEMA, transcribed as a reference to check against. */
function wandbReference(xs: number[], ys: number[], param: number): number[] {
  const w = Math.min(Math.sqrt(param || 0), 0.999);
  const rangeOfX = xs[xs.length - 1] - xs[0];
  let lastY = 0;
  let debias = 0;
  return ys.map((y, i) => {
    const changeInX = ((xs[i] - xs[i > 0 ? i - 1 : 0]) / rangeOfX) * 1000;
    const adj = Math.pow(w, changeInX);
    lastY = lastY * adj + y;
    debias = debias * adj + 1;
    return lastY / debias;
  });
}

describe("smoothing", () => {
  it("matches W&B's time-weighted debiased EMA", () => {
    const xs = [1, 2, 3, 5, 8, 13, 21, 34];
    const ys = [3, 2.5, 2.7, 1.9, 1.5, 1.6, 1.1, 0.9];
    const mine = Array.from(smoothTimeWeighted(xs, ys, 0.6, 33));
    wandbReference(xs, ys, 0.6).forEach((v, i) => expect(mine[i]).toBeCloseTo(v, 12));
    expect(mine[0]).toBe(3); // debiased: the first value is not pulled towards 0
  });

  it("is off at 0: smoothed equals raw, and the chart says it is not smoothed", () => {
    const chart = prepareLossSeries([{ id: "a", label: "A", points: curve((s) => 10 / s, 50) }], base);
    expect(chart.smoothed).toBe(false);
    for (const row of chart.rows) expect(row["a:train"]).toBe(row["a:train:raw"]);
  });

  it("smooths a run logged every step and one logged every 5th step alike (time-weighted, not per point)", () => {
    const f = (s: number) => 1 + Math.sin(s / 20) + (s % 2 ? 0.3 : -0.3);
    const dense = curve(f, 1000);
    const sparse = curve(f, 1000, { every: 5 });
    const chart = prepareLossSeries(
      [
        { id: "d", label: "dense", points: dense },
        { id: "s", label: "sparse", points: sparse },
      ],
      { ...base, smoothing: 0.9, maxPoints: 5000 },
    );
    const shared = chart.rows.filter((r) => r["d:train"] !== null && r["s:train"] !== null && r.x > 100);
    expect(shared.length).toBeGreaterThan(150);
    for (const r of shared) expect(Math.abs(r["d:train"]! - r["s:train"]!)).toBeLessThan(0.2);
  });

  it("smooths only across measured values: a gap stays null and is listed, and the average forgets what came before it", () => {
    const points = curve((s) => (s <= 100 ? 5 : s <= 400 ? null : 1), 500);
    const chart = prepareLossSeries([{ id: "a", label: "A", points }], { ...base, smoothing: 0.6 });
    const inGap = chart.rows.filter((r) => r.x > 100 && r.x <= 400);
    expect(inGap).toEqual([]); // no row is invented where nothing was measured
    expect(chart.series[0].gaps).toEqual([[100, 401]]);
    expect(chart.rows.find((r) => r.x === 401)!["a:train"]).toBeCloseTo(1, 6);
    expect(chart.rows.some((r) => r["a:train"] === 0)).toBe(false);
  });

  it("clamps the weight to [0, 0.999]", () => {
    const points = curve((s) => 1 / s, 20);
    expect(prepareLossSeries([{ id: "a", label: "A", points }], { ...base, smoothing: 5 }).rows).toEqual(
      prepareLossSeries([{ id: "a", label: "A", points }], { ...base, smoothing: 0.999 }).rows,
    );
    expect(prepareLossSeries([{ id: "a", label: "A", points }], { ...base, smoothing: -1 }).smoothed).toBe(false);
  });
});

describe("log scale", () => {
  it("turns raw values ≤ 0 into null, counts them, and keeps the positive smoothed line", () => {
    const points = curve((s) => (s % 3 === 0 ? 0 : 1 / s), 30);
    const chart = prepareLossSeries([{ id: "a", label: "A", points }], { ...base, smoothing: 0.6, logScale: true });
    expect(chart.droppedNonPositive).toBe(10);
    expect(chart.rows.find((r) => r.x === 3)).toMatchObject({ "a:train:raw": null });
    expect(chart.rows.find((r) => r.x === 3)!["a:train"]).toBeGreaterThan(0);
    expect(chart.domain!.y[0]).toBeGreaterThan(0);
  });

  it("still reports the real last value (0) in the per-run summary", () => {
    const chart = prepareLossSeries([{ id: "a", label: "A", points: curve((s) => (s === 30 ? 0 : 1), 30) }], { ...base, logScale: true });
    expect(chart.runs[0].last.train).toMatchObject({ step: 30, raw: 0 });
  });
});

describe("downsampling", () => {
  const big = curve((s) => (s === 12_345 ? 50 : s === 777 ? 0.001 : 2 / Math.sqrt(s) + 0.1 + 0.05 * Math.sin(s)), 20_000);

  it("draws at most maxPoints per series and keeps the first, last, highest and lowest points", () => {
    const chart = prepareLossSeries([{ id: "a", label: "A", points: big }], { ...base, maxPoints: 800 });
    const drawn = values(chart.rows, "a:train:raw");
    expect(chart.downsampled).toBe(true);
    expect(drawn.length).toBeLessThanOrEqual(800);
    expect(chart.series[0].drawn).toBe(drawn.length);
    expect(chart.rows[0].x).toBe(1);
    expect(chart.rows.at(-1)!.x).toBe(20_000);
    expect(Math.max(...drawn)).toBe(50); // the spike survives
    expect(Math.min(...drawn)).toBe(0.001); // and so does the dip
  });

  it("never drops epoch-end full validation points, however small the budget", () => {
    const points = big.map((p) => ({
      ...p,
      fullValidLoss: p.step % 4000 === 0 ? 1 / p.step : null,
      validLoss: p.step % 2 === 0 ? 1 : null,
    }));
    const chart = prepareLossSeries([{ id: "a", label: "A", points }], { ...base, maxPoints: 10, series: ["train", "valid", "fullValid"] });
    expect(chart.rows.filter((r) => r["a:fullValid:raw"] !== null).map((r) => r.x)).toEqual([4000, 8000, 12_000, 16_000, 20_000]);
    expect(chart.series.find((s) => s.series === "fullValid")!.sparse).toBe(true);
    expect(values(chart.rows, "a:valid:raw").length).toBeLessThanOrEqual(10);
    expect(values(chart.rows, "a:train:raw").length).toBeLessThanOrEqual(10);
  });

  it("leaves series within budget untouched", () => {
    const chart = prepareLossSeries([{ id: "a", label: "A", points: curve((s) => s, 300) }], base);
    expect(chart.rows).toHaveLength(300);
    expect(chart.downsampled).toBe(false);
  });
});

describe("epoch axis", () => {
  it("lines up runs of different dataset sizes: step / stepsPerEpoch, or the point's own epoch", () => {
    const small: RunCurve = { id: "s", label: "100 examples", points: curve(() => 1, 300), stepsPerEpoch: 100 };
    const large: RunCurve = { id: "l", label: "250 examples", points: curve(() => 2, 750, { stepsPerEpoch: 250 }) };
    const chart = prepareLossSeries([small, large], { ...base, x: "epoch" });
    expect(chart.domain!.x).toEqual([0.004, 3]);
    const atOne = chart.rows.find((r) => r.x === 1)!;
    expect(atOne).toMatchObject({ "s:train": 1, "l:train": 2 });
  });

  it("prefers the point's epoch over stepsPerEpoch, and counts points it cannot place", () => {
    const points = curve(() => 1, 4);
    points[0].epoch = 0.5;
    const placed = prepareLossSeries([{ id: "a", label: "A", points, stepsPerEpoch: 1 }], { ...base, x: "epoch" });
    expect(placed.rows.map((r) => r.x)).toEqual([0.5, 2, 3, 4]);
    const unplaced = prepareLossSeries([{ id: "a", label: "A", points }], { ...base, x: "epoch" });
    expect(unplaced.runs[0].unplaced).toBe(3);
    expect(unplaced.rows.map((r) => r.x)).toEqual([0.5]);
  });
});

describe("merging runs", () => {
  const a: RunCurve = { id: "a", label: "A", points: curve((s) => 10 + s, 10) };
  const b: RunCurve = { id: "b", label: "B", points: curve((s) => 100 + s, 20, { from: 5, every: 3 }) };
  const chart = prepareLossSeries([a, b], { ...base, series: ["train", "valid"] });

  it("puts every run on one sorted grid of unique x values", () => {
    const xs = chart.rows.map((r) => r.x);
    expect(xs).toEqual([...new Set(xs)].sort((p, q) => p - q));
    expect(xs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 17, 20]);
  });

  it("gives a run null where it has no value, and invents nothing", () => {
    for (const row of chart.rows) {
      expect(Object.keys(row).sort()).toEqual(["a:train", "a:train:raw", "b:train", "b:train:raw", "x"]);
      expect(row["a:train"]).toBe(row.x <= 10 ? 10 + row.x : null);
      expect(row["b:train"]).toBe(row.x >= 5 && (row.x - 5) % 3 === 0 ? 100 + row.x : null);
    }
  });

  it("lists the series that exist, the requested ones that do not, and each run's last values", () => {
    expect(chart.series.map((s) => s.key)).toEqual(["a:train", "b:train"]);
    expect(chart.absent).toEqual(["a:valid", "b:valid"]);
    expect(chart.runs.map((r) => r.last.train?.raw)).toEqual([20, 120]);
    expect(chart.domain).toEqual({ x: [1, 20], y: [11, 120] });
  });

  it("keeps going past a step logged twice (the later value wins)", () => {
    const points = curve((s) => s, 5);
    points.splice(2, 0, { ...points[2], trainLoss: 99 }); // step 3 twice: 99 then 3
    const other: RunCurve = { id: "o", label: "O", points: curve((s) => -s, 5) };
    const rows = prepareLossSeries([{ id: "a", label: "A", points }, other], base).rows;
    expect(rows.map((r) => r["a:train"])).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((r) => r["o:train"])).toEqual([-1, -2, -3, -4, -5]);
  });

  it("returns an empty chart for runs without points", () => {
    const empty = prepareLossSeries([{ id: "a", label: "A", points: [] }], base);
    expect(empty).toMatchObject({ rows: [], series: [], absent: ["a:train"], domain: null });
  });
});
