// One chat-completions request for one gold example: the eval's frozen system prompt and tools, the
// example's earlier turns, greedy decoding, bounded output. Both output styles, as training wrote them.
import type OpenAI from "openai";
import { write as writeOpenAI } from "../../formats/openai";
import type { Message } from "../../schemas/example";
import type { EvalBackend, EvalConfig } from "../../schemas/evals";

/** OpenAI's reasoning models refuse any temperature but the default; they are asked without one. */
export const REASONING_MODEL = /^(ft:)?(o\d|gpt-5)/;

export type ChatParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

export function chatRequest(config: Pick<EvalConfig, "style" | "system" | "tools" | "parallelToolCalls" | "maxTokens">, backend: EvalBackend, model: string, turns: Message[], system: string | null): ChatParams {
  const line = writeOpenAI({ system: system ?? config.system, messages: turns }, config.tools, {
    style: config.style,
    system: system ?? config.system,
    parallelToolCalls: config.parallelToolCalls,
  });
  const params: ChatParams = {
    model,
    messages: line.messages as ChatParams["messages"],
    ...(backend === "openai" && REASONING_MODEL.test(model) ? {} : { temperature: 0 }),
    // OpenAI's current models take max_completion_tokens (max_tokens is deprecated there); servers
    // such as vLLM, Ollama and llama.cpp have long read max_tokens.
    ...(backend === "openai" ? { max_completion_tokens: config.maxTokens } : { max_tokens: config.maxTokens }),
  };
  if (line.tools && line.tools.length > 0) {
    params.tools = line.tools as ChatParams["tools"];
    if (line.parallel_tool_calls !== undefined) params.parallel_tool_calls = line.parallel_tool_calls;
  }
  return params;
}
