// Training backends: OpenAI's fine-tuning API, or a GPU box running the ToolTune agent, which speaks
// the same API subset. Each is a TrainingBackend (backend.ts); keys live in the server's environment only.
import OpenAI from "openai";
import type { TrainingBackend } from "./backend";
import { OpenAICompatibleBackend } from "./openai-backend";
import { TOGETHER_DEFAULT_URL, TogetherBackend } from "./together-backend";
import { agentConnection, listAgents } from "./pool";
import { FIREWORKS_MODELS, TOGETHER_MODELS } from "../../datasets/cost";
import { FIREWORKS_DEFAULT_URL, FireworksBackend } from "./fireworks-backend";
import type { BackendId, BackendInfo } from "../../schemas/runs";
import { DEFAULT_PRICES } from "../../datasets/cost";

interface BackendEnv {
  baseURL: string | undefined;
  apiKey: string | undefined;
  missing: string[];
  /** Fireworks: the account the datasets, jobs and models live in. */
  account?: string;
}

function envOf(id: BackendId): BackendEnv {
  if (id === "openai") {
    const apiKey = process.env.OPENAI_API_KEY || undefined;
    return { apiKey, baseURL: process.env.OPENAI_BASE_URL || undefined, missing: apiKey ? [] : ["OPENAI_API_KEY"] };
  }
  if (id === "fireworks") {
    const apiKey = process.env.FIREWORKS_API_KEY || undefined;
    const account = process.env.FIREWORKS_ACCOUNT_ID || undefined;
    const missing = [...(apiKey ? [] : ["FIREWORKS_API_KEY"]), ...(account ? [] : ["FIREWORKS_ACCOUNT_ID"])];
    return { apiKey, baseURL: (process.env.FIREWORKS_BASE_URL || FIREWORKS_DEFAULT_URL).replace(/\/+$/, ""), missing, account };
  }
  if (id === "together") {
    const apiKey = process.env.TOGETHER_API_KEY || undefined;
    return { apiKey, baseURL: (process.env.TOGETHER_BASE_URL || TOGETHER_DEFAULT_URL).replace(/\/+$/, ""), missing: apiKey ? [] : ["TOGETHER_API_KEY"] };
  }
  const baseURL = process.env.TOOLTUNE_GPU_URL || undefined;
  const apiKey = process.env.TOOLTUNE_GPU_TOKEN || undefined;
  const missing = [...(baseURL ? [] : ["TOOLTUNE_GPU_URL"]), ...(apiKey ? [] : ["TOOLTUNE_GPU_TOKEN"])];
  return { apiKey, baseURL: baseURL ? `${baseURL.replace(/\/+$/, "")}/v1` : undefined, missing };
}

/** How each backend bills: shown under the backend in the run form, beside the cost estimate. */
const COST_NOTES: Record<BackendId, string> = {
  openai: "OpenAI bills training tokens: each example's tokens (up to 16,385) × epochs, at the price table's rate for the base model.",
  gpu: "Your own machines: a run costs its wall time × the agent's hourly price (set on the GPU agents page), shown on the run as it goes.",
  together: "Together bills tokens processed: epochs × training tokens, plus evaluations × validation tokens, at a per-token rate by model size (the price table's, editable); cancelled jobs pay for the steps done.",
  fireworks: "Fireworks bills training tokens: dataset tokens × epochs at a rate by model size (the price table's, editable); serving the tuned model needs a deployment, billed per GPU-second.",
};

export function backendInfo(): BackendInfo[] {
  return [
    { id: "openai", label: "OpenAI fine-tuning", configured: envOf("openai").missing.length === 0, missing: envOf("openai").missing, costNote: COST_NOTES.openai, baseModels: Object.keys(DEFAULT_PRICES).filter((m) => !([...TOGETHER_MODELS, ...FIREWORKS_MODELS] as readonly string[]).includes(m)) },
    { id: "gpu", label: "GPU box (ToolTune agent, Unsloth LoRA)", configured: envOf("gpu").missing.length === 0, missing: envOf("gpu").missing, costNote: COST_NOTES.gpu, baseModels: [] },
    { id: "together", label: "Together AI (hosted LoRA)", configured: envOf("together").missing.length === 0, missing: envOf("together").missing, costNote: COST_NOTES.together, baseModels: [...TOGETHER_MODELS] },
    { id: "fireworks", label: "Fireworks AI (hosted LoRA)", configured: envOf("fireworks").missing.length === 0, missing: envOf("fireworks").missing, costNote: COST_NOTES.fireworks, baseModels: [...FIREWORKS_MODELS] },
  ];
}

/** The SDK client of a backend that speaks OpenAI's API. Retries 429/5xx/timeouts with backoff. */
function backendClient(id: BackendId): OpenAI {
  const env = envOf(id);
  if (env.missing.length > 0) throw new Error(`the ${id} backend is not configured: set ${env.missing.join(" and ")} in the server's environment`);
  return new OpenAI({ apiKey: env.apiKey, baseURL: env.baseURL, maxRetries: 4, timeout: 60_000 });
}

/** The training backend a run names: the only way the worker reaches it. */
export function trainingBackend(id: BackendId): TrainingBackend {
  if (id === "fireworks") {
    const env = envOf(id);
    if (env.missing.length > 0) throw new Error(`the fireworks backend is not configured: set ${env.missing.join(" and ")} in the server's environment`);
    return new FireworksBackend(env.baseURL!, env.apiKey!, env.account!);
  }
  if (id === "together") {
    const env = envOf(id);
    if (env.missing.length > 0) throw new Error(`the together backend is not configured: set ${env.missing.join(" and ")} in the server's environment`);
    return new TogetherBackend(env.baseURL!, env.apiKey!);
  }
  return new OpenAICompatibleBackend(id, backendClient(id));
}

