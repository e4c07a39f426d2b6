import { describe, expect, it } from "vitest";
import {
  billingTokens,
  DEFAULT_PRICES,
  defaultEpochs,
  estimateCost,
  MAX_TOKENS_PER_EXAMPLE,
  PRICES_NOTE,
  PriceTableSchema,
  TOGETHER_MODELS,
  TOGETHER_PRICES_NOTE,
  FIREWORKS_MODELS,
  FIREWORKS_PRICES_NOTE,
} from "@/lib/datasets/cost";

describe("defaultEpochs follows the cookbook's formula", () => {
  it.each([
    [1, 25], // 3 < 100: min(25, 100 // 1)
    [3, 25], // min(25, 33)
    [4, 25], // min(25, 25)
    [5, 20], // min(25, 100 // 5)
    [33, 3], // 99 < 100: min(25, 100 // 33)
    [34, 3], // 102 >= 100: the target
    [8333, 3], // 24,999 <= 25,000
    [8334, 2], // 25,002 > 25,000: max(1, 25000 // 8334)
    [10_000, 2], // max(1, 25000 // 10000)
    [25_000, 1],
    [100_000, 1], // max(1, 0)
    [0, 0], // nothing to train on
  ])("%d examples → %d epochs", (n, epochs) => {
    expect(defaultEpochs(n)).toBe(epochs);
  });
});

describe("billingTokens", () => {
  it("caps each example at 16,385 tokens by default", () => {
    expect(MAX_TOKENS_PER_EXAMPLE).toBe(16_385);
    expect(billingTokens([10, 20_000, 16_385])).toBe(10 + 16_385 + 16_385);
  });

  it("takes another cap, as the notebook's older 4096", () => {
    expect(billingTokens([26, 28, 45, 111, 8032], 4096)).toBe(4306);
  });
});

describe("estimateCost", () => {
  it("prices charged tokens per million", () => {
    expect(estimateCost({ chargedTokens: 2_000_000, model: "gpt-4o-mini-2024-07-18" })).toEqual({
      usd: 6,
      perMillion: 3,
      tokens: 2_000_000,
    });
  });

  it("multiplies billing tokens by epochs", () => {
    const cost = estimateCost({ billingTokens: 4306, epochs: 20, model: "gpt-4.1-nano-2025-04-14" });
    expect(cost.tokens).toBe(86_120);
    expect(cost.usd).toBeCloseTo(0.12918, 10);
  });

  it("uses a user-edited table and names the known models when the model is missing", () => {
    const prices = PriceTableSchema.parse({ "my-ft-base": { trainingPerMillionUsd: 2 } });
    expect(estimateCost({ chargedTokens: 500_000, model: "my-ft-base", prices }).usd).toBe(1);
    expect(() => estimateCost({ chargedTokens: 1, model: "gpt-4o-2024-08-06", prices })).toThrow(/known: my-ft-base/);
    expect(() => estimateCost({ chargedTokens: 1, model: "toString" })).toThrow(/No training price/);
  });

  it("rejects a negative token count", () => {
    expect(() => estimateCost({ chargedTokens: -1, model: "gpt-3.5-turbo-0125" })).toThrow(RangeError);
  });
});

describe("prices", () => {
  it("ships the 2025 published training prices, labelled as editable, and Together's LoRA rate marked to check", () => {
    const openai = Object.entries(DEFAULT_PRICES).filter(([m]) => !([...TOGETHER_MODELS, ...FIREWORKS_MODELS] as readonly string[]).includes(m));
    expect(Object.fromEntries(openai.map(([m, p]) => [m, p.trainingPerMillionUsd]))).toEqual({
      "gpt-4.1-2025-04-14": 25,
      "gpt-4.1-mini-2025-04-14": 5,
      "gpt-4.1-nano-2025-04-14": 1.5,
      "gpt-4o-2024-08-06": 25,
      "gpt-4o-mini-2024-07-18": 3,
      "gpt-3.5-turbo-0125": 8,
    });
    expect(PRICES_NOTE).toBe("as published 2025; edit to match your contract");
    expect(openai.every(([, p]) => p.note === PRICES_NOTE)).toBe(true);
    expect(TOGETHER_MODELS.map((m) => DEFAULT_PRICES[m])).toEqual(TOGETHER_MODELS.map(() => ({ trainingPerMillionUsd: 0.48, note: TOGETHER_PRICES_NOTE })));
    expect(FIREWORKS_MODELS.map((m) => DEFAULT_PRICES[m])).toEqual(FIREWORKS_MODELS.map(() => ({ trainingPerMillionUsd: 0.5, note: FIREWORKS_PRICES_NOTE })));
    expect(PriceTableSchema.safeParse(DEFAULT_PRICES).success).toBe(true);
  });

  it("rejects negative prices and blank model names in an edited table", () => {
    expect(PriceTableSchema.safeParse({ "gpt-4o": { trainingPerMillionUsd: -1 } }).success).toBe(false);
    expect(PriceTableSchema.safeParse({ " ": { trainingPerMillionUsd: 1 } }).success).toBe(false);
    expect(PriceTableSchema.safeParse({ "gpt-4o": { trainingPerMillionUsd: "25" } }).success).toBe(false);
  });
});
