// The GPU run's LoRA settings as form text → the `lora` body, with defaults for small models and
// max_seq_length suggested from the dataset's longest example.
import { LORA_DEFAULTS, LORA_TARGET_MODULES, type LoraSettings } from "@/lib/schemas/runs";

export const LORA_NUMBER_KEYS = ["r", "lora_alpha", "lora_dropout", "max_seq_length", "learning_rate", "per_device_train_batch_size", "gradient_accumulation_steps", "max_steps"] as const;
export type LoraNumberKey = (typeof LORA_NUMBER_KEYS)[number];

export interface LoraInput {
  /** Text per number field; "" means the default (max_seq_length: the suggestion; max_steps: train by epochs). */
  numbers: Record<LoraNumberKey, string>;
  load_in_4bit: boolean;
  /** Comma-separated module names, or "all-linear". */
  target_modules: string;
  chat_template: string;
  save_method: LoraSettings["save_method"];
}

export const EMPTY_LORA: LoraInput = {
  numbers: { r: "", lora_alpha: "", lora_dropout: "", max_seq_length: "", learning_rate: "", per_device_train_batch_size: "", gradient_accumulation_steps: "", max_steps: "" },
  load_in_4bit: LORA_DEFAULTS.load_in_4bit,
  target_modules: LORA_TARGET_MODULES.join(", "),
  chat_template: "",
  save_method: "lora",
};

/**
 * A max_seq_length that fits the longest example with headroom (the count is an o200k estimate, and a
 * model's own tokenizer may need more): the next power of two above 1.15 × longest, from 512 to 32,768.
 */
export function suggestedMaxSeqLength(longestTokens: number | null | undefined): number {
  if (!longestTokens || longestTokens <= 0) return LORA_DEFAULTS.max_seq_length;
  let n = 512;
  while (n < longestTokens * 1.15 && n < 32_768) n *= 2;
  return n;
}

export const LORA_LABELS: Record<LoraNumberKey, { label: string; hint: string; step: number | "any" }> = {
  r: { label: "LoRA rank r", hint: "16 suits small models; more capacity costs memory", step: 1 },
  lora_alpha: { label: "lora_alpha", hint: "usually r or 2 × r", step: "any" },
  lora_dropout: { label: "lora_dropout", hint: "0 is Unsloth's fast path", step: "any" },
  max_seq_length: { label: "max_seq_length", hint: "tokens per example; longer ones are cut", step: 1 },
  learning_rate: { label: "learning rate", hint: "2e-4 for LoRA", step: "any" },
  per_device_train_batch_size: { label: "batch size (per device)", hint: "lower it on out-of-memory", step: 1 },
  gradient_accumulation_steps: { label: "gradient accumulation", hint: "effective batch = batch × accumulation", step: 1 },
  max_steps: { label: "max steps", hint: "empty: train the epochs above", step: 1 },
};

/** The settings to send; numbers that do not parse are left as NaN for the schema to name. */
export function loraBody(input: LoraInput, longestTokens: number | null | undefined): LoraSettings {
  const num = (k: LoraNumberKey, fallback: number | null) => {
    const t = input.numbers[k].trim();
    return t === "" ? fallback : Number(t);
  };
  const modules = input.target_modules.trim();
  return {
    r: num("r", LORA_DEFAULTS.r)!,
    lora_alpha: num("lora_alpha", LORA_DEFAULTS.lora_alpha)!,
    lora_dropout: num("lora_dropout", LORA_DEFAULTS.lora_dropout)!,
    load_in_4bit: input.load_in_4bit,
    max_seq_length: num("max_seq_length", suggestedMaxSeqLength(longestTokens))!,
    target_modules: modules === "all-linear" ? "all-linear" : modules.split(/[\s,]+/).filter(Boolean),
    chat_template: input.chat_template.trim() === "" ? null : input.chat_template.trim(),
    learning_rate: num("learning_rate", LORA_DEFAULTS.learning_rate)!,
    max_steps: num("max_steps", null),
    per_device_train_batch_size: num("per_device_train_batch_size", LORA_DEFAULTS.per_device_train_batch_size)!,
    gradient_accumulation_steps: num("gradient_accumulation_steps", LORA_DEFAULTS.gradient_accumulation_steps)!,
    save_method: input.save_method,
  };
}

const ATTENTION_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj"];

export interface LoraPreset {
  id: "small" | "balanced" | "quality";
  label: string;
  hint: string;
  r: number;
  lora_alpha: number;
  lora_dropout: number;
  learning_rate: number;
  target_modules: string[];
}

/**
 * Starting points for LoRA SFT of 0.5–8B models (Unsloth's notebooks train r 16, alpha 16, dropout 0,
 * all seven projections at 2e-4). Smaller adapters train faster and overfit less on a few hundred
 * examples; a larger rank with alpha 2 × r and a lower rate gives more capacity for thousands.
 */
export const LORA_PRESETS: readonly LoraPreset[] = [
  {
    id: "small",
    label: "Small & fast",
    hint: "r 8 on the attention projections only: the least memory and time, enough for a few hundred examples",
    r: 8,
    lora_alpha: 16,
    lora_dropout: 0,
    learning_rate: 2e-4,
    target_modules: ATTENTION_MODULES,
  },
  {
    id: "balanced",
    label: "Balanced",
    hint: "r 16, alpha 16 on all seven projections at 2e-4: Unsloth's defaults, right for most datasets",
    r: LORA_DEFAULTS.r,
    lora_alpha: LORA_DEFAULTS.lora_alpha,
    lora_dropout: LORA_DEFAULTS.lora_dropout,
    learning_rate: LORA_DEFAULTS.learning_rate,
    target_modules: LORA_TARGET_MODULES,
  },
  {
    id: "quality",
    label: "Quality",
    hint: "r 32, alpha 64, a little dropout and a lower rate (1e-4): more capacity for thousands of examples, slower",
    r: 32,
    lora_alpha: 64,
    lora_dropout: 0.05,
    learning_rate: 1e-4,
    target_modules: LORA_TARGET_MODULES,
  },
];

/** The form with a preset's values filled in; the other settings (sequence length, batch, 4-bit…) stay. */
export function applyLoraPreset(input: LoraInput, preset: LoraPreset): LoraInput {
  return {
    ...input,
    numbers: { ...input.numbers, r: String(preset.r), lora_alpha: String(preset.lora_alpha), lora_dropout: String(preset.lora_dropout), learning_rate: String(preset.learning_rate) },
    target_modules: preset.target_modules.join(", "),
  };
}

/** The preset the form's values are, with empty fields meaning their defaults; null when edited away from all. */
export function loraPresetOf(input: LoraInput): LoraPreset["id"] | null {
  const body = loraBody(input, null);
  const modules = body.target_modules === "all-linear" ? null : body.target_modules.join(",");
  const match = LORA_PRESETS.find(
    (p) => p.r === body.r && p.lora_alpha === body.lora_alpha && p.lora_dropout === body.lora_dropout && p.learning_rate === body.learning_rate && p.target_modules.join(",") === modules,
  );
  return match?.id ?? null;
}
