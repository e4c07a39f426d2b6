// Smoothing and robust statistics shared by the chart preparation and the diagnostics.

/**
 * W&B's x-axis width in "viewport units": the time-weighted EMA decays by `weight ^ (dx / range ×
 * 1000)`, so the same weight smooths the same fraction of the chart whatever the point density.
 */
const VIEWPORT_SCALE = 1000;
/** W&B caps the adjusted weight here so that 0.999+ still lets new values in. */
const MAX_WEIGHT = 0.999;

/**
 * W&B's default smoothing: a time-weighted, debiased exponential moving average.
 * - time-weighted: a point's influence decays with the x distance travelled, not the point count,
 *   so dense and sparse series (or runs logged every step and every tenth step) smooth alike, and
 *   after a long gap the average has mostly forgotten what came before it;
 * - debiased: divides by the accumulated weight, so the first values are not pulled towards 0.
 * `xs` must be ascending and `ys` hold only measured values (callers drop nulls first; a gap is a
 * gap, not a zero). `rangeOfX` is the chart's x range, shared by every series drawn together.
 * `weight` is the slider value in [0, 1): 0 returns the values unchanged.
 */
export function smoothTimeWeighted(xs: ArrayLike<number>, ys: ArrayLike<number>, weight: number, rangeOfX: number): Float64Array {
  const out = new Float64Array(ys.length);
  if (!(weight > 0)) {
    for (let i = 0; i < ys.length; i++) out[i] = ys[i];
    return out;
  }
  const w = Math.min(Math.sqrt(weight), MAX_WEIGHT);
  const range = rangeOfX > 0 ? rangeOfX : 1;
  let acc = 0;
  let debias = 0;
  let lastDx = 0;
  let decay = 1;
  for (let i = 0; i < ys.length; i++) {
    const dx = i === 0 ? 0 : ((xs[i] - xs[i - 1]) / range) * VIEWPORT_SCALE;
    if (dx !== lastDx) {
      decay = Math.pow(w, dx); // evenly logged steps reuse the last one
      lastDx = dx;
    }
    acc = acc * decay + ys[i];
    debias = debias * decay + 1;
    out[i] = acc / debias;
  }
  return out;
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const sorted = Array.from(values).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Centred rolling median and median absolute deviation over `window` points (shrinking at the
 * ends). Medians ignore isolated spikes, which is what a baseline for spike detection needs.
 * Keeps the window sorted as it slides (binary search + shift), and reads the MAD off the sorted
 * window by walking outwards from the median, so a 20,000-point curve takes milliseconds.
 */
export function rollingMedianMad(values: ArrayLike<number>, window: number): { median: Float64Array; mad: Float64Array } {
  const n = values.length;
  const half = Math.max(0, Math.floor(window / 2));
  const med = new Float64Array(n);
  const mad = new Float64Array(n);
  const sorted = new Float64Array(2 * half + 1);
  let size = 0;
  const insert = (v: number) => {
    const at = lowerBound(sorted, size, v);
    sorted.copyWithin(at + 1, at, size++);
    sorted[at] = v;
  };
  const remove = (v: number) => {
    const at = lowerBound(sorted, size, v);
    sorted.copyWithin(at, at + 1, size--);
  };
  for (let j = 0; j < Math.min(n, half); j++) insert(values[j]);
  for (let i = 0; i < n; i++) {
    if (i - half - 1 >= 0) remove(values[i - half - 1]);
    if (i + half < n) insert(values[i + half]);
    const m = size % 2 ? sorted[size >> 1] : (sorted[(size >> 1) - 1] + sorted[size >> 1]) / 2;
    med[i] = m;
    mad[i] = medianDeviation(sorted, size, m);
  }
  return { median: med, mad };
}

function lowerBound(sorted: Float64Array, size: number, v: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Median of |x − m| over a sorted window: deviations grow outwards from m, so merge both sides. */
function medianDeviation(sorted: Float64Array, size: number, m: number): number {
  let left = lowerBound(sorted, size, m) - 1;
  let right = left + 1;
  let previous = 0;
  let current = 0;
  for (let k = 0; k <= size >> 1; k++) {
    previous = current;
    if (right >= size || (left >= 0 && m - sorted[left] <= sorted[right] - m)) current = m - sorted[left--];
    else current = sorted[right++] - m;
  }
  return size % 2 ? current : (previous + current) / 2;
}
