// The *prepare* step of the loss charts: every decision (x axis, smoothing, log filtering,
// downsampling, merging runs) is made here and unit-tested; the recharts component only draws
// `rows` with the keys listed in `series`, and decides nothing.
import { minMaxIndices } from "./downsample";
import { domainOf, gapsOf, mergeRows, pick, type ChartRow, type KeptSeries } from "./grid";
import { smoothTimeWeighted } from "./smoothing";
import type { MetricField, MetricPoint } from "./types";

/** Chart series → the MetricPoint field each one plots. */
export const SERIES_FIELDS = {
  train: "trainLoss",
  valid: "validLoss",
  fullValid: "fullValidLoss",
  trainAcc: "trainAccuracy",
  validAcc: "validAccuracy",
  fullValidAcc: "fullValidAccuracy",
} as const satisfies Record<string, MetricField>;
export type SeriesKind = keyof typeof SERIES_FIELDS;

/** Named-property readers: a fixed property per function keeps the hot loop's loads monomorphic. */
const READ: Readonly<Record<SeriesKind, (p: MetricPoint) => number | null>> = {
  train: (p) => p.trainLoss,
  valid: (p) => p.validLoss,
  fullValid: (p) => p.fullValidLoss,
  trainAcc: (p) => p.trainAccuracy,
  validAcc: (p) => p.validAccuracy,
  fullValidAcc: (p) => p.fullValidAccuracy,
};

export const DEFAULT_MAX_POINTS = 800; // Unsloth Studio's budget: more is invisible at chart widths
/** Measured only at epoch ends (OpenAI's full validation pass): never downsampled, drawn as dots. */
const EPOCH_END_SERIES: ReadonlySet<SeriesKind> = new Set(["fullValid", "fullValidAcc"]);
/** A series this short is drawn with dots (a one-point line is invisible) and never downsampled. */
const SPARSE_MAX_POINTS = 50;
/** A spacing this many times a series' median spacing is a gap in logging, listed for shading. */
const GAP_FACTOR = 5;
const MAX_SMOOTHING = 0.999;

export interface RunCurve {
  id: string;
  label: string;
  points: readonly MetricPoint[];
  /** Places points without an `epoch` on the epoch axis at step / stepsPerEpoch. */
  stepsPerEpoch?: number;
}

export interface PrepareOptions {
  x: "step" | "epoch";
  /** EMA weight in [0, 0.999] as on W&B's slider; 0 = off. Out-of-range values are clamped. */
  smoothing: number;
  logScale: boolean;
  /** Per series, at most this many drawn points (default 800, at least 4). */
  maxPoints?: number;
  series: readonly SeriesKind[];
}

export type { ChartRow };

export interface SeriesInfo {
  key: string;
  rawKey: string;
  runId: string;
  label: string;
  series: SeriesKind;
  /** Points drawn (non-null in `rows`). */
  drawn: number;
  /** Few points (or epoch-end only): draw with dots; never downsampled. */
  sparse: boolean;
  /** x ranges with no measurement at all (a resumed run, a logging outage): shade, don't bridge silently. */
  gaps: [number, number][];
}

export interface LastValue {
  step: number;
  x: number;
  raw: number;
  smoothed: number;
}

export interface PreparedRun {
  id: string;
  label: string;
  /** The last measured value of each series, from all points (before downsampling and log filtering). */
  last: Partial<Record<SeriesKind, LastValue>>;
  /** Points left off the epoch axis: no `epoch` and no `stepsPerEpoch` to derive one. */
  unplaced: number;
}

export interface PreparedChart {
  /** Sorted by x. Every row has every key of `series`; null where that series has no value at x. */
  rows: ChartRow[];
  /** Series with at least one drawn value, run by run in the requested order. */
  series: SeriesInfo[];
  /** Requested `${runId}:${series}` keys with nothing to draw (e.g. no validation file). */
  absent: string[];
  runs: PreparedRun[];
  domain: ReturnType<typeof domainOf>;
  /** Raw values ≤ 0 turned into null because a log axis cannot show them. */
  droppedNonPositive: number;
  /** True when smoothing is on: draw the `:raw` values faintly behind the smoothed line. */
  smoothed: boolean;
  downsampled: boolean;
}

