// POST /v1/chat/completions: the body is validated against the spec's CreateChatCompletionRequest,
// the model must be one the server knows, and the answer comes from the chat script (rules matched
// against the text of the last user message, first match wins). No model runs: replies are scripted.
import type { Store, NormalChatScript } from "./store";
import { CHAT_LAST } from "./store";
import type { ChatReply, ChatRequestSummary, ChatRule, ChatScript, ChatToolCallScript } from "./types";
import { FINE_TUNING_BASE_MODELS } from "./jobs";
import { SPEC_MODEL_IDS, validateChatRequest } from "./validate";
import { ApiError, badRequest, hash32, newId, nowSeconds, sleep } from "./util";

export const DEFAULT_CHAT_REPLY: ChatReply = { content: "I can help with orders and accounts." };

// ---------------------------------------------------------------------------------------------
// The script

const FINISH = ["stop", "length", "tool_calls", "content_filter"];
const FAIL_STATUSES = [429, 500, 503];

function plainObject(v: unknown, where: string, keys: string[]): Record<string, unknown> {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error(`${where} must be an object`);
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra) throw new Error(`${where} has an unknown key '${extra}' (allowed: ${keys.join(", ")})`);
  return v as Record<string, unknown>;
}

const nonNegative = (v: unknown, where: string): number => {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new Error(`${where} must be a non-negative number`);
  return v;
};

function parseReply(v: unknown, where: string): ChatReply {
  const r = plainObject(v, where, ["content", "tool_calls", "finish_reason"]);
  if (r.content !== undefined && r.content !== null && typeof r.content !== "string")
    throw new Error(`${where}.content must be a string or null`);
  if (r.tool_calls !== undefined) {
    if (!Array.isArray(r.tool_calls)) throw new Error(`${where}.tool_calls must be an array`);
    r.tool_calls.forEach((c: unknown, i) => {
      const call = plainObject(c, `${where}.tool_calls[${i}]`, ["name", "arguments"]);
      if (typeof call.name !== "string" || typeof call.arguments !== "string")
        throw new Error(`${where}.tool_calls[${i}] needs a string 'name' and a string 'arguments'`);
    });
  }
  if (r.finish_reason !== undefined && !FINISH.includes(r.finish_reason as string))
    throw new Error(`${where}.finish_reason must be one of ${FINISH.join(", ")}`);
  return r as ChatReply;
}

function parseRule(v: unknown, i: number): ChatRule {
  const where = `rules[${i}]`;
  const r = plainObject(v, where, ["match", "model", "reply", "fail", "delayMs"]);
  if (typeof r.match !== "string") throw new Error(`${where}.match must be a string`);
  if (r.model !== undefined && typeof r.model !== "string") throw new Error(`${where}.model must be a string`);
  if (r.reply !== undefined) parseReply(r.reply, `${where}.reply`);
  if (r.fail !== undefined) {
    const f = plainObject(r.fail, `${where}.fail`, ["status", "times"]);
    if (!FAIL_STATUSES.includes(f.status as number)) throw new Error(`${where}.fail.status must be 429, 500 or 503`);
    if (!Number.isInteger(f.times) || (f.times as number) < 0) throw new Error(`${where}.fail.times must be a non-negative integer`);
  }
  if (r.delayMs !== undefined) nonNegative(r.delayMs, `${where}.delayMs`);
  return r as unknown as ChatRule;
}

/** Checks a chat script (options, --chat-script file, POST /_test/chat) and fills in the defaults. */
export function parseChatScript(input: unknown = {}): NormalChatScript {
  // A copy: a caller changing its object later does not change the server's script.
  const s = plainObject(structuredClone(input ?? {}), "the chat script", ["rules", "defaultReply", "latencyMs"]) as ChatScript;
  if (s.rules !== undefined && !Array.isArray(s.rules)) throw new Error("rules must be an array");
  return {
    rules: (s.rules ?? []).map(parseRule),
    defaultReply: s.defaultReply === undefined ? DEFAULT_CHAT_REPLY : parseReply(s.defaultReply, "defaultReply"),
    latencyMs: s.latencyMs === undefined ? 0 : nonNegative(s.latencyMs, "latencyMs"),
  };
}

