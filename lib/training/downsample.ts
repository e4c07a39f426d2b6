// Shape-keeping downsampling for dense training curves.

/**
 * Indices of at most `maxPoints` points that keep the curve's shape: the x range is cut into equal
 * buckets (like pixel columns) and each bucket keeps its lowest and highest point, plus the first
 * and last point overall. Unlike keeping every k-th point this never drops a spike or a dip, which
 * are exactly what a loss chart is read for; equal-width buckets (rather than equal counts) spend
 * the budget evenly over the axis when logging density changes.
 * `xs` ascending; `ys` finite. Returns ascending indices.
 */
export function minMaxIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): number[] {
  const n = ys.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const x0 = xs[0];
  const width = (xs[n - 1] - x0) / buckets;
  const lo = new Int32Array(buckets).fill(-1);
  const hi = new Int32Array(buckets).fill(-1);
  for (let i = 1; i < n - 1; i++) {
    const b = width > 0 ? Math.min(buckets - 1, Math.floor((xs[i] - x0) / width)) : 0;
    if (lo[b] < 0 || ys[i] < ys[lo[b]]) lo[b] = i;
    if (hi[b] < 0 || ys[i] > ys[hi[b]]) hi[b] = i;
  }
  const kept = [0];
  for (let b = 0; b < buckets; b++) {
    if (lo[b] < 0) continue; // an empty bucket: a gap in the data stays a gap
    const [first, second] = lo[b] < hi[b] ? [lo[b], hi[b]] : [hi[b], lo[b]];
    kept.push(first);
    if (second !== first) kept.push(second);
  }
  kept.push(n - 1);
  return kept;
}
