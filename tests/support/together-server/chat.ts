// POST /v1/chat/completions, OpenAI-compatible as Together documents it (openapi.yaml
// ChatCompletionRequest / ChatCompletionResponse). No model runs: answers come from the chat script,
// the same script the OpenAI test server uses (its parser, rules and reply shape are reused from
// ../openai-server/chat.ts), wrapped in Together's response shape.
import { randomBytes } from "node:crypto";
import { lastUserText } from "../openai-server/chat";
import type { ChatReply } from "../openai-server/types";
import { ApiError, badRequest, sleep } from "../openai-server/util";
import { FINE_TUNABLE, SERVERLESS_CHAT_MODELS } from "./models";
import type { Store } from "./store";

/** ChatCompletionRequest's properties (openapi.yaml). Anything else is refused by this test server. */
const CHAT_KEYS = new Set([
  "messages",
  "model",
  "max_tokens",
  "stop",
  "temperature",
  "top_p",
  "top_k",
  "context_length_exceeded_behavior",
  "repetition_penalty",
  "stream",
  "logprobs",
  "echo",
  "n",
  "min_p",
  "presence_penalty",
  "frequency_penalty",
  "logit_bias",
  "seed",
  "function_call",
  "response_format",
  "tools",
  "tool_choice",
  "safety_model",
  "chat_template_kwargs",
  "reasoning_effort",
]);

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const bad = (message: string, param: string | null, code: string | null = "invalid_value") => badRequest(message, param, code);

interface Message {
  role: string;
  content?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
}
interface ChatBody {
  model: string;
  messages: Message[];
  max_tokens?: number;
  n?: number;
  tools?: unknown[];
  stream?: boolean;
}

function checkMessage(m: unknown, i: number): void {
  const at = `messages[${i}]`;
  if (!isObject(m)) throw bad(`${at} must be an object`, at, "invalid_type");
  const role = m.role;
  if (!["system", "user", "assistant", "tool", "function"].includes(role as string))
    throw bad(`${at}.role must be one of system, user, assistant, tool, function (got ${JSON.stringify(role)})`, `${at}.role`);
  if (role === "assistant") {
    if (m.content !== undefined && m.content !== null && typeof m.content !== "string")
      throw bad(`${at}.content must be a string or null`, `${at}.content`, "invalid_type");
    if (m.tool_calls !== undefined) {
      if (!Array.isArray(m.tool_calls)) throw bad(`${at}.tool_calls must be a list`, `${at}.tool_calls`, "invalid_type");
      m.tool_calls.forEach((c: unknown, j: number) => {
        const fn = isObject(c) ? c.function : undefined;
        if (
          !isObject(c) ||
          typeof c.id !== "string" ||
          c.type !== "function" ||
          !isObject(fn) ||
          typeof fn.name !== "string" ||
          typeof fn.arguments !== "string"
        )
          throw bad(
            `${at}.tool_calls[${j}] must be {"id", "type": "function", "function": {"name", "arguments"}}`,
            `${at}.tool_calls[${j}]`,
          );
      });
    }
    return;
  }
  if (!("content" in m)) throw bad(`${at}.content is required for role ${String(role)}`, `${at}.content`, "missing_required_parameter");
  if (role === "user") {
    if (typeof m.content === "string") return;
    if (!Array.isArray(m.content) || m.content.some((p) => !isObject(p) || typeof p.type !== "string"))
      throw bad(`${at}.content must be a string or a list of content parts`, `${at}.content`, "invalid_type");
    return;
  }
  if (typeof m.content !== "string") throw bad(`${at}.content must be a string`, `${at}.content`, "invalid_type");
  if (role === "tool" && typeof m.tool_call_id !== "string")
    throw bad(`${at}.tool_call_id is required for role tool`, `${at}.tool_call_id`, "missing_required_parameter");
  if (role === "function" && typeof m.name !== "string")
    throw bad(`${at}.name is required for role function`, `${at}.name`, "missing_required_parameter");
}

