// POST /inference/v1/chat/completions, OpenAI-compatible as Fireworks documents it (fw-ai-external/python-sdk
// chat CompletionCreateParams / CompletionCreateResponse). No model runs: answers come from the chat script,
// the OpenAI test server's (its parser and lastUserText are reused from ../openai-server/chat.ts), in
// Fireworks' response shape. An unknown or undeployed model is Fireworks' recorded 404
// ("Model not found, inaccessible, and/or not deployed", code NOT_FOUND, param model).
import { randomBytes } from "node:crypto";
import { lastUserText } from "../openai-server/chat";
import type { ChatReply } from "../openai-server/types";
import { sleep } from "../openai-server/util";
import { isObject } from "./body";
import { InferenceError } from "./errors";
import { BASE_MODELS } from "./models";
import type { Store } from "./store";

/** CompletionCreateParams' fields (the SDK's, plus top_p, user, stream, stream_options). Others are refused here. */
const CHAT_KEYS = new Set([
  "messages",
  "model",
  "context_length_exceeded_behavior",
  "echo",
  "echo_last",
  "frequency_penalty",
  "function_call",
  "functions",
  "ignore_eos",
  "logit_bias",
  "logprobs",
  "max_completion_tokens",
  "max_tokens",
  "metadata",
  "min_p",
  "mirostat_lr",
  "mirostat_target",
  "n",
  "parallel_tool_calls",
  "perf_metrics_in_response",
  "prediction",
  "presence_penalty",
  "prompt_cache_isolation_key",
  "prompt_cache_max_len",
  "prompt_truncate_len",
  "raw_output",
  "reasoning_effort",
  "repetition_penalty",
  "response_format",
  "return_token_ids",
  "seed",
  "speculation",
  "stop",
  "temperature",
  "tool_choice",
  "tools",
  "top_k",
  "top_logprobs",
  "top_p",
  "user",
  "stream",
  "stream_options",
]);

/** Required ranges the SDK documents ("Required range: `0 <= x <= 2`" and so on). */
const RANGES: Record<string, [number, number]> = {
  temperature: [0, 2],
  top_p: [0, 1],
  min_p: [0, 1],
  top_k: [0, 100],
  frequency_penalty: [-2, 2],
  presence_penalty: [-2, 2],
  repetition_penalty: [0, 2],
  n: [1, 128],
  top_logprobs: [0, 5],
};

export const NOT_DEPLOYED = "Model not found, inaccessible, and/or not deployed";

interface ChatBody {
  model: string;
  messages: { role: string; content?: unknown }[];
  max_tokens?: number;
  n?: number;
  tools?: unknown[];
}

const bad = (message: string, param: string | null = null) => new InferenceError(400, message, "INVALID_ARGUMENT", param);

function validateChat(body: unknown): ChatBody {
  if (!isObject(body)) throw bad("The request body must be a JSON object.");
  const unknown = Object.keys(body).find((k) => !CHAT_KEYS.has(k));
  if (unknown) throw bad(`Unknown field '${unknown}' (the test server knows only the documented chat completion fields)`, unknown);
  if (typeof body.model !== "string" || body.model === "") throw bad("'model' is required", "model");
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw bad("'messages' must be a non-empty list", "messages");
  body.messages.forEach((m: unknown, i: number) => {
    if (!isObject(m) || !["system", "user", "assistant", "tool", "function"].includes(m.role as string))
      throw bad(`messages[${i}].role must be one of system, user, assistant, tool`, `messages[${i}].role`);
    if (m.role === "assistant" && m.tool_calls !== undefined && !Array.isArray(m.tool_calls))
      throw bad(`messages[${i}].tool_calls must be a list`, `messages[${i}].tool_calls`);
    if (m.role !== "assistant" && !("content" in m)) throw bad(`messages[${i}].content is required`, `messages[${i}].content`);
  });
  for (const [key, [min, max]] of Object.entries(RANGES)) {
    const v = body[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== "number" || v < min || v > max) throw bad(`'${key}' must be a number between ${min} and ${max}`, key);
  }
  for (const key of ["n", "top_k", "top_logprobs", "max_tokens", "max_completion_tokens", "seed"])
    if (body[key] !== undefined && body[key] !== null && !Number.isInteger(body[key])) throw bad(`'${key}' must be an integer`, key);
  if (body.max_tokens != null && body.max_completion_tokens != null)
    throw bad("max_completion_tokens is an alias for max_tokens: set only one", "max_completion_tokens");
  const max = (body.max_tokens ?? body.max_completion_tokens) as number | undefined;
  if (max !== undefined && max !== null && max < 1) throw bad("'max_tokens' must be at least 1", "max_tokens");
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) throw bad("'tools' must be a list", "tools");
    body.tools.forEach((t: unknown, j: number) => {
      if (!isObject(t) || t.type !== "function" || !isObject(t.function) || typeof t.function.name !== "string")
        throw bad(`tools[${j}] must be {"type": "function", "function": {"name", ...}}`, `tools[${j}]`);
    });
  }
  if (body.stream === true)
    throw new InferenceError(
      400,
      "This test server does not stream: send 'stream': false or leave it out (a limit of the test server).",
      "UNIMPLEMENTED",
      "stream",
    );
  return { ...(body as unknown as ChatBody), max_tokens: max ?? undefined };
}

