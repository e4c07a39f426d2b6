// Synthetic but realistic loss curves for the diagnostics tests, deterministic by seed.
// The shapes are what fine-tuning runs log: a loss that decays exponentially from `start` towards a
// `floor` with time constant `tau` steps, times multiplicative Gaussian noise (each step sees a
// different batch, so the noise scales with the loss). On top of that:
// - spikes: every `every` steps the loss is multiplied by `factor` (a learning rate too high);
// - turn-up: a validation curve that decays like the training curve, then rises linearly by
//   `slope` per step after `turnStep` (memorising: overfitting starts at `turnStep`);
// - flat: `start` = `floor` (nothing learned: a learning rate too low).
import { emptyPoint, type MetricPoint } from "@/lib/training/types";

export interface DecaySpec {
  steps: number;
  start: number;
  floor: number;
  tau: number;
  /** Standard deviation of the multiplicative noise (0.08 = ±8%). */
  noise: number;
  seed: number;
  /** Overfitting: from this step the curve rises by `slope` per step. */
  turnStep?: number;
  slope?: number;
}

/** mulberry32: a small seeded PRNG, so every run of the tests sees the same curves. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** The noiseless curve at `step` (steps count from 1, as OpenAI's do). */
export function expected(spec: DecaySpec, step: number): number {
  const decay = spec.floor + (spec.start - spec.floor) * Math.exp(-(step - 1) / spec.tau);
  return decay + (spec.turnStep !== undefined && step > spec.turnStep ? (spec.slope ?? 0) * (step - spec.turnStep) : 0);
}

/** Losses for steps 1..spec.steps. */
export function decayCurve(spec: DecaySpec): number[] {
  const rand = random(spec.seed);
  return Array.from({ length: spec.steps }, (_, i) => Math.max(0, expected(spec, i + 1) * (1 + spec.noise * gaussian(rand))));
}

/** Multiplies every `every`-th loss (from `first`) by `factor`. */
export function withSpikes(losses: number[], first: number, every: number, factor: number): number[] {
  return losses.map((v, i) => (i + 1 >= first && (i + 1 - first) % every === 0 ? v * factor : v));
}

/** The first step at which the noiseless curve is within `band` of its floor. */
export function stepWithin(spec: DecaySpec, band: number): number {
  return 1 + Math.ceil(-spec.tau * Math.log((spec.floor * band) / (spec.start - spec.floor)));
}

export interface CurveInput {
  train: number[];
  valid?: number[];
  /** Full validation at epoch ends, as OpenAI logs it: value i at step (i + 1) × stepsPerEpoch. */
  fullValid?: number[];
  stepsPerEpoch?: number;
}

/** MetricPoints for steps 1..train.length; epoch = step / stepsPerEpoch when given. */
export function toPoints({ train, valid, fullValid, stepsPerEpoch }: CurveInput): MetricPoint[] {
  return train.map((loss, i) => {
    const step = i + 1;
    const p = emptyPoint(step);
    p.trainLoss = loss;
    p.validLoss = valid?.[i] ?? null;
    if (stepsPerEpoch) {
      p.epoch = step / stepsPerEpoch;
      if (step % stepsPerEpoch === 0) p.fullValidLoss = fullValid?.[step / stepsPerEpoch - 1] ?? null;
    }
    return p;
  });
}