// ---------------------------------------------------------------------------------------------
// Models

/**
 * Whether chat completions accept `model`: the spec's ModelIdsShared names, the fine-tuning base
 * models, models added by option / --models / POST /_test/models, the fine_tuned_model of every
 * succeeded job and the fine_tuned_model_checkpoint of every checkpoint still listed.
 */
export function knownChatModel(store: Store, model: string): boolean {
  if (SPEC_MODEL_IDS.includes(model) || FINE_TUNING_BASE_MODELS.includes(model) || store.extraModels.has(model)) return true;
  for (const rec of store.jobs.values()) {
    if (rec.job.status === "succeeded" && rec.job.fine_tuned_model === model) return true;
    if (rec.checkpoints.some((c) => c.fine_tuned_model_checkpoint === model)) return true;
  }
  return false;
}

/** o-series and gpt-5 (not gpt-5-chat) reasoning models, and models fine-tuned from them. */
function isReasoningModel(model: string): boolean {
  const base = model.startsWith("ft:") ? (model.split(":")[1] ?? "") : model;
  return /^(o1|o3|o4)(-|$)/.test(base) || /^gpt-5(-mini|-nano)?(-\d{4}-\d{2}-\d{2})?$/.test(base);
}

// ---------------------------------------------------------------------------------------------
// The endpoint

interface ChatBody {
  model: string;
  messages: { role: string; content?: unknown }[];
  tools?: unknown[];
  tool_choice?: unknown;
  parallel_tool_calls?: boolean;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  n?: number | null;
  service_tier?: string | null;
}

/** The text of the last user message (text parts joined by "\n"; "" when there is none). */
export function lastUserText(messages: ChatBody["messages"]): string {
  const user = [...messages].reverse().find((m) => m.role === "user");
  if (!user) return "";
  if (typeof user.content === "string") return user.content;
  if (!Array.isArray(user.content)) return "";
  return user.content
    .filter((p): p is { type: "text"; text: string } => p?.type === "text" && typeof p.text === "string")
    .map((p) => p.text)
    .join("\n");
}

function checkModel(b: ChatBody, store: Store): void {
  if (!knownChatModel(store, b.model))
    throw new ApiError(404, `The model \`${b.model}\` does not exist or you do not have access to it.`, null, "model_not_found");
  if (!isReasoningModel(b.model)) return;
  for (const key of ["temperature", "top_p"] as const) {
    const v = b[key];
    if (v !== undefined && v !== null && v !== 1)
      throw badRequest(
        `Unsupported value: '${key}' does not support ${v} with this model. Only the default (1) value is supported.`,
        key,
        "unsupported_value",
      );
  }
  if (b.max_tokens !== undefined && b.max_tokens !== null)
    throw badRequest(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      "max_tokens",
      "unsupported_parameter",
    );
}

