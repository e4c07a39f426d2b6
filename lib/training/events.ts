// OpenAI `fine_tuning.job.event` objects of type "metrics" → MetricPoint. The monitor reads events
// newest first and stores one point per (run, step); this file only converts, it never fetches.
import type { FineTuningJobEvent } from "openai/resources/fine-tuning/jobs";
import { emptyPoint, type DpoField, type MetricField, type MetricPoint } from "./types";

/** The part of an event this file reads; any SDK `FineTuningJobEvent` is assignable to it. */
export type MetricsEventLike = Pick<FineTuningJobEvent, "type" | "data">;

/** `data` keys of a metrics event → MetricPoint fields. Absent, null or non-numeric → null. */
const DATA_KEYS: ReadonlyArray<readonly [string, MetricField]> = [
  ["epoch", "epoch"],
  ["train_loss", "trainLoss"],
  ["valid_loss", "validLoss"],
  ["full_valid_loss", "fullValidLoss"],
  ["train_mean_token_accuracy", "trainAccuracy"],
  ["valid_mean_token_accuracy", "validAccuracy"],
  ["full_valid_mean_token_accuracy", "fullValidAccuracy"],
  ["learning_rate", "learningRate"],
];

/** A DPO step's `data` keys (TRL's names, as the GPU agent and OpenAI's DPO jobs log them) → DpoMetrics fields. */
const DPO_KEYS: ReadonlyArray<readonly [string, DpoField]> = [
  ["rewards/chosen", "rewardsChosen"],
  ["rewards/rejected", "rewardsRejected"],
  ["rewards/margins", "rewardsMargins"],
  ["rewards/accuracies", "rewardsAccuracy"],
  ["valid_rewards/margins", "validRewardsMargins"],
  ["valid_rewards/accuracies", "validRewardsAccuracy"],
];

export interface EventOptions {
  /** The job's resolved `n_epochs`; with `data.total_steps` it gives an epoch to events that carry none. */
  nEpochs?: number;
}

/**
 * The point a metrics event describes, or null for any other event (type "message", or a metrics
 * event without a whole-number step, which cannot be placed on the curve and is skipped rather
 * than failing the monitor).
 */
export function metricPointFromEvent(event: MetricsEventLike, opts: EventOptions = {}): MetricPoint | null {
  if (event.type !== "metrics" || !isRecord(event.data)) return null;
  const data = event.data;
  const step = data.step;
  if (typeof step !== "number" || !Number.isInteger(step) || step < 0) return null;
  const point = emptyPoint(step);
  for (const [key, field] of DATA_KEYS) point[field] = finiteOrNull(data[key]);
  // Only a DPO step has these: an SFT point keeps exactly the fields it always had.
  for (const [key, field] of DPO_KEYS) if (key in data) point[field] = finiteOrNull(data[key]);
  if (point.epoch === null && opts.nEpochs !== undefined) {
    const total = finiteOrNull(data.total_steps);
    if (total !== null) point.epoch = epochOf(step, total, opts.nEpochs);
  }
  return point;
}

/** `total_steps` of a metrics event (for progress and ETA), or null. */
export function totalStepsOfEvent(event: MetricsEventLike): number | null {
  return event.type === "metrics" && isRecord(event.data) ? finiteOrNull(event.data.total_steps) : null;
}

/**
 * The epoch reached at `step`, as a fraction: steps are spread evenly over the epochs, so with 309
 * steps and 3 epochs step 103 is epoch 1 (the end of the first). Null when the inputs cannot say.
 */
export function epochOf(step: number, totalSteps: number, nEpochs: number): number | null {
  if (!(totalSteps > 0) || !(nEpochs > 0) || !Number.isFinite(step) || !Number.isFinite(totalSteps + nEpochs)) return null;
  return (step * nEpochs) / totalSteps;
}

/**
 * The points of a list of events, one per step, sorted by step. OpenAI lists events newest first,
 * so where two events name the same step the first in the list (the newer) wins.
 */
export function metricPointsFromEvents(events: readonly MetricsEventLike[], opts: EventOptions = {}): MetricPoint[] {
  const byStep = new Map<number, MetricPoint>();
  for (const event of events) {
    const point = metricPointFromEvent(event, opts);
    if (point && !byStep.has(point.step)) byStep.set(point.step, point);
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
