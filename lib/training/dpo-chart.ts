// The DPO charts' data (pure; the components only draw it): the implicit rewards of the chosen and
// rejected answers with their margin, and the share of pairs the model already prefers correctly
// (rewards/accuracies, and its validation twin), per step. Unmeasured values stay null (a gap, never 0).
import type { MetricPoint } from "./types";

export interface DpoRewardPoint {
  step: number;
  chosen: number | null;
  rejected: number | null;
  margins: number | null;
  validMargins: number | null;
}

export interface DpoAccuracyPoint {
  step: number;
  accuracy: number | null;
  validAccuracy: number | null;
}

export interface DpoChart {
  rewards: DpoRewardPoint[];
  accuracy: DpoAccuracyPoint[];
}

/** At most this many points per series: a long run is thinned evenly, keeping its first and last step. */
export const DPO_CHART_MAX_POINTS = 600;

function thin<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  const every = (xs.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => xs[Math.round(i * every)]);
}

export function prepareDpoChart(points: readonly MetricPoint[], max = DPO_CHART_MAX_POINTS): DpoChart {
  const sorted = [...points].sort((a, b) => a.step - b.step);
  const has = (p: MetricPoint) =>
    p.rewardsChosen != null ||
    p.rewardsMargins != null ||
    p.rewardsAccuracy != null ||
    p.validRewardsMargins != null ||
    p.validRewardsAccuracy != null;
  const dpo = thin(sorted.filter(has), max);
  return {
    rewards: dpo.map((p) => ({
      step: p.step,
      chosen: p.rewardsChosen ?? null,
      rejected: p.rewardsRejected ?? null,
      margins: p.rewardsMargins ?? null,
      validMargins: p.validRewardsMargins ?? null,
    })),
    accuracy: dpo.map((p) => ({ step: p.step, accuracy: p.rewardsAccuracy ?? null, validAccuracy: p.validRewardsAccuracy ?? null })),
  };
}

/** True when the points are a DPO run's (any reward measured). */
export const isDpoCurve = (points: readonly MetricPoint[]) => points.some((p) => p.rewardsMargins != null || p.rewardsAccuracy != null);