function scriptedError(status: number, model: string, store: Store): ApiError {
  const ms = String(store.config.retryAfterMs);
  // retry-after-ms on 5xx too (the live API sends none there) so SDK retries in tests are quick.
  const headers = { "retry-after-ms": ms };
  if (status === 429)
    return new ApiError(
      429,
      `Rate limit reached for ${model} in organization org-${store.config.org.replace(/[^a-zA-Z0-9]/g, "")} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${ms}ms. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      null,
      "rate_limit_exceeded",
      "requests",
      { ...headers, "x-ratelimit-limit-requests": "3", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": `${ms}ms` },
    );
  if (status === 503) return new ApiError(503, "The server is overloaded or not ready yet.", null, null, "server_error", headers);
  return new ApiError(500, "The server had an error while processing your request. Sorry about that!", null, null, "server_error", headers);
}

const tokens = (chars: number) => Math.ceil(chars / 4);
const replyChars = (content: string | null, calls: ChatToolCallScript[]) =>
  (content ?? "").length + (calls.length ? JSON.stringify(calls.map((c) => ({ name: c.name, arguments: c.arguments }))).length : 0);

/** The reply cut to `limit` tokens (4 characters each) when it is longer: content first, then arguments. */
function truncate(reply: ChatReply, limit: number | null): { content: string | null; calls: ChatToolCallScript[]; cut: boolean } {
  const content = reply.content === undefined ? (reply.tool_calls?.length ? null : "") : reply.content;
  const calls = reply.tool_calls ?? [];
  if (limit === null || tokens(replyChars(content, calls)) <= limit) return { content, calls, cut: false };
  let budget = limit * 4;
  const cutContent = content === null ? null : content.slice(0, budget);
  budget -= cutContent?.length ?? 0;
  const cutCalls: ChatToolCallScript[] = [];
  for (const c of calls) {
    if (budget <= 0) break;
    cutCalls.push({ name: c.name, arguments: c.arguments.slice(0, budget) });
    budget -= c.arguments.length;
  }
  return { content: cutContent, calls: cutCalls, cut: true };
}

function completion(b: ChatBody, reply: ChatReply) {
  const limit = b.max_completion_tokens ?? b.max_tokens ?? null;
  const { content, calls, cut } = truncate(reply, limit);
  const finish = reply.finish_reason ?? (cut ? "length" : calls.length ? "tool_calls" : "stop");
  const prompt = tokens(JSON.stringify(b.messages).length + (b.tools ? JSON.stringify(b.tools).length : 0));
  const done = Math.min(tokens(replyChars(content, calls)), limit ?? Infinity);
  const choices = Array.from({ length: b.n ?? 1 }, (_, index) => ({
    index,
    message: {
      role: "assistant" as const,
      content,
      ...(calls.length
        ? {
            tool_calls: calls.map((c) => ({
              id: newId("call_"),
              type: "function" as const,
              function: { name: c.name, arguments: c.arguments },
            })),
          }
        : {}),
      refusal: null,
      annotations: [],
    },
    logprobs: null,
    finish_reason: finish,
  }));
  return {
    id: newId("chatcmpl-", 29),
    object: "chat.completion" as const,
    created: nowSeconds(),
    model: b.model,
    choices,
    usage: {
      prompt_tokens: prompt,
      completion_tokens: done,
      total_tokens: prompt + done,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: b.service_tier && b.service_tier !== "auto" ? b.service_tier : "default",
    system_fingerprint: `fp_${hash32(b.model).toString(16).padStart(10, "0")}`,
  };
}

export type ChatCompletion = ReturnType<typeof completion>;

export async function createChatCompletion(body: unknown, store: Store): Promise<ChatCompletion> {
  try {
    validateChatRequest(body);
    checkModel(body as ChatBody, store);
  } catch (err) {
    store.chat.rejected++;
    throw err;
  }
  const b = body as ChatBody;
  const text = lastUserText(b.messages);
  const script = store.chatScript;
  const rule = script.rules.find((r) => text.includes(r.match) && (r.model === undefined || r.model === b.model));
  const summary: ChatRequestSummary = {
    model: b.model,
    temperature: b.temperature ?? null,
    max_tokens: b.max_tokens ?? null,
    max_completion_tokens: b.max_completion_tokens ?? null,
    tools: b.tools?.length ?? 0,
    tool_choice: b.tool_choice ?? null,
    parallel_tool_calls: b.parallel_tool_calls ?? null,
    messages: b.messages.length,
    user: text,
    status: 200,
  };
  store.chat.last.push(summary);
  if (store.chat.last.length > CHAT_LAST) store.chat.last.shift();
  // Decided before waiting, so parallel requests share the rule's error budget exactly.
  const used = rule?.fail ? (store.chatFails.get(rule) ?? 0) : 0;
  const fail = rule?.fail && used < rule.fail.times ? rule.fail : null;
  if (rule && fail) store.chatFails.set(rule, used + 1);
  const wait = script.latencyMs + (rule?.delayMs ?? 0);
  if (wait > 0) await sleep(wait);
  if (fail) {
    summary.status = fail.status;
    store.chat.failed++;
    throw scriptedError(fail.status, b.model, store);
  }
  store.chat.requests++;
  store.chat.byRequest.set(text, (store.chat.byRequest.get(text) ?? 0) + 1);
  return completion(b, rule?.reply ?? script.defaultReply);
}
