import { describe, expect, it } from "vitest";
import { runCost, wallSeconds, type CostInput } from "@/lib/server/runs/cost";
import { DEFAULT_PRICES } from "@/lib/datasets/cost";
import type { DatasetSnapshot, RunConfig } from "@/lib/schemas/runs";

const config = (over: Partial<RunConfig> = {}): RunConfig => ({
  backend: "openai",
  baseModel: "gpt-4o-mini-2024-07-18",
  hyperparameters: { n_epochs: 2, batch_size: "auto", learning_rate_multiplier: "auto" },
  suffix: "",
  seed: null,
  outputStyle: "router_json",
  catalogueVersion: 1,
  ...over,
});
const snapshot = { trainTokens: 500_000, defaultEpochs: 3 } as DatasetSnapshot;
const t0 = new Date("2026-12-04T10:00:00Z");
const run = (over: Partial<CostInput> = {}): CostInput => ({
  backend: "openai",
  status: "running",
  config: config(),
  snapshot,
  trainedTokens: null,
  progress: 0.5,
  startedAt: t0,
  finishedAt: null,
  ...over,
});
const ctx = { prices: DEFAULT_PRICES, hourlyUsd: null };

describe("a run's cost", () => {
  it("bills a hosted run's reported tokens at the price table's rate once it succeeded", () => {
    expect(runCost(run({ status: "succeeded", trainedTokens: 1_000_000, progress: 1 }), ctx)).toEqual({ usd: 3, final: true, basis: "1,000,000 trained tokens × $3/1M" });
  });

  it("counts a running hosted run's share of the estimate (train tokens × epochs), and a cancelled one's share at its stop", () => {
    expect(runCost(run(), ctx)).toEqual({ usd: 1.5, final: false, basis: "50% of ~1,000,000 tokens (2 epochs) × $3/1M = $3.00 for the whole run" });
    expect(runCost(run({ status: "cancelled", progress: 0.25 }), ctx)).toMatchObject({ usd: 0.75, final: true });
    // "auto" epochs: the epochs auto is expected to pick.
    expect(runCost(run({ config: config({ hyperparameters: { n_epochs: "auto", batch_size: "auto", learning_rate_multiplier: "auto" } }), progress: 1, status: "succeeded" }), ctx).usd).toBeCloseTo(4.5);
  });

  it("says why there is no figure: a model without a price, files not written yet", () => {
    expect(runCost(run({ config: config({ baseModel: "my/model" }) }), ctx)).toEqual({ usd: null, final: false, basis: "no price for my/model in this project's price table" });
    expect(runCost(run({ snapshot: null }), ctx).basis).toBe("the files are still being prepared");
  });

  it("prices a GPU run by the agent's hourly rate and its wall time", () => {
    const done = run({ backend: "gpu", status: "succeeded", startedAt: t0, finishedAt: new Date(t0.getTime() + 90 * 60_000) });
    expect(runCost(done, { prices: DEFAULT_PRICES, hourlyUsd: 2 })).toEqual({ usd: 3, final: true, basis: "1.50 h × $2/hour" });
    expect(runCost(run({ backend: "gpu", startedAt: t0 }), { prices: DEFAULT_PRICES, hourlyUsd: 2 }, new Date(t0.getTime() + 3 * 60_000))).toMatchObject({ usd: 0.1, final: false, basis: "3 min × $2/hour" });
    expect(runCost(done, { prices: DEFAULT_PRICES, hourlyUsd: null }).usd).toBeNull();
    expect(wallSeconds(done)).toBe(5400);
    expect(wallSeconds(run({ startedAt: null }))).toBeNull();
  });
});
