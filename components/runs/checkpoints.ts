import type { CheckpointDto } from "@/lib/schemas/runs";

/** How many checkpoints the result panel lists before "Show all": OpenAI keeps 3, the GPU box one per epoch. */
export const CHECKPOINTS_SHOWN = 5;

const validLoss = (c: CheckpointDto) => c.metrics.full_valid_loss ?? c.metrics.valid_loss ?? null;

/** The checkpoint with the lowest validation loss (full validation first), when at least two have one to compare. */
export function bestCheckpoint(cps: CheckpointDto[]): CheckpointDto | null {
  const scored = cps.filter((c) => validLoss(c) !== null);
  if (scored.length < 2) return null;
  return scored.reduce((best, c) => (validLoss(c)! < validLoss(best)! ? c : best));
}

/** Oldest first; unless `all`, the newest CHECKPOINTS_SHOWN plus the best one when it is older than those. */
export function visibleCheckpoints(cps: CheckpointDto[], all: boolean): CheckpointDto[] {
  const sorted = [...cps].sort((a, b) => a.step - b.step);
  if (all || sorted.length <= CHECKPOINTS_SHOWN) return sorted;
  const best = bestCheckpoint(sorted);
  const newest = sorted.slice(-CHECKPOINTS_SHOWN);
  return best && !newest.includes(best) ? [best, ...newest] : newest;
}
