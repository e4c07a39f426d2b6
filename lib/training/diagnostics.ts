// Reads a loss curve the way the tool-tuning lab's table does, in plain language:
//   decreasing smoothly            → good
//   plateaued early                → learning rate likely too low
//   spikes                         → learning rate likely too high
//   validation up, training down   → overfitting: stop at that epoch or use fewer epochs
//   training loss below 0.01       → possible overfitting: check held-out data
// Pure; works on partial curves (live runs) and says "too few points" until there is a shape.
import { median, rollingMedianMad } from "./smoothing";
import type { MetricPoint } from "./types";

export type DiagnosticKind = "decreasing" | "plateau" | "spikes" | "overfitting" | "tiny_loss" | "too_few_points";

export interface Diagnostic {
  kind: DiagnosticKind;
  severity: "good" | "info" | "warn";
  title: string;
  detail: string;
  fromStep?: number;
  fromEpoch?: number;
}

export interface DiagnoseOptions {
  stepsPerEpoch?: number;
  nEpochs?: number;
}

/** Fewer measured training losses than this and no shape can be read yet. */
export const MIN_POINTS = 10;
/** Rolling-median window: 5% of the points (odd), at least 5 and at most 101. */
const WINDOW_FRACTION = 0.05;
const MIN_WINDOW = 5;
const MAX_WINDOW = 101;
/** The "start" level is the median of the first 5% of points, the "end" level of the last 10% (at least 3 each). */
const START_FRACTION = 0.05;
const END_FRACTION = 0.1;
/** Decreasing: the end level is at least 20% below the start level. */
const DECREASE_MIN_DROP = 0.2;
/** Plateau: between the middle (40–60% of points) and the end (last 20%) the level moved < 10%… */
const PLATEAU_MAX_LATE_CHANGE = 0.1;
/** …the smoothed loss has been within 10% of that end level since a step… */
const PLATEAU_BAND = 0.1;
/** …inside the first 30% of the run… */
const PLATEAU_EARLY_FRACTION = 0.3;
/** …at a level still above half the start: a curve that fell far and then flattened has converged, not stalled. */
const PLATEAU_MIN_REMAINING = 0.5;
/** Spikes: above the rolling median by more than 3 robust standard deviations (MAD × 1.4826)… */
const SPIKE_MADS = 3;
const MAD_TO_SD = 1.4826;
/** …and at least double the median and 5% of the start level above it, so ordinary batch-to-batch noise
 * (±25% is common) and noise near 0 do not count; a learning rate too high multiplies the loss. */
const SPIKE_MIN_RATIO = 2;
const SPIKE_MIN_JUMP = 0.05;
/** From this many spikes the learning rate is suspect (warn); fewer is ordinary noise (info). */
const SPIKE_WARN_COUNT = 3;
/** Overfitting: the validation level rose 10% (and 0.01 absolute) above its smoothed minimum while training loss did not rise. */
const OVERFIT_MIN_RISE = 0.1;
const OVERFIT_MIN_ABS_RISE = 0.01;
/** …"did not rise" allowing for noise: the smoothed training loss ends at most 5% above its value at that minimum. */
const OVERFIT_TRAIN_TOLERANCE = 0.05;
/** Full validation (epoch ends only) is used when it has at least this many points. */
const MIN_FULL_VALID_POINTS = 3;
/** Tiny loss: the end level (median of the last 10%) is below this. */
const TINY_LOSS = 0.01;

interface Curve {
  steps: number[];
  values: number[];
  epochs: (number | null)[];
}

