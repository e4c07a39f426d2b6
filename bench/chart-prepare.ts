// Benchmark: preparing the loss chart for 5 runs × 20,000 steps (train loss every step, validation
// loss every 10th step, full validation at the 4 epoch ends), smoothing on, on both x axes.
//   npx tsx bench/chart-prepare.ts          (BENCH_RUNS, BENCH_POINTS, BENCH_REPEAT to change the size)
// Prints the median, min and max ms over the repeats (after one warm-up call) and the size of what
// goes to recharts: rows, series, the most points drawn in one series, cells (rows × keys), and the
// rows as JSON. The chart recomputes this only when runs or options change (memoise it).
import { performance } from "node:perf_hooks";
import { prepareLossSeries, type PrepareOptions, type RunCurve } from "../lib/training/prepare";
import { emptyPoint, type MetricPoint } from "../lib/training/types";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const POINTS = Number(process.env.BENCH_POINTS ?? 20_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 15);
const EPOCHS = 4;

/** A noisy decaying curve with the occasional spike, deterministic per run. */
function makeRun(r: number): RunCurve {
  let seed = 12345 + r;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const stepsPerEpoch = POINTS / EPOCHS;
  const points: MetricPoint[] = [];
  for (let step = 1; step <= POINTS; step++) {
    const p = emptyPoint(step);
    const level = 0.3 + (2.5 + r * 0.1) * Math.exp(-step / (POINTS / 8));
    p.trainLoss = level * (1 + 0.3 * (rand() - 0.5)) * (rand() < 0.002 ? 4 : 1);
    if (step % 10 === 0) p.validLoss = level * 1.1 * (1 + 0.1 * (rand() - 0.5));
    if (step % stepsPerEpoch === 0) p.fullValidLoss = level * 1.1;
    if (r % 2 === 0) p.epoch = step / stepsPerEpoch; // half the runs carry epochs, half rely on stepsPerEpoch
    points.push(p);
  }
  return { id: `run${r}`, label: `run ${r}`, points, stepsPerEpoch };
}

function time(runs: RunCurve[], opts: PrepareOptions) {
  const ms: number[] = [];
  let out = prepareLossSeries(runs, opts);
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    out = prepareLossSeries(runs, opts);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const cells = out.rows.length * (1 + out.series.length * 2);
  const bytes = JSON.stringify(out.rows).length;
  const drawn = Math.max(...out.series.map((s) => s.drawn));
  console.log(
    `${opts.x.padEnd(6)}${ms[ms.length >> 1].toFixed(1).padStart(10)}${ms[0].toFixed(1).padStart(9)}${ms[ms.length - 1].toFixed(1).padStart(9)}` +
      `${String(out.rows.length).padStart(8)}${String(out.series.length).padStart(8)}${String(drawn).padStart(12)}${String(cells).padStart(9)}${(bytes / 1024).toFixed(0).padStart(9)}`,
  );
}

const runs = Array.from({ length: RUNS }, (_, r) => makeRun(r));
console.log(
  `${RUNS} runs × ${POINTS.toLocaleString("en")} steps (${(RUNS * POINTS).toLocaleString("en")} points), smoothing 0.6, series train/valid/fullValid, maxPoints 800, ${REPEAT} repeats`,
);
console.log("axis   median ms   min ms   max ms    rows  series  max drawn    cells   JSON KiB");
for (const x of ["step", "epoch"] as const)
  time(runs, { x, smoothing: 0.6, logScale: false, maxPoints: 800, series: ["train", "valid", "fullValid"] });