/**
 * Whether `model` answers: a base model, an added name, or the output model of a completed job. With
 * `requireDeployment`, a fine-tuned (LoRA) model answers only as `<model>#accounts/<account>/deployments/<id>`.
 */
export function knownChatModel(store: Store, model: string): boolean {
  const [name, deployment] = model.split("#", 2);
  if (deployment !== undefined && !/^accounts\/[^/]+\/deployments\/[^/]+$/.test(deployment)) return false;
  if (BASE_MODELS.has(name) || store.extraModels.has(name)) return true;
  if (!store.models.has(name)) return false;
  return deployment !== undefined || !store.config.requireDeployment;
}

function scriptedError(status: number, store: Store): InferenceError {
  const headers = { "retry-after": String(store.config.retryAfterSeconds) };
  if (status === 429)
    return new InferenceError(429, "Request rate limit exceeded (scripted by the test server).", "RESOURCE_EXHAUSTED", null, {
      ...headers,
      "x-ratelimit-over-limit": "yes",
    });
  if (status === 503)
    return new InferenceError(503, "The service is temporarily unavailable (scripted by the test server).", "UNAVAILABLE", null, headers);
  return new InferenceError(500, "Internal server error (scripted by the test server).", "INTERNAL");
}

const tokens = (chars: number) => Math.ceil(chars / 4);
const alnum = (n: number) => [...randomBytes(n)].map((b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

function completion(b: ChatBody, reply: ChatReply) {
  let content: string | null = reply.content === undefined ? (reply.tool_calls?.length ? null : "") : reply.content;
  let calls = reply.tool_calls ?? [];
  const size = (content ?? "").length + (calls.length ? JSON.stringify(calls).length : 0);
  let finish = reply.finish_reason ?? (calls.length ? "tool_calls" : "stop");
  if (b.max_tokens !== undefined && tokens(size) > b.max_tokens) {
    let budget = b.max_tokens * 4;
    content = content === null ? null : content.slice(0, budget);
    budget -= content?.length ?? 0;
    calls = calls.flatMap((c) => {
      if (budget <= 0) return [];
      const cut = { name: c.name, arguments: c.arguments.slice(0, budget) };
      budget -= c.arguments.length;
      return [cut];
    });
    finish = "length";
  }
  const prompt = tokens(JSON.stringify(b.messages).length + (b.tools ? JSON.stringify(b.tools).length : 0));
  const done = Math.min(tokens((content ?? "").length + (calls.length ? JSON.stringify(calls).length : 0)), b.max_tokens ?? Infinity);
  return {
    id: randomBytes(16)
      .toString("hex")
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"),
    object: "chat.completion" as const,
    created: Math.floor(Date.now() / 1000),
    model: b.model,
    choices: Array.from({ length: b.n ?? 1 }, (_, index) => ({
      index,
      message: {
        role: "assistant" as const,
        content,
        ...(calls.length
          ? {
              tool_calls: calls.map((c, i) => ({
                index: i,
                id: `call_${alnum(24)}`,
                type: "function" as const,
                function: { name: c.name, arguments: c.arguments },
              })),
            }
          : {}),
      },
      finish_reason: finish,
    })),
    usage: { prompt_tokens: prompt, total_tokens: prompt + done, completion_tokens: done },
  };
}

/** The request body as JSON; a syntax error is a 400 in the inference shape. */
export function parseChatBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw bad("The request body is not valid JSON.");
  }
}

export async function createChatCompletion(raw: Buffer, store: Store) {
  let b: ChatBody;
  try {
    b = validateChat(parseChatBody(raw));
    if (!knownChatModel(store, b.model)) throw new InferenceError(404, NOT_DEPLOYED, "NOT_FOUND", "model");
  } catch (err) {
    store.chat.rejected++;
    throw err;
  }
  const text = lastUserText(b.messages);
  const script = store.chatScript;
  const name = b.model.split("#")[0];
  const rule = script.rules.find((r) => text.includes(r.match) && (r.model === undefined || r.model === b.model || r.model === name));
  // Decided before waiting, so parallel requests share the rule's error budget exactly.
  const used = rule?.fail ? (store.chatFails.get(rule) ?? 0) : 0;
  const fail = rule?.fail && used < rule.fail.times ? rule.fail : null;
  if (rule && fail) store.chatFails.set(rule, used + 1);
  const wait = script.latencyMs + (rule?.delayMs ?? 0);
  if (wait > 0) await sleep(wait);
  if (fail) {
    store.chat.failed++;
    throw scriptedError(fail.status, store);
  }
  store.chat.requests++;
  store.chat.byRequest.set(text, (store.chat.byRequest.get(text) ?? 0) + 1);
  return completion(b, rule?.reply ?? script.defaultReply);
}