export function diagnoseCurve(points: readonly MetricPoint[], opts: DiagnoseOptions = {}): Diagnostic[] {
  const sorted = [...points].sort((a, b) => a.step - b.step);
  const epochAt = (p: MetricPoint) => p.epoch ?? (opts.stepsPerEpoch ? p.step / opts.stepsPerEpoch : null);
  const curveOf = (pick: (p: MetricPoint) => number | null): Curve => {
    const c: Curve = { steps: [], values: [], epochs: [] };
    for (const p of sorted) {
      const v = pick(p);
      if (v === null || !Number.isFinite(v)) continue;
      c.steps.push(p.step);
      c.values.push(v);
      c.epochs.push(epochAt(p));
    }
    return c;
  };
  const train = curveOf((p) => p.trainLoss);
  const n = train.values.length;
  if (n < MIN_POINTS) {
    return [
      {
        kind: "too_few_points",
        severity: "info",
        title: "Too few points to read the curve yet",
        detail: `${n} training ${n === 1 ? "step has" : "steps have"} a loss so far; the checks start at ${MIN_POINTS}.`,
      },
    ];
  }

  const { median: smooth, mad } = rollingMedianMad(train.values, windowFor(n));
  const start = median(train.values.slice(0, Math.max(3, Math.round(n * START_FRACTION))));
  const end = median(train.values.slice(n - Math.max(3, Math.round(n * END_FRACTION))));
  const totalSteps = opts.stepsPerEpoch && opts.nEpochs ? opts.stepsPerEpoch * opts.nEpochs : train.steps[n - 1];
  const out: Diagnostic[] = [];

  const plateau = findPlateau(train, smooth, start, totalSteps);
  if (plateau) out.push(plateau);
  else if (end <= start * (1 - DECREASE_MIN_DROP)) {
    out.push({
      kind: "decreasing",
      severity: "good",
      title: "Training loss is decreasing",
      detail: `It fell from about ${fmt(start)} to ${fmt(end)} (−${Math.round((1 - end / start) * 100)}%) over ${n} steps.`,
    });
  }

  // The first half-window is skipped: during the steep initial drop a one-sided baseline is unreliable.
  const spikeSteps: number[] = [];
  for (let i = Math.floor(windowFor(n) / 2); i < n; i++) {
    const v = train.values[i];
    const m = smooth[i];
    if (v > m + Math.max(SPIKE_MADS * MAD_TO_SD * mad[i], SPIKE_MIN_JUMP * start) && v > SPIKE_MIN_RATIO * m)
      spikeSteps.push(train.steps[i]);
  }
  if (spikeSteps.length > 0) {
    const many = spikeSteps.length >= SPIKE_WARN_COUNT;
    const shown = spikeSteps.slice(0, 8).join(", ") + (spikeSteps.length > 8 ? ", …" : "");
    out.push({
      kind: "spikes",
      severity: many ? "warn" : "info",
      title: many
        ? `${spikeSteps.length} loss spikes: learning rate may be too high`
        : `${spikeSteps.length === 1 ? "One loss spike" : "Two loss spikes"}`,
      detail:
        `At step${spikeSteps.length === 1 ? "" : "s"} ${shown} the loss jumped far above its local level (${spikeSteps.length} of ${n} steps). ` +
        (many
          ? "Repeated spikes usually mean the learning rate is too high: try a lower learning-rate multiplier. With small batches a spike can also be one unusual example: look at the examples trained at those steps."
          : "An isolated spike is usually one hard or unusual example; no action needed unless it repeats."),
      fromStep: spikeSteps[0],
    });
  }

  const full = curveOf((p) => p.fullValidLoss);
  const valid = full.values.length >= MIN_FULL_VALID_POINTS ? full : curveOf((p) => p.validLoss);
  const overfit = findOverfitting(valid, valid === full, train, smooth, opts.nEpochs);
  if (overfit) out.push(overfit);

  if (end < TINY_LOSS) {
    const first = smooth.findIndex((v) => v < TINY_LOSS);
    const i = first >= 0 ? first : n - 1; // the end median can dip below before any window does
    const hasValid = valid.values.length > 0;
    out.push({
      kind: "tiny_loss",
      severity: hasValid ? "info" : "warn",
      title: "Training loss is almost zero",
      detail: `Most steps have a training loss below ${TINY_LOSS} from about step ${train.steps[i]}: the model may be memorising its training examples. ${hasValid ? "Compare with the validation loss and" : "There is no validation loss to compare with:"} check tool-call accuracy on held-out examples before trusting it.`,
      ...at(train, i),
    });
  }
  return out;
}

