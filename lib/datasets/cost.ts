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
/** Together's rate is per token processed (epochs × training tokens + evals × validation tokens), by model size. */
export const TOGETHER_PRICES_NOTE = "Together AI LoRA SFT rate for models up to 16B; check together.ai/pricing and edit to your account's rate";

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

/**
 * Together AI base models that take function-calling fine-tuning (docs.together.ai/docs/fine-tuning/function-calling),
 * the small ones a tool router is trained from. Together bills LoRA SFT per token processed
 * ((epochs × training tokens) + (evals × validation tokens)) by model size: the prices below are the
 * LoRA SFT rate for models up to 16B ($0.48 per 1M tokens); check together.ai/pricing and edit it to your account's.
 */
export const TOGETHER_MODELS = ["Qwen/Qwen3-8B", "Qwen/Qwen3-4B", "Qwen/Qwen3-1.7B", "Qwen/Qwen2.5-7B-Instruct", "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", "meta-llama/Llama-3.2-3B-Instruct"] as const;

/** Fireworks AI base models that take supervised fine-tuning with tool calls, small enough for a router. */
export const FIREWORKS_MODELS = ["accounts/fireworks/models/qwen3-8b", "accounts/fireworks/models/llama-v3p1-8b-instruct"] as const;
/** Fireworks bills training tokens (dataset tokens × epochs) by model size. */
export const FIREWORKS_PRICES_NOTE = "Fireworks AI fine-tuning rate for models up to 16B; check fireworks.ai/pricing and edit to your account's rate";

/** OpenAI fine-tuning training prices per 1M tokens, as published 2025, and Together's LoRA SFT rates; edit to match your contract. */
export const DEFAULT_PRICES: Readonly<PriceTable> = Object.freeze({
  "gpt-4.1-2025-04-14": published(25),
  "gpt-4.1-mini-2025-04-14": published(5),
  "gpt-4.1-nano-2025-04-14": published(1.5),
  "gpt-4o-2024-08-06": published(25),
  "gpt-4o-mini-2024-07-18": published(3),
  "gpt-3.5-turbo-0125": published(8),
  ...Object.fromEntries(TOGETHER_MODELS.map((m) => [m, { trainingPerMillionUsd: 0.48, note: TOGETHER_PRICES_NOTE }])),
  ...Object.fromEntries(FIREWORKS_MODELS.map((m) => [m, { trainingPerMillionUsd: 0.5, note: FIREWORKS_PRICES_NOTE }])),
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