/** The backend of a run: for a GPU pool run, the agent it was placed on; else the backend's own. */
export async function backendForRun(run: { backend: string; agentId: string | null }): Promise<TrainingBackend> {
  if (run.backend === "gpu" && run.agentId) {
    const agent = await agentConnection(run.agentId);
    return new OpenAICompatibleBackend("gpu", new OpenAI({ apiKey: agent.apiKey, baseURL: agent.baseURL, maxRetries: 4, timeout: 60_000 }));
  }
  return trainingBackend(run.backend as BackendId);
}

/**
 * The agent to ask about a base model before a run (the max_seq_length check): the pinned one, else the
 * first online pool agent that has the model, else the single agent of TOOLTUNE_GPU_URL; null with the
 * reason when there is none to ask.
 */
export async function agentFor(baseModel: string, agentId: string | null): Promise<{ name: string; client: OpenAI } | { none: string }> {
  const client = (c: { apiKey: string; baseURL: string }) => new OpenAI({ apiKey: c.apiKey, baseURL: c.baseURL, maxRetries: 0, timeout: 60_000 });
  if (agentId) {
    const agent = await agentConnection(agentId);
    return { name: agent.name, client: client(agent) };
  }
  const agents = await listAgents();
  if (agents.length > 0) {
    const having = agents.filter((a) => a.baseModels.includes(baseModel));
    const online = having.find((a) => a.online);
    if (!online) return { none: having.length ? `${having.map((a) => a.name).join(", ")} ${having.length === 1 ? "is" : "are"} offline` : `no GPU agent has ${baseModel}` };
    const agent = await agentConnection(online.id);
    return { name: agent.name, client: client(agent) };
  }
  const env = envOf("gpu");
  if (env.missing.length > 0) return { none: `no GPU agent is configured (set ${env.missing.join(", ")})` };
  return { name: "the GPU agent", client: client({ apiKey: env.apiKey!, baseURL: env.baseURL! }) };
}

/** Base models the GPU agent reports (GET /v1/models, kind "base"), cached briefly; [] when it cannot be reached. */
let agentModels: { at: number; models: string[]; trained: string[]; error?: string } | null = null;
const AGENT_MODELS_TTL_MS = 30_000;

async function gpuModels(): Promise<{ models: string[]; trained: string[]; error?: string }> {
  if (agentModels && Date.now() - agentModels.at < AGENT_MODELS_TTL_MS) return agentModels;
  try {
    const client = backendClient("gpu").withOptions({ maxRetries: 0, timeout: 2_500 });
    const page = await client.models.list();
    const rows = page.data as unknown as { id: string; kind?: string; available?: boolean }[];
    const usable = rows.filter((m) => m.available !== false);
    agentModels = { at: Date.now(), models: usable.filter((m) => m.kind === "base").map((m) => m.id), trained: usable.filter((m) => m.kind && m.kind !== "base").map((m) => m.id) };
  } catch (e) {
    agentModels = { at: Date.now(), models: [], trained: [], error: (e as Error).message };
  }
  return agentModels;
}

/** Forgets the agent's model list (tests, and after the agent's settings change). */
export function forgetAgentModels(): void {
  agentModels = null;
}

/** The GPU backend as the pool makes it, when agents are registered (else null: TOOLTUNE_GPU_URL as before). */
async function poolInfo(gpu: BackendInfo): Promise<BackendInfo | null> {
  const agents = await listAgents();
  if (agents.length === 0) return null;
  const pool: BackendInfo = {
    ...gpu,
    label: "GPU pool (ToolTune agents, Unsloth LoRA)",
    configured: true,
    missing: [],
    baseModels: [...new Set(agents.flatMap((a) => a.baseModels))].sort(),
    agents: agents.map((a) => ({ id: a.id, name: a.name, online: a.online, busy: a.busy, slots: a.slots, baseModels: a.baseModels })),
  };
  if (!agents.some((a) => a.online)) pool.note = "no agent of the pool answered its last health check; runs wait until one does";
  return pool;
}

/** backendInfo() with what only a request can tell: the pool's agents, or the base models the single GPU agent has. */
export async function backendInfoLive(): Promise<BackendInfo[]> {
  const info = backendInfo();
  const gpuAt = info.findIndex((b) => b.id === "gpu");
  const gpu = info[gpuAt];
  const pool = await poolInfo(gpu);
  if (pool) {
    info[gpuAt] = pool;
    return info;
  }
  if (gpu.configured) {
    const agent = await gpuModels();
    gpu.baseModels = agent.models;
    if (agent.error) gpu.note = `the agent at ${process.env.TOOLTUNE_GPU_URL} did not answer (${agent.error}); type the base model, or check that it runs`;
    else if (agent.models.length === 0) gpu.note = "the agent reports no base models: put one in its Hugging Face cache or --models-dir";
  }
  return info;
}

/** Models the GPU agent can answer chat completions for (trained adapters and checkpoints). */
export async function gpuServedModels(): Promise<string[]> {
  return envOf("gpu").missing.length === 0 ? (await gpuModels()).trained : [];
}
