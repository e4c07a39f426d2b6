// Puts prepared series on one x grid for recharts, and measures it. Internal to prepare.ts.

/**
 * One recharts row: `x`, then `${runId}:${series}` (smoothed) and `${runId}:${series}:raw`. Runs and
 * series share one grid, so each has nulls at the others' x values: draw every line with
 * `connectNulls`, and shade `SeriesInfo.gaps` where logging really stopped.
 */
export type ChartRow = { x: number; [key: string]: number | null };

/** A series after smoothing, filtering and downsampling: `xs` ascending, NaN standing for null. */
export interface KeptSeries {
  key: string;
  rawKey: string;
  xs: Float64Array;
  raw: Float64Array;
  smooth: Float64Array;
}

export function pick(values: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let j = 0; j < indices.length; j++) out[j] = values[indices[j]];
  return out;
}

/**
 * One grid of x values for every series; a series with no point at an x gets null there, never a
 * guess. Rows are built in one pass with the keys always in the same order, so they share a shape.
 * Where a series repeats an x (a step logged twice), the later value wins.
 */
export function mergeRows(kept: readonly KeptSeries[]): ChartRow[] {
  let total = 0;
  for (const k of kept) total += k.xs.length;
  const grid = new Float64Array(total);
  let o = 0;
  for (const k of kept) grid.set(k.xs, (o += k.xs.length) - k.xs.length);
  grid.sort();
  const cursor = new Int32Array(kept.length); // every series' xs is ascending: walk them with the grid
  const rows: ChartRow[] = [];
  for (let i = 0; i < grid.length; i++) {
    const x = grid[i];
    if (i > 0 && x === grid[i - 1]) continue;
    const row: ChartRow = { x };
    for (let s = 0; s < kept.length; s++) {
      const { key, rawKey, xs, raw, smooth } = kept[s];
      let j = cursor[s];
      while (j + 1 < xs.length && xs[j + 1] === x) j++;
      const here = j < xs.length && xs[j] === x;
      row[key] = here && !Number.isNaN(smooth[j]) ? smooth[j] : null;
      row[rawKey] = here && !Number.isNaN(raw[j]) ? raw[j] : null;
      cursor[s] = here ? j + 1 : j;
    }
    rows.push(row);
  }
  return rows;
}

/** Spacings more than `factor` times the median spacing: where logging stopped, not just sparse logging. */
export function gapsOf(xs: Float64Array, factor: number): [number, number][] {
  if (xs.length < 3) return [];
  const spacings = new Float64Array(xs.length - 1);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 1; i < xs.length; i++) {
    const d = (spacings[i - 1] = xs[i] - xs[i - 1]);
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (max <= factor * min) return []; // regular logging, the common case: no need for the median
  const typical = spacings.slice().sort()[spacings.length >> 1];
  const gaps: [number, number][] = [];
  for (let i = 1; i < xs.length; i++) if (typical > 0 && spacings[i - 1] > factor * typical) gaps.push([xs[i - 1], xs[i]]);
  return gaps;
}

/** x and y extent of everything drawn (raw and smoothed), or null when nothing is. */
export function domainOf(kept: readonly KeptSeries[]): { x: [number, number]; y: [number, number] } | null {
  if (kept.length === 0) return null;
  let xLo = Infinity;
  let xHi = -Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (const { xs, raw, smooth } of kept) {
    xLo = Math.min(xLo, xs[0]);
    xHi = Math.max(xHi, xs[xs.length - 1]);
    for (const values of [raw, smooth]) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v < lo) lo = v; // NaN (null) compares false both ways
        if (v > hi) hi = v;
      }
    }
  }
  return { x: [xLo, xHi], y: [lo, hi] };
}
