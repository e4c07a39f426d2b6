// Token counting and summary statistics for OpenAI chat training lines, after the OpenAI cookbook
// notebook "Data preparation and analysis for chat model fine-tuning" (MIT, (c) 2023 OpenAI).
// Pure apart from the lazy import of the rank tables, which are large (≈30 MB installed) and so
// are loaded only when a caller asks for an encoding.

import { pieceCounter } from "./bpe";

export type EncodingName = "cl100k_base" | "o200k_base";

export interface TokenEncoding {
  readonly name: EncodingName;
  /**
   * Number of tokens in `text`; special-token strings such as "<|endoftext|>" count as plain text.
   * Linear in the length of `text` (see countInSegments for where, and how far, it may differ).
   */
  count(text: string): number;
}

type Ranks = readonly (string | readonly number[])[];

// Counting needs an encoding's rank list and pre-tokeniser pattern, which gpt-tokenizer ships; the
// BPE itself is bpe.ts (exact, and several times faster on long machine text). Special-token strings
// such as "<|endoftext|>" are plain text here, as in tiktoken's `encode_ordinary`: the notebook's
// `encode` would throw on them, and a dataset file may legitimately contain them.
const loaders: Record<EncodingName, () => Promise<[{ default: Ranks }, RegExp]>> = {
  cl100k_base: async () => {
    const [ranks, { CL100K_TOKEN_SPLIT_REGEX }] = await Promise.all([import("gpt-tokenizer/bpeRanks/cl100k_base"), import("gpt-tokenizer/encodingParams/constants")]);
    return [ranks, CL100K_TOKEN_SPLIT_REGEX];
  },
  o200k_base: async () => {
    const [ranks, { O200K_TOKEN_SPLIT_REGEX }] = await Promise.all([import("gpt-tokenizer/bpeRanks/o200k_base"), import("gpt-tokenizer/encodingParams/constants")]);
    return [ranks, O200K_TOKEN_SPLIT_REGEX];
  },
};

function segmentCounter(ranks: Ranks, split: RegExp): (segment: string) => number {
  const bpe = pieceCounter(ranks);
  return (segment) => {
    let tokens = 0;
    for (const [piece] of segment.matchAll(split)) tokens += bpe.count(piece);
    return tokens;
  };
}

const cache = new Map<EncodingName, Promise<TokenEncoding>>();

/** Loads (once) and returns an encoding. The notebook uses cl100k_base; gpt-4o/4.1 models use o200k_base. */
export function getEncoding(name: EncodingName): Promise<TokenEncoding> {
  let pending = cache.get(name);
  if (!pending) {
    const load = loaders[name];
    if (!load) return Promise.reject(new Error(`Unknown encoding "${String(name)}"`));
    pending = load().then(([ranks, split]) => {
      const countSegment = segmentCounter(ranks.default, split);
      return { name, count: (text: string) => countInSegments(text, countSegment) };
    });
    pending.catch(() => cache.delete(name));
    cache.set(name, pending);
  }
  return pending;
}

/**
 * BPE (as in tiktoken's reference code) is quadratic in the bytes of one pre-tokenised piece: a
 * 40,000-letter run took seconds, a 1,000,000-letter one many minutes.
 * Pieces never span a *boundary*, a place where both encodings' pre-tokenisers always end a piece:
 * after a letter not followed by a letter, a combining mark or an apostrophe; after a digit not
 * followed by a digit; before a space or tab that follows anything but a space. Prose, JSON, URLs,
 * code and base64 have one every few characters. The text is handed to the counter in segments of
 * about MAX_SEGMENT_CHARS cut at boundaries, which changes no count: such text is counted exactly.
 * A stretch of more than MAX_RUN_BYTES (UTF-8) without a boundary (one letter repeated, letters with no
 * digit, space or punctuation, punctuation or whitespace runs, long digit runs, unspaced CJK) is also
 * cut there. That bounds every piece, so counting is linear in the text, but each such cut can move
 * the count a little (the pieces either side of it are merged apart). The bound, asserted in
 * tests/unit/datasets/tokens-long.test.ts against gpt-tokenizer's exact count of 10,000-character
 * runs: at most one token per cut (one per MAX_RUN_BYTES of boundary-free stretch) and at most 1% of
 * the count; none at all on text with boundaries.
 */
export const MAX_SEGMENT_CHARS = 8_192;

export const MAX_RUN_BYTES = 128;

const enum Cls {
  None,
  Letter,
  Mark,
  Digit,
  Space,
  Other,
}

const ascii = new Uint8Array(128).map((_, c) => classify(String.fromCharCode(c)));
const bmp = new Uint8Array(0x10000); // lazily filled: 0 = not classified yet

function classify(ch: string): Cls {
  if (/\p{L}/u.test(ch)) return Cls.Letter;
  if (/\p{M}/u.test(ch)) return Cls.Mark;
  if (/\p{N}/u.test(ch)) return Cls.Digit;
  if (/\s/u.test(ch)) return Cls.Space;
  return Cls.Other;
}

function classOf(cp: number): Cls {
  if (cp < 128) return ascii[cp];
  if (cp > 0xffff) return classify(String.fromCodePoint(cp));
  return bmp[cp] || (bmp[cp] = classify(String.fromCharCode(cp)));
}

const APOSTROPHE = 0x27;
const LF = 0x0a;
const CR = 0x0d;

function isBoundary(prev: Cls, cls: Cls, cp: number): boolean {
  if (prev === Cls.Letter) return cls !== Cls.Letter && cls !== Cls.Mark && cp !== APOSTROPHE;
  if (prev === Cls.Digit) return cls !== Cls.Digit;
  // Punctuation keeps the line breaks that follow it (" ?[^\s\p{L}\p{N}]+[\r\n]*"), not spaces.
  return cls === Cls.Space && prev !== Cls.Space && prev !== Cls.None && cp !== LF && cp !== CR;
}

const utf8Bytes = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** `count` applied to segments of `text`: cut at boundaries past MAX_SEGMENT_CHARS, and inside stretches without one past MAX_RUN_BYTES. */
export function countInSegments(text: string, count: (segment: string) => number): number {
  if (text.length * 4 <= MAX_RUN_BYTES) return count(text);
  let tokens = 0;
  let start = 0;
  let run = 0;
  let prev = Cls.None;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const cls = classOf(cp);
    const bytes = utf8Bytes(cp);
    if (isBoundary(prev, cls, cp)) {
      run = 0;
      if (i - start >= MAX_SEGMENT_CHARS) {
        tokens += count(text.slice(start, i));
        start = i;
      }
    } else if (run + bytes > MAX_RUN_BYTES) {
      tokens += count(text.slice(start, i));
      start = i;
      run = 0;
    }
    run += bytes;
    prev = cls;
    i += cp > 0xffff ? 2 : 1;
  }
  return tokens + count(start === 0 ? text : text.slice(start));
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
