import type { CheckpointDto } from "@/lib/schemas/runs";
import type { EvalDto } from "@/lib/schemas/evals";

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

/** Known checkpoint metrics in the order a reader compares them (losses first), with their column heads. */
const KNOWN_METRICS: readonly { key: string; label: string; loss: boolean }[] = [
  { key: "train_loss", label: "Train loss", loss: true },
  { key: "valid_loss", label: "Valid loss", loss: true },
  { key: "full_valid_loss", label: "Full valid loss", loss: true },
  { key: "train_mean_token_accuracy", label: "Train acc", loss: false },
  { key: "valid_mean_token_accuracy", label: "Valid acc", loss: false },
  { key: "full_valid_mean_token_accuracy", label: "Full valid acc", loss: false },
];

export interface MetricColumn {
  key: string;
  label: string;
  /** Lower is better (a loss); otherwise higher is. */
  loss: boolean;
}

/**
 * One column per metric that any checkpoint reports (a backend's own metrics after the known ones,
 * by name), so checkpoints read across as a table; a metric no checkpoint has gets no column.
 */
export function checkpointColumns(cps: readonly CheckpointDto[]): MetricColumn[] {
  const present = new Set<string>();
  for (const c of cps) for (const [k, v] of Object.entries(c.metrics)) if (k !== "step" && v !== null && v !== undefined) present.add(k);
  const known = KNOWN_METRICS.filter((m) => present.has(m.key));
  const others = [...present]
    .filter((k) => !KNOWN_METRICS.some((m) => m.key === k))
    .sort()
    .map((key) => ({ key, label: key.replace(/_/g, " "), loss: /loss/.test(key) }));
  return [...known, ...others];
}

/**
 * The finished eval of each checkpoint's model with the best exact match (the newest on a tie),
 * so the checkpoints table can show how each one scored.
 */
export function evalsByModel(evals: readonly EvalDto[]): Map<string, EvalDto> {
  const best = new Map<string, EvalDto>();
  for (const ev of evals) {
    const em = ev.summary?.exactMatch;
    if (ev.status !== "succeeded" || !em || em.d === 0) continue;
    const held = best.get(ev.model);
    const heldEm = held?.summary?.exactMatch;
    const better = !heldEm || em.n / em.d > heldEm.n / heldEm.d || (em.n / em.d === heldEm.n / heldEm.d && ev.createdAt > held!.createdAt);
    if (better) best.set(ev.model, ev);
  }
  return best;
}
