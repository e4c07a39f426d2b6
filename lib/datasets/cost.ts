// Billing tokens, default epochs and training cost for OpenAI fine-tuning, after the OpenAI cookbook
// notebook "Data preparation and analysis for chat model fine-tuning". Pure.
import { z } from "zod";

/** Longest example OpenAI trains on; longer ones are truncated (and billed at this length). */
export const MAX_TOKENS_PER_EXAMPLE = 16_385;
export const TARGET_EPOCHS = 3;
export const MIN_TARGET_EXAMPLES = 100;
export const MAX_TARGET_EXAMPLES = 25_000;
export const MIN_DEFAULT_EPOCHS = 1;
export const MAX_DEFAULT_EPOCHS = 25;

/**
 * The epochs OpenAI picks when none is given: 3, raised so that examples × epochs reaches 100 (at
 * most 25), or lowered so that it stays near 25,000 (at least 1). 0 for an empty dataset, where
 * the notebook would divide by zero.
 */
export function defaultEpochs(nTrainExamples: number): number {
  if (!Number.isInteger(nTrainExamples) || nTrainExamples <= 0) return 0;
  if (nTrainExamples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
    return Math.min(MAX_DEFAULT_EPOCHS, Math.floor(MIN_TARGET_EXAMPLES / nTrainExamples));
  }
  if (nTrainExamples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
    return Math.max(MIN_DEFAULT_EPOCHS, Math.floor(MAX_TARGET_EXAMPLES / nTrainExamples));
  }
  return TARGET_EPOCHS;
}

/** Tokens billed per epoch: each example's tokens, capped at `maxTokensPerExample`. */
export function billingTokens(exampleTokens: Iterable<number>, maxTokensPerExample = MAX_TOKENS_PER_EXAMPLE): number {
  let total = 0;
  for (const n of exampleTokens) total += Math.min(maxTokensPerExample, n);
  return total;
}

export const PRICES_NOTE = "as published 2025; edit to match your contract";

export const PriceEntrySchema = z.object({
  /** US dollars per 1M training tokens. */
  trainingPerMillionUsd: z.number().finite().nonnegative(),
  note: z.string().max(200).optional(),
});

/** A user-edited price table: base model id → training price. */
export const PriceTableSchema = z.record(z.string().trim().min(1).max(200), PriceEntrySchema);

export type PriceEntry = z.infer<typeof PriceEntrySchema>;
export type PriceTable = z.infer<typeof PriceTableSchema>;

const published = (trainingPerMillionUsd: number): PriceEntry => ({ trainingPerMillionUsd, note: PRICES_NOTE });

/** OpenAI fine-tuning training prices per 1M tokens, as published 2025; edit to match your contract. */
export const DEFAULT_PRICES: Readonly<PriceTable> = Object.freeze({
  "gpt-4.1-2025-04-14": published(25),
  "gpt-4.1-mini-2025-04-14": published(5),
  "gpt-4.1-nano-2025-04-14": published(1.5),
  "gpt-4o-2024-08-06": published(25),
  "gpt-4o-mini-2024-07-18": published(3),
  "gpt-3.5-turbo-0125": published(8),
});

export type CostInput =
  | { chargedTokens: number; model: string; prices?: PriceTable }
  | { billingTokens: number; epochs: number; model: string; prices?: PriceTable };

export interface CostEstimate {
  /** Estimated training cost in US dollars (unrounded). */
  usd: number;
  /** The price used, US dollars per 1M tokens. */
  perMillion: number;
  /** Tokens charged: billing tokens × epochs. */
  tokens: number;
}

/** Cost of a training run. Throws, naming the known models, when the table has no price for `model`. */
export function estimateCost(input: CostInput): CostEstimate {
  const prices = input.prices ?? DEFAULT_PRICES;
  const entry = Object.hasOwn(prices, input.model) ? prices[input.model] : undefined;
  if (!entry) {
    throw new Error(`No training price for model "${input.model}"; known: ${Object.keys(prices).join(", ") || "none"}`);
  }
  const tokens = "chargedTokens" in input ? input.chargedTokens : input.billingTokens * input.epochs;
  if (!Number.isFinite(tokens) || tokens < 0) throw new RangeError(`Token count must be a non-negative number, got ${tokens}`);
  const perMillion = entry.trainingPerMillionUsd;
  return { usd: (tokens / 1_000_000) * perMillion, perMillion, tokens };
}
