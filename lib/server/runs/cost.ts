// What a run costs, so far and at the end, and how long it took. Hosted backends (OpenAI, Together,
// Fireworks) bill tokens: the project's price table's rate for the base model × the tokens the backend
// reports when done, or × the estimate (train tokens × epochs) scaled by progress while it runs (a
// cancelled or failed job is billed for the steps it did). GPU pool runs cost the agent's hourly
// price × the run's wall time. Pure: the caller brings the prices and the agent's hourly rate.
import type { DatasetSnapshot, RunConfig, RunCostDto, RunStatus } from "../../schemas/runs";
import type { PriceTable } from "../../datasets/cost";

export interface CostInput {
  backend: string;
  status: RunStatus;
  config: RunConfig;
  snapshot: DatasetSnapshot | null;
  trainedTokens: number | null;
  progress: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const TERMINAL: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];
const money = (v: number) => (v >= 1 ? v.toFixed(2) : v.toPrecision(2));

/** Seconds from the start of training (the submit job's claim) to its end, or to `now` while it runs. */
export function wallSeconds(r: Pick<CostInput, "startedAt" | "finishedAt">, now = new Date()): number | null {
  if (!r.startedAt) return null;
  return Math.max(0, Math.round(((r.finishedAt ?? now).getTime() - r.startedAt.getTime()) / 1000));
}

export function runCost(r: CostInput, ctx: { prices: PriceTable; hourlyUsd: number | null | undefined }, now = new Date()): RunCostDto {
  const final = TERMINAL.includes(r.status);
  if (r.backend === "gpu") {
    const seconds = wallSeconds(r, now);
    if (ctx.hourlyUsd === null || ctx.hourlyUsd === undefined) return { usd: null, final, basis: "no hourly price is set for this GPU agent (GPU agents page)" };
    if (seconds === null) return { usd: 0, final, basis: `not started; $${ctx.hourlyUsd}/hour once it runs` };
    const hours = seconds / 3600;
    return { usd: hours * ctx.hourlyUsd, final, basis: `${hours < 0.1 ? `${Math.round(seconds / 60)} min` : `${hours.toFixed(2)} h`} × $${ctx.hourlyUsd}/hour` };
  }
  const price = ctx.prices[r.config.baseModel]?.trainingPerMillionUsd;
  if (price === undefined) return { usd: null, final, basis: `no price for ${r.config.baseModel} in this project's price table` };
  if (r.trainedTokens !== null && r.status === "succeeded") {
    return { usd: (r.trainedTokens * price) / 1e6, final, basis: `${r.trainedTokens.toLocaleString("en-US")} trained tokens × $${price}/1M` };
  }
  if (!r.snapshot) return { usd: null, final, basis: "the files are still being prepared" };
  const epochs = typeof r.config.hyperparameters.n_epochs === "number" ? r.config.hyperparameters.n_epochs : r.snapshot.defaultEpochs;
  const estimate = (r.snapshot.trainTokens * epochs * price) / 1e6;
  const share = r.status === "succeeded" ? 1 : (r.progress ?? 0);
  return {
    usd: estimate * share,
    final,
    basis: `${Math.round(share * 100)}% of ~${(r.snapshot.trainTokens * epochs).toLocaleString("en-US")} tokens (${epochs} epochs) × $${price}/1M = $${money(estimate)} for the whole run`,
  };
}
