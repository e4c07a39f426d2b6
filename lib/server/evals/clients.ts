// The chat-completions client for an eval target. OpenAI and the GPU agent use the training backends'
// server-side credentials; a saved endpoint uses its own URL and key. Retries are ours (see call.ts),
// so the SDK's are off and every attempt is counted.
import OpenAI from "openai";
import type { ModelTarget } from "../../schemas/evals";
import { trainingBackend } from "../runs/backends";
import { agentConnection, agentServing, poolInUse } from "../runs/pool";
import { db } from "../db";
import { AppError } from "../errors";
import { guardedFetch } from "../net/outbound";
import { decryptSecret } from "../secrets";

export const CHAT_TIMEOUT_MS = Number(process.env.TOOLTUNE_EVAL_TIMEOUT_MS ?? 120_000);

export type ChatClient = Pick<OpenAI, "chat">;

export async function chatClient(target: ModelTarget): Promise<ChatClient> {
  if (target.backend === "endpoint") {
    const ep = target.endpointId ? await db().endpoint.findUnique({ where: { id: target.endpointId } }) : null;
    if (!ep) throw new AppError("validation_failed", `endpoint "${target.endpointId ?? ""}" does not exist (it may have been deleted)`, { field: "target.endpointId" });
    // Local servers (Ollama, llama.cpp) accept any key; the SDK insists on one.
    // A saved endpoint's URL is user input: its requests go through the outbound policy (lib/server/net).
    return new OpenAI({ baseURL: ep.baseUrl, apiKey: ep.apiKey ? decryptSecret(ep.apiKey) : "not-needed", maxRetries: 0, timeout: CHAT_TIMEOUT_MS, fetch: guardedFetch });
  }
  if (target.backend === "gpu" && (await poolInUse())) {
    const agent = await agentConnection(await agentServing(target.model));
    return new OpenAI({ apiKey: agent.apiKey, baseURL: agent.baseURL, maxRetries: 0, timeout: CHAT_TIMEOUT_MS });
  }
  return trainingBackend(target.backend).chat().withOptions({ maxRetries: 0, timeout: CHAT_TIMEOUT_MS });
}
