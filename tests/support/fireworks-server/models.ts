// The models this test server knows: tunable base models (under accounts/fireworks), a chat-only
// model, and the price of fine-tuning per training token.
//
// What is confirmed and what is not (README.md, "Models and prices"):
// - tunable: qwen3-8b (the shared training shape accounts/fireworks/trainingShapes/qwen3-8b-128k-h200,
//   docs.fireworks.ai/fine-tuning/training-sdk/training-shapes), qwen3p5-9b and qwen3p5-27b ("SFT LoRA,
//   supported, Managed" in the training-shapes catalog), llama-v3p1-8b-instruct (the base model of the
//   firectl create sftj example, docs.fireworks.ai/tools-sdks/firectl/commands/create-finetune-job);
// - any tunable model takes function-calling data ("We also support function calling dataset with a list
//   of tools", docs.fireworks.ai/fine-tuning/fine-tuning-models): Fireworks publishes no narrower list;
// - LoRA rank: "must be a power of 2 up to 64. Our default value is 8" (same page);
// - context lengths: 128K for qwen3-8b and 256K for qwen3p5-9b (the shape names); the others are test values;
// - prices: $0.50 per 1M training tokens up to 16B parameters, $3.00 for 16.1B-80B, billed on
//   dataset tokens × epochs (fireworks.ai/pricing, a stored copy whose date is not known);
// - gpt-oss-120b answers chat here but is refused for tuning: a choice of this server, to exercise the
//   refusal; whether Fireworks lets it be tuned was not checked.

export interface BaseModel {
  /** `accounts/fireworks/models/<id>`. */
  name: string;
  displayName: string;
  params: number;
  contextLength: number;
  tunable: boolean;
  targetModules: string[];
}

const MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];
const base = (id: string, displayName: string, params: number, contextLength: number, tunable = true): BaseModel => ({
  name: `accounts/fireworks/models/${id}`,
  displayName,
  params,
  contextLength,
  tunable,
  targetModules: MODULES,
});

export const BASE_MODELS: ReadonlyMap<string, BaseModel> = new Map(
  [
    base("qwen3-8b", "Qwen3 8B", 8_190_735_360, 131_072),
    base("qwen3p5-9b", "Qwen3.5 9B", 9_000_000_000, 262_144),
    base("qwen3p5-27b", "Qwen3.5 27B", 27_000_000_000, 262_144),
    base("llama-v3p1-8b-instruct", "Llama 3.1 8B Instruct", 8_030_261_248, 131_072),
    base("gpt-oss-120b", "OpenAI gpt-oss-120b", 116_829_156_672, 131_072, false),
  ].map((m) => [m.name, m]),
);

export const TUNABLE = [...BASE_MODELS.values()].filter((m) => m.tunable).map((m) => m.name);

/** Default LoRA rank ("Our default value is 8") and the ranks the docs allow (powers of 2 up to 64). */
export const DEFAULT_LORA_RANK = 8;
export const LORA_RANKS = [1, 2, 4, 8, 16, 32, 64];
/** Default epochs ("Our default value is 1"). */
export const DEFAULT_EPOCHS = 1;
/** "we set a max value of 3 million dataset examples × epochs". */
export const MAX_EXAMPLE_EPOCHS = 3_000_000;
/** Test values: Fireworks picks the learning rate "automatically based on your selected model", and publishes no batch default. */
export const DEFAULT_LEARNING_RATE = 0.0001;
export const DEFAULT_BATCH_SAMPLES = 8;

/** Dollars per million training tokens by parameter count (fireworks.ai/pricing). */
export function pricePerMillion(params: number): number {
  return params <= 16_000_000_000 ? 0.5 : 3.0;
}

/** google.type.Money in USD for `tokens` training tokens on a model of `params` parameters. */
export function cost(tokens: number, params: number): { currencyCode: string; units: string; nanos: number } {
  const nanos = Math.round((tokens * pricePerMillion(params) * 1e9) / 1e6);
  return { currencyCode: "USD", units: String(Math.floor(nanos / 1e9)), nanos: nanos % 1e9 };
}

/** The wire form of a base model (GET /v1/accounts/fireworks/models/<id>). */
export function baseModelWire(m: BaseModel) {
  return {
    name: m.name,
    displayName: m.displayName,
    kind: "HF_BASE_MODEL",
    state: "READY",
    status: { code: "OK", message: "" },
    contextLength: m.contextLength,
    supportsTools: true,
    supportsLora: true,
    tunable: m.tunable,
    // Read by a published client script (`model["supervisedLoraTunable"] and model["supportsLora"]`).
    supervisedLoraTunable: m.tunable,
    baseModelDetails: { parameterCount: String(m.params), tunable: m.tunable, checkpointFormat: "HUGGINGFACE", worldSize: 1, moe: false },
  };
}
