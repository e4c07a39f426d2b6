// The models this test server knows: base models that can be fine-tuned (with their limits, as
// GET /v1/fine-tunes/models/limits reports them) and serverless chat models.
//
// What is confirmed and what is not (README.md, "Models and prices"):
// - that these bases support function-calling fine-tuning: docs.together.ai/docs/fine-tuning/function-calling
//   lists Qwen/Qwen3-*, Qwen/Qwen2.5-*, meta-llama/Meta-Llama-3.1-*, meta-llama/Llama-3.2-*;
// - the limit ranges (epochs 1..20, evals 0..100, learning rate 1e-8..0.01, LoRA rank 1..64):
//   docs.together.ai/reference/cli/finetune;
// - the per-model batch sizes and sequence lengths below are NOT published in what we could read: they
//   are test values. Clients should read them from the limits endpoint, as together-py does, not hardcode them;
// - the per-token prices are NOT confirmed (together.ai/pricing was not in the stored copies): test values
//   in the shape Together bills (per token processed, by size bracket and LoRA/full).

export interface ModelLimits {
  model_name: string;
  max_num_epochs: number;
  max_num_evals: number;
  max_num_checkpoints: number;
  max_learning_rate: number;
  min_learning_rate: number;
  max_seq_length_sft: number;
  max_seq_length_dpo: number;
  min_max_seq_length: number;
  default_gradient_accumulation_steps: number;
  merge_output_lora: boolean;
  supports_full_training: boolean;
  supports_reasoning: boolean;
  supports_tools: boolean;
  supports_vision: boolean;
  lora_training: { max_batch_size: number; max_batch_size_dpo: number; min_batch_size: number; max_rank: number; target_modules: string[] };
  full_training?: { max_batch_size: number; max_batch_size_dpo: number; min_batch_size: number };
}

interface BaseModel {
  name: string;
  /** Parameter count reported in events and jobs (param_count). */
  params: number;
  reasoning: boolean;
  full: boolean;
}

const BASES: BaseModel[] = [
  { name: "Qwen/Qwen3-8B", params: 8_190_735_360, reasoning: true, full: true },
  { name: "Qwen/Qwen3-4B", params: 4_022_468_096, reasoning: true, full: true },
  { name: "Qwen/Qwen3-1.7B", params: 2_031_739_904, reasoning: true, full: true },
  { name: "Qwen/Qwen2.5-7B-Instruct", params: 7_615_616_512, reasoning: false, full: true },
  { name: "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", params: 8_030_261_248, reasoning: false, full: true },
  { name: "meta-llama/Llama-3.2-3B-Instruct", params: 3_212_749_824, reasoning: false, full: true },
  { name: "meta-llama/Llama-3.2-1B-Instruct", params: 1_235_814_400, reasoning: false, full: true },
];

const TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

function limitsOf(base: BaseModel): ModelLimits {
  return {
    model_name: base.name,
    max_num_epochs: 20,
    max_num_evals: 100,
    max_num_checkpoints: 20,
    max_learning_rate: 0.01,
    min_learning_rate: 0.00000001,
    max_seq_length_sft: 16384,
    max_seq_length_dpo: 8192,
    min_max_seq_length: 512,
    default_gradient_accumulation_steps: 1,
    merge_output_lora: true,
    supports_full_training: base.full,
    supports_reasoning: base.reasoning,
    supports_tools: true,
    supports_vision: false,
    lora_training: { max_batch_size: 32, max_batch_size_dpo: 16, min_batch_size: 8, max_rank: 64, target_modules: TARGET_MODULES },
    ...(base.full ? { full_training: { max_batch_size: 32, max_batch_size_dpo: 16, min_batch_size: 8 } } : {}),
  };
}

export const FINE_TUNABLE: ReadonlyMap<string, { base: BaseModel; limits: ModelLimits }> = new Map(
  BASES.map((b) => [b.name, { base: b, limits: limitsOf(b) }]),
);

/** Serverless chat models named in Together's docs (openapi.yaml ChatCompletionRequest.model, function-calling page). */
export const SERVERLESS_CHAT_MODELS: readonly string[] = [
  "meta-llama/Llama-3.3-70B-Instruct-Turbo",
  "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
  "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo",
  "Qwen/Qwen2.5-7B-Instruct-Turbo",
  "Qwen/Qwen2.5-72B-Instruct-Turbo",
];

/**
 * Test price in US dollars per million tokens processed, by size bracket and training type. Shape from
 * docs.together.ai/docs/fine-tuning/pricing ("model size bracket ... LoRA or full"); the numbers are
 * NOT confirmed from together.ai/pricing (not in the stored copies) and must not be shown to users as
 * Together's prices.
 */
export function pricePerMillion(params: number, type: "Lora" | "Full"): number {
  const bracket = params <= 16e9 ? [0.48, 0.54] : params <= 69e9 ? [1.5, 1.65] : [2.9, 3.2];
  return type === "Lora" ? bracket[0] : bracket[1];
}

/** total_price is in nanodollars: together-py's finetune_price_to_dollars divides it by 1e9. */
export const nanodollars = (tokens: number, perMillion: number) => Math.round(tokens * perMillion * 1000);