function validateChat(body: unknown): ChatBody {
  if (!isObject(body)) throw bad("The request body must be a JSON object.", null, null);
  const unknown = Object.keys(body).find((k) => !CHAT_KEYS.has(k));
  if (unknown)
    throw bad(
      `Unrecognized request argument supplied: ${unknown} (the test server knows only the documented ChatCompletionRequest fields)`,
      unknown,
      "unknown_parameter",
    );
  if (typeof body.model !== "string" || body.model === "")
    throw bad("Missing required field 'model'", "model", "missing_required_parameter");
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw bad("'messages' must be a non-empty list", "messages", "missing_required_parameter");
  body.messages.forEach(checkMessage);
  for (const key of ["temperature", "top_p", "min_p", "presence_penalty", "frequency_penalty", "repetition_penalty"])
    if (body[key] !== undefined && (typeof body[key] !== "number" || !Number.isFinite(body[key])))
      throw bad(`'${key}' must be a number`, key, "invalid_type");
  for (const key of ["max_tokens", "top_k", "seed"])
    if (body[key] !== undefined && !Number.isInteger(body[key])) throw bad(`'${key}' must be an integer`, key, "invalid_type");
  if (body.max_tokens !== undefined && (body.max_tokens as number) < 1) throw bad("'max_tokens' must be at least 1", "max_tokens");
  if (body.n !== undefined && (!Number.isInteger(body.n) || (body.n as number) < 1 || (body.n as number) > 128))
    throw bad("'n' must be an integer between 1 and 128", "n");
  if (body.logprobs !== undefined && (!Number.isInteger(body.logprobs) || (body.logprobs as number) < 0 || (body.logprobs as number) > 20))
    throw bad("'logprobs' must be an integer between 0 and 20", "logprobs");
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) throw bad("'tools' must be a list", "tools", "invalid_type");
    body.tools.forEach((t: unknown, j: number) => {
      if (!isObject(t) || t.type !== "function" || !isObject(t.function) || typeof t.function.name !== "string")
        throw bad(`tools[${j}] must be {"type": "function", "function": {"name", ...}}`, `tools[${j}]`);
    });
  }
  if (body.tool_choice !== undefined && typeof body.tool_choice !== "string" && !isObject(body.tool_choice))
    throw bad("'tool_choice' must be a string or an object", "tool_choice", "invalid_type");
  if (body.stream === true)
    throw new ApiError(
      400,
      "This test server does not stream: send 'stream': false or leave it out (a limit of the test server).",
      "stream",
      "unsupported_value",
    );
  return body as unknown as ChatBody;
}

/** Base models, serverless chat models, added names, and the output name of every completed job. */
export function knownChatModel(store: Store, model: string): boolean {
  if (FINE_TUNABLE.has(model) || SERVERLESS_CHAT_MODELS.includes(model) || store.extraModels.has(model)) return true;
  return [...store.jobs.values()].some((r) => r.job.status === "completed" && r.job.model_output_name === model);
}

function scriptedError(status: number, store: Store): ApiError {
  const headers = { "retry-after": String(store.config.retryAfterSeconds) };
  if (status === 429)
    return new ApiError(
      429,
      "Rate limit exceeded (scripted by the test server). Please retry after the Retry-After delay.",
      null,
      "rate_limit_exceeded",
      "rate_limit_exceeded",
      headers,
    );
  if (status === 503)
    return new ApiError(503, "The engine is currently overloaded, please try again later.", null, null, "server_error", headers);
  return new ApiError(500, "Internal server error (scripted by the test server).", null, null, "server_error");
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
    id: `${alnum(7)}-${alnum(6)}-${randomBytes(8).toString("hex")}`,
    object: "chat.completion" as const,
    created: Math.floor(Date.now() / 1000),
    model: b.model,
    prompt: [],
    choices: Array.from({ length: b.n ?? 1 }, (_, index) => ({
      index,
      seed: Number(BigInt.asUintN(52, BigInt(`0x${randomBytes(8).toString("hex")}`))),
      finish_reason: finish,
      logprobs: null,
      message: {
        role: "assistant" as const,
        content,
        ...(calls.length
          ? {
              tool_calls: calls.map((c, i) => ({
                id: `call_${alnum(24)}`,
                type: "function" as const,
                function: { name: c.name, arguments: c.arguments },
                index: i,
              })),
            }
          : {}),
      },
    })),
    usage: { prompt_tokens: prompt, completion_tokens: done, total_tokens: prompt + done },
  };
}

export async function createChatCompletion(body: unknown, store: Store) {
  let b: ChatBody;
  try {
    b = validateChat(body);
    if (!knownChatModel(store, b.model))
      throw new ApiError(
        404,
        `Unable to access model ${b.model}. Please visit https://api.together.ai/models to view the list of supported models.`,
        null,
        "model_not_available",
      );
  } catch (err) {
    store.chat.rejected++;
    throw err;
  }
  const text = lastUserText(b.messages);
  const script = store.chatScript;
  const rule = script.rules.find((r) => text.includes(r.match) && (r.model === undefined || r.model === b.model));
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
