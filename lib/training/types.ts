// Training-curve types shared by the parsers, the chart preparation and the diagnostics.
// Client-safe: no I/O, no Node-only APIs, so the browser, the server and the worker all import it.

/**
 * One logged step of a fine-tuning run. `null` means "not measured at this step" (OpenAI measures
 * `full_valid_loss` only at epoch ends, for example); it is never replaced by 0, because 0 is a
 * real loss value and would draw a false dive to the axis.
 */
export type MetricPoint = {
  step: number;
  epoch: number | null;
  trainLoss: number | null;
  validLoss: number | null;
  fullValidLoss: number | null;
  trainAccuracy: number | null;
  validAccuracy: number | null;
  fullValidAccuracy: number | null;
  learningRate: number | null;
} & Partial<DpoMetrics>;

/**
 * What a DPO step logs besides its loss (TRL's DPOTrainer names, in `data` of a metrics event:
 * `rewards/chosen`, `rewards/rejected`, `rewards/margins`, `rewards/accuracies`, and at evaluations
 * `valid_rewards/margins`, `valid_rewards/accuracies`). Present only on DPO runs' points.
 */
export interface DpoMetrics {
  rewardsChosen: number | null;
  rewardsRejected: number | null;
  rewardsMargins: number | null;
  rewardsAccuracy: number | null;
  validRewardsMargins: number | null;
  validRewardsAccuracy: number | null;
}
export type DpoField = keyof DpoMetrics;
export const DPO_FIELDS: readonly DpoField[] = [
  "rewardsChosen",
  "rewardsRejected",
  "rewardsMargins",
  "rewardsAccuracy",
  "validRewardsMargins",
  "validRewardsAccuracy",
];

/** A point with every metric unmeasured; parsers fill in what they find. */
export function emptyPoint(step: number): MetricPoint {
  return {
    step,
    epoch: null,
    trainLoss: null,
    validLoss: null,
    fullValidLoss: null,
    trainAccuracy: null,
    validAccuracy: null,
    fullValidAccuracy: null,
    learningRate: null,
  };
}

/** The metric columns of a MetricPoint (everything but `step`). */
export type MetricField = Exclude<keyof MetricPoint, "step">;