export function prepareLossSeries(runs: readonly RunCurve[], opts: PrepareOptions): PreparedChart {
  const weight = Math.min(MAX_SMOOTHING, Math.max(0, opts.smoothing || 0));
  const maxPoints = Math.max(4, Math.floor(opts.maxPoints ?? DEFAULT_MAX_POINTS));
  const placedRuns = runs.map((run) => placeRun(run, opts.x));

  // One x range for all series, so the time-weighted EMA smooths every line alike.
  let xMin = Infinity;
  let xMax = -Infinity;
  for (const { xs, order } of placedRuns) {
    if (order.length === 0) continue;
    xMin = Math.min(xMin, xs[order[0]]);
    xMax = Math.max(xMax, xs[order[order.length - 1]]);
  }
  const rangeOfX = xMax - xMin;

  const series: SeriesInfo[] = [];
  const absent: string[] = [];
  const kept: KeptSeries[] = [];
  const prepared: PreparedRun[] = [];
  let droppedNonPositive = 0;
  let downsampled = false;

  for (const { run, xs: runXs, order, unplaced } of placedRuns) {
    const last: PreparedRun["last"] = {};
    for (const kind of opts.series) {
      const key = `${run.id}:${kind}`;
      const read = READ[kind];
      let count = 0; // size the arrays exactly: epoch-end series have a handful of points in 20,000
      for (let k = 0; k < order.length; k++) if (Number.isFinite(read(run.points[order[k]]))) count++;
      const xs = new Float64Array(count);
      const ys = new Float64Array(count);
      let n = 0;
      let lastStep = 0;
      for (let k = 0; k < order.length; k++) {
        const point = run.points[order[k]];
        const v = read(point);
        if (v === null || !Number.isFinite(v)) continue;
        xs[n] = runXs[order[k]];
        ys[n++] = v;
        lastStep = point.step;
      }
      if (n === 0) {
        absent.push(key);
        continue;
      }
      // Smooth the measured values as they are (zeros included); the log axis only hides them.
      const sm = smoothTimeWeighted(xs, ys, weight, rangeOfX);
      last[kind] = { step: lastStep, x: xs[n - 1], raw: ys[n - 1], smoothed: sm[n - 1] };

      const present = new Int32Array(n);
      let m = 0;
      for (let i = 0; i < n; i++) {
        if (opts.logScale && ys[i] <= 0) {
          ys[i] = NaN;
          droppedNonPositive++;
        }
        if (opts.logScale && sm[i] <= 0) sm[i] = NaN;
        if (!Number.isNaN(ys[i]) || !Number.isNaN(sm[i])) present[m++] = i;
      }
      if (m === 0) {
        absent.push(key);
        continue;
      }
      const sparse = EPOCH_END_SERIES.has(kind) || m <= SPARSE_MAX_POINTS;
      let chosen = present.subarray(0, m);
      if (!sparse && m > maxPoints) {
        const px = new Float64Array(m);
        const py = new Float64Array(m);
        for (let j = 0; j < m; j++) {
          const i = chosen[j];
          px[j] = xs[i];
          py[j] = Number.isNaN(ys[i]) ? sm[i] : ys[i]; // pick extremes on raw values, so spikes survive
        }
        chosen = Int32Array.from(minMaxIndices(px, py, maxPoints), (j) => present[j]);
        downsampled = true;
      }
      const info: SeriesInfo = {
        key,
        rawKey: `${key}:raw`,
        runId: run.id,
        label: run.label,
        series: kind,
        drawn: chosen.length,
        sparse,
        gaps: gapsOf(xs, GAP_FACTOR),
      };
      series.push(info);
      kept.push({ key, rawKey: info.rawKey, xs: pick(xs, chosen), raw: pick(ys, chosen), smooth: pick(sm, chosen) });
    }
    prepared.push({ id: run.id, label: run.label, last, unplaced });
  }

  return {
    rows: mergeRows(kept),
    series,
    absent,
    runs: prepared,
    domain: domainOf(kept),
    droppedNonPositive,
    smoothed: weight > 0,
    downsampled,
  };
}

/** Each point's x on this axis (NaN where it has none) and the placed points' indices sorted by x. */
function placeRun(run: RunCurve, axis: PrepareOptions["x"]) {
  const perEpoch = run.stepsPerEpoch !== undefined && run.stepsPerEpoch > 0 ? run.stepsPerEpoch : null;
  const xs = new Float64Array(run.points.length);
  const placed: number[] = [];
  let sorted = true;
  run.points.forEach((point, i) => {
    const x = axis === "step" ? point.step : (point.epoch ?? (perEpoch === null ? NaN : point.step / perEpoch));
    xs[i] = Number.isFinite(x) ? x : NaN;
    if (Number.isNaN(xs[i])) return;
    if (placed.length > 0 && x < xs[placed[placed.length - 1]]) sorted = false;
    placed.push(i);
  });
  if (!sorted) placed.sort((a, b) => xs[a] - xs[b] || run.points[a].step - run.points[b].step);
  return { run, xs, order: Int32Array.from(placed), unplaced: run.points.length - placed.length };
}
