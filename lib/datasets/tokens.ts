// Token counting and summary statistics for OpenAI chat training lines, after the OpenAI cookbook
// notebook "Data preparation and analysis for chat model fine-tuning" (MIT, (c) 2023 OpenAI).
// Pure apart from the lazy import of the rank tables, which are large (≈30 MB installed) and so
// are loaded only when a caller asks for an encoding.

export type EncodingName = "cl100k_base" | "o200k_base";

export interface TokenEncoding {
  readonly name: EncodingName;
  /** Number of tokens in `text`; special-token strings such as "<|endoftext|>" count as plain text. */
  count(text: string): number;
}

type TokenizerModule = { countTokens: (text: string, options?: OrdinaryOptions) => number };
type OrdinaryOptions = { allowedSpecial: Set<string>; disallowedSpecial: Set<string> };

// tiktoken's `encode` (which the notebook calls) throws on special-token text; a dataset file may
// legitimately contain it, so count it the way `encode_ordinary` would instead of failing the line.
const ORDINARY: OrdinaryOptions = { allowedSpecial: new Set(), disallowedSpecial: new Set() };

const loaders: Record<EncodingName, () => Promise<TokenizerModule>> = {
  cl100k_base: () => import("gpt-tokenizer/encoding/cl100k_base"),
  o200k_base: () => import("gpt-tokenizer/encoding/o200k_base"),
};

const cache = new Map<EncodingName, Promise<TokenEncoding>>();

/** Loads (once) and returns an encoding. The notebook uses cl100k_base; gpt-4o/4.1 models use o200k_base. */
export function getEncoding(name: EncodingName): Promise<TokenEncoding> {
  let pending = cache.get(name);
  if (!pending) {
    const load = loaders[name];
    if (!load) return Promise.reject(new Error(`Unknown encoding "${String(name)}"`));
    pending = load().then((mod) => ({ name, count: (text: string) => mod.countTokens(text, ORDINARY) }));
    pending.catch(() => cache.delete(name));
    cache.set(name, pending);
  }
  return pending;
}

export function countTokens(text: string, enc: TokenEncoding): number {
  return enc.count(text);
}

/**
 * Tokens for one value of a message or line. Strings are encoded as they are; anything else
 * (null content, arrays of content parts, `tool_calls`, `function_call`) is encoded as its
 * `JSON.stringify` text, so an assistant's tool calls cost what their JSON costs.
 */
export function valueTokens(value: unknown, enc: TokenEncoding): number {
  if (value === undefined) return 0;
  if (typeof value === "string") return enc.count(value);
  return enc.count(JSON.stringify(value) ?? "");
}

const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING = 3;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The notebook's `num_tokens_from_messages`: 3 per message, the encoding of every value of every
 * key (the role's name included), 1 more for a `name` key, and 3 for the reply priming.
 * `weight` is skipped: it is a training switch the model never sees (and tiktoken could not encode
 * the notebook's int anyway). Entries that are not objects are skipped.
 */
export function numTokensFromMessages(messages: readonly unknown[], enc: TokenEncoding): number {
  let tokens = 0;
  for (const message of messages) {
    if (!isObject(message)) continue;
    tokens += TOKENS_PER_MESSAGE;
    for (const [key, value] of Object.entries(message)) {
      if (key === "weight") continue;
      tokens += valueTokens(value, enc);
      if (key === "name") tokens += TOKENS_PER_NAME;
    }
  }
  return tokens + REPLY_PRIMING;
}

/** The notebook's `num_assistant_tokens_from_messages`, plus the JSON of tool_calls/function_call. */
export function numAssistantTokensFromMessages(messages: readonly unknown[], enc: TokenEncoding): number {
  let tokens = 0;
  for (const message of messages) {
    if (!isObject(message) || message.role !== "assistant") continue;
    tokens += valueTokens(message.content, enc);
    tokens += valueTokens(message.tool_calls, enc);
    tokens += valueTokens(message.function_call, enc);
  }
  return tokens;
}

/**
 * Tokens for a whole training line: the messages as above, plus the line's `tools` (and deprecated
 * `functions`) encoded once as `JSON.stringify(tools)`. The notebook has no tool support; OpenAI
 * renders tool definitions into the prompt in its own (unpublished) format, so the JSON text is an
 * approximation of their size, counted once per example because every example carries its own list.
 */
export function numTokensFromExample(record: Record<string, unknown>, enc: TokenEncoding): number {
  const messages = Array.isArray(record.messages) ? record.messages : [];
  let tokens = numTokensFromMessages(messages, enc);
  if (record.tools !== undefined) tokens += toolListTokens(record.tools, enc);
  if (record.functions !== undefined) tokens += toolListTokens(record.functions, enc);
  return tokens;
}

// Every line of a dataset usually repeats the same tool list: encode each distinct list once.
const toolListCache = new WeakMap<TokenEncoding, Map<string, number>>();

function toolListTokens(value: unknown, enc: TokenEncoding): number {
  const key = typeof value === "string" ? value : JSON.stringify(value);
  let cache = toolListCache.get(enc);
  if (!cache) toolListCache.set(enc, (cache = new Map()));
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const n = valueTokens(value, enc);
  if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
  cache.set(key, n);
  return n;
}

/** numpy's default `percentile` (method "linear"): p in [0, 100]. Input need not be sorted. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of an empty list");
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  // Same float steps as numpy: q = p / 100 first, then the virtual index (n - 1) * q.
  const index = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const t = index - lo;
  // numpy's _lerp: a + (b - a) * t, and b - (b - a) * (1 - t) when t >= 0.5 (keeps endpoints exact).
  const a = sorted[lo];
  const b = sorted[hi];
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** np.median: the middle value, or the mean of the two middle values. */
function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Distribution {
  count: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  p5: number;
  p95: number;
  p10: number;
  p90: number;
}

export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) throw new RangeError("distribution of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: sum / sorted.length,
    median: median(sorted),
    p5: percentileOfSorted(sorted, 5),
    p95: percentileOfSorted(sorted, 95),
    p10: percentileOfSorted(sorted, 10),
    p90: percentileOfSorted(sorted, 90),
  };
}
