// Training backends: OpenAI's fine-tuning API, or a GPU box running the ToolTune agent, which speaks
// the same API subset. One client path serves both; keys live in the server's environment only.
import OpenAI from "openai";
import type { BackendId, BackendInfo } from "../../schemas/runs";
import { DEFAULT_PRICES } from "../../datasets/cost";

interface BackendEnv {
  baseURL: string | undefined;
  apiKey: string | undefined;
  missing: string[];
}

function envOf(id: BackendId): BackendEnv {
  if (id === "openai") {
    const apiKey = process.env.OPENAI_API_KEY || undefined;
    return { apiKey, baseURL: process.env.OPENAI_BASE_URL || undefined, missing: apiKey ? [] : ["OPENAI_API_KEY"] };
  }
  const baseURL = process.env.TOOLTUNE_GPU_URL || undefined;
  const apiKey = process.env.TOOLTUNE_GPU_TOKEN || undefined;
  const missing = [...(baseURL ? [] : ["TOOLTUNE_GPU_URL"]), ...(apiKey ? [] : ["TOOLTUNE_GPU_TOKEN"])];
  return { apiKey, baseURL: baseURL ? `${baseURL.replace(/\/+$/, "")}/v1` : undefined, missing };
}

export function backendInfo(): BackendInfo[] {
  return [
    { id: "openai", label: "OpenAI fine-tuning", configured: envOf("openai").missing.length === 0, missing: envOf("openai").missing, baseModels: Object.keys(DEFAULT_PRICES) },
    { id: "gpu", label: "GPU box (ToolTune agent, Unsloth LoRA)", configured: envOf("gpu").missing.length === 0, missing: envOf("gpu").missing, baseModels: [] },
  ];
}

/** The SDK client for a backend; the worker's only way to reach it. Retries 429/5xx/timeouts with backoff. */
export function backendClient(id: BackendId): OpenAI {
  const env = envOf(id);
  if (env.missing.length > 0) throw new Error(`the ${id} backend is not configured: set ${env.missing.join(" and ")} in the server's environment`);
  return new OpenAI({ apiKey: env.apiKey, baseURL: env.baseURL, maxRetries: 4, timeout: 60_000 });
}