/** The smoothed train loss stops improving early, well above where it started: learning too slowly. */
function findPlateau(train: Curve, smooth: Float64Array, start: number, totalSteps: number): Diagnostic | null {
  const n = train.values.length;
  const mid = median(train.values.slice(Math.floor(n * 0.4), Math.ceil(n * 0.6)));
  const late = median(train.values.slice(Math.floor(n * 0.8)));
  if (late < TINY_LOSS || late < start * PLATEAU_MIN_REMAINING || Math.abs(mid - late) > PLATEAU_MAX_LATE_CHANGE * mid) return null;
  const i = smooth.findIndex((v) => v <= late * (1 + PLATEAU_BAND));
  const span = totalSteps - train.steps[0];
  const share = span > 0 ? (train.steps[i] - train.steps[0]) / span : 0;
  if (share > PLATEAU_EARLY_FRACTION) return null;
  return {
    kind: "plateau",
    severity: "warn",
    title: "Training loss plateaued early: learning rate may be too low",
    detail: `The loss stopped improving around step ${train.steps[i]} (${Math.round(share * 100)}% of the run) at about ${fmt(late)}, only ${Math.max(0, Math.round((1 - late / start) * 100))}% below where it started. Try a higher learning-rate multiplier; if it stays flat, check that the examples teach something the base model does not already do.`,
    ...at(train, i),
  };
}

/** Validation loss turns up after its minimum while training loss keeps falling. */
function findOverfitting(valid: Curve, epochEnds: boolean, train: Curve, trainSmooth: Float64Array, nEpochs?: number): Diagnostic | null {
  const n = valid.values.length;
  if (n < (epochEnds ? MIN_FULL_VALID_POINTS : MIN_POINTS)) return null;
  const level = epochEnds ? Float64Array.from(valid.values) : rollingMedianMad(valid.values, windowFor(n)).median;
  let m = 0;
  for (let i = 1; i < n; i++) if (level[i] < level[m]) m = i;
  const after = epochEnds ? 1 : Math.max(3, Math.round(n * END_FRACTION));
  if (n - 1 - m < after) return null;
  const low = level[m];
  const now = epochEnds ? valid.values[n - 1] : median(valid.values.slice(n - after));
  if (now - low < Math.max(OVERFIT_MIN_RISE * low, OVERFIT_MIN_ABS_RISE)) return null;
  // Training loss must not be rising too, else both curves say "diverging", not "memorising".
  const t = nearestIndex(train.steps, valid.steps[m]);
  if (trainSmooth[trainSmooth.length - 1] > trainSmooth[t] * (1 + OVERFIT_TRAIN_TOLERANCE)) return null;

  const step = valid.steps[m];
  const epoch = valid.epochs[m];
  const where = epoch === null ? `step ${step}` : `step ${step} (epoch ${fmtEpoch(epoch)})`;
  const advice =
    epoch === null
      ? `Use the checkpoint nearest step ${step}, or train for fewer epochs.`
      : `Use the checkpoint nearest epoch ${fmtEpoch(epoch)}, or train for ${Math.max(1, Math.round(epoch))} epoch${Math.round(epoch) > 1 ? "s" : ""}${nEpochs ? ` instead of ${nEpochs}` : ""}.`;
  return {
    kind: "overfitting",
    severity: "warn",
    title: "Validation loss is rising while training loss falls: overfitting",
    detail: `${epochEnds ? "Full validation" : "Validation"} loss was lowest at ${where}, about ${fmt(low)}, and has risen ${Math.round(((now - low) / low) * 100)}% since, to ${fmt(now)}. ${advice}`,
    ...at(valid, m),
  };
}

function at(c: Curve, i: number): Pick<Diagnostic, "fromStep" | "fromEpoch"> {
  const epoch = c.epochs[i];
  return epoch === null ? { fromStep: c.steps[i] } : { fromStep: c.steps[i], fromEpoch: epoch };
}

function windowFor(n: number): number {
  const w = Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, Math.round(n * WINDOW_FRACTION)));
  return w % 2 ? w : w + 1;
}

function nearestIndex(sortedSteps: number[], step: number): number {
  let best = 0;
  for (let i = 1; i < sortedSteps.length; i++) if (Math.abs(sortedSteps[i] - step) < Math.abs(sortedSteps[best] - step)) best = i;
  return best;
}

function fmt(v: number): string {
  return v >= 1 ? v.toFixed(2) : v >= 0.01 ? v.toFixed(3) : v === 0 ? "0" : v.toExponential(1);
}

function fmtEpoch(e: number): string {
  return Number.isInteger(e) ? String(e) : e.toFixed(1);
}
