// Inference prices (USD per 1M tokens) for OpenAI models, for cost per 1,000 calls. A fine-tuned
// model ("ft:gpt-4o-mini-2024-07-18:org::id") is priced at its base's fine-tuned rate.
import type { TokenPricing } from "../../scoring/types";

export const INFERENCE_PRICES_NOTE = "OpenAI list prices as published 2025; saved endpoints carry their own";

const BASE: Record<string, TokenPricing & { fineTuned?: TokenPricing }> = {
  "gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8, fineTuned: { inputPerMillion: 3, outputPerMillion: 12 } },
  "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6, fineTuned: { inputPerMillion: 0.8, outputPerMillion: 3.2 } },
  "gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4, fineTuned: { inputPerMillion: 0.2, outputPerMillion: 0.8 } },
  "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10, fineTuned: { inputPerMillion: 3.75, outputPerMillion: 15 } },
  "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6, fineTuned: { inputPerMillion: 0.3, outputPerMillion: 1.2 } },
  "gpt-3.5-turbo": { inputPerMillion: 0.5, outputPerMillion: 1.5, fineTuned: { inputPerMillion: 3, outputPerMillion: 6 } },
};

/** Chat models offered in pickers for the OpenAI backend. */
export const OPENAI_CHAT_MODELS = Object.keys(BASE);

/** The base model a name refers to: "gpt-4o-mini-2024-07-18" → "gpt-4o-mini"; longest known prefix wins. */
function baseOf(name: string): string | undefined {
  return Object.keys(BASE)
    .filter((b) => name === b || name.startsWith(`${b}-`))
    .sort((a, b) => b.length - a.length)[0];
}

export function openaiInferencePrice(model: string): TokenPricing | null {
  const fineTuned = model.startsWith("ft:");
  const base = baseOf(fineTuned ? (model.split(":")[1] ?? "") : model);
  if (!base) return null;
  const entry = BASE[base];
  if (!fineTuned) return { inputPerMillion: entry.inputPerMillion, outputPerMillion: entry.outputPerMillion };
  return entry.fineTuned ?? null;
}
