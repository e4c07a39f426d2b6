// One chat completion with our own retry loop: 429 and 5xx (and timeouts, connection errors) are retried
// with backoff, honouring retry-after; other errors are returned for the caller to classify.
import OpenAI from "openai";
import type { ChatClient } from "./clients";
import { OutboundRefused, remoteText } from "../net/outbound";
import type { ChatParams } from "./request";
import type { ModelMessage } from "../../scoring/types";

export interface CallResult {
  output: ModelMessage | null;
  latencyMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  attempts: number;
  /** Set when no answer came back. */
  error: string | null;
  /** 401/403/404: the endpoint or model is wrong; every other request would fail the same way. */
  fatal: boolean;
}

export const MAX_ATTEMPTS = Number(process.env.TOOLTUNE_EVAL_ATTEMPTS ?? 6);
const BASE_DELAY_MS = Number(process.env.TOOLTUNE_EVAL_BACKOFF_MS ?? 500);

function retryable(e: unknown): boolean {
  if (refusedCause(e)) return false; // the policy will refuse the next attempt too
  if (e instanceof OpenAI.APIConnectionError) return true; // includes timeouts
  if (e instanceof OpenAI.APIError) return e.status === 408 || e.status === 409 || e.status === 429 || (e.status ?? 0) >= 500;
  return false;
}

function retryAfterMs(e: unknown): number | null {
  if (!(e instanceof OpenAI.APIError) || !e.headers) return null;
  const h = e.headers as Headers;
  const ms = Number(h.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const s = Number(h.get("retry-after"));
  return Number.isFinite(s) && s > 0 ? s * 1000 : null;
}

/** What the user sees of a failed call: our own refusal as it is, a remote's text cut short and never as HTML. */
export function describeError(e: unknown): string {
  const refused = refusedCause(e);
  if (refused) return `refused: ${refused.message}`;
  if (e instanceof OpenAI.APIError) return `${e.status ?? "network"}: ${remoteText(e.message)}`;
  return remoteText(e instanceof Error ? e.message : String(e));
}

function refusedCause(e: unknown): OutboundRefused | null {
  for (let c = e, depth = 0; c && depth < 5; c = (c as { cause?: unknown }).cause, depth++) if (c instanceof OutboundRefused) return c;
  return null;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

export async function callChat(client: ChatClient, params: ChatParams, signal?: AbortSignal): Promise<CallResult> {
  let attempts = 0;
  for (;;) {
    attempts++;
    const started = performance.now();
    try {
      const res = await client.chat.completions.create(params, { signal });
      const latencyMs = Math.round(performance.now() - started);
      const msg = res.choices[0]?.message;
      const output: ModelMessage = { content: msg?.content ?? null };
      const calls = (msg?.tool_calls ?? []).filter((c) => c.type === "function");
      if (calls.length > 0) output.tool_calls = calls.map((c) => ({ id: c.id, type: "function", function: { name: c.function.name, arguments: c.function.arguments } }));
      return {
        output,
        latencyMs,
        promptTokens: res.usage?.prompt_tokens ?? null,
        completionTokens: res.usage?.completion_tokens ?? null,
        attempts,
        error: null,
        fatal: false,
      };
    } catch (e) {
      if (signal?.aborted) return { output: null, latencyMs: null, promptTokens: null, completionTokens: null, attempts, error: "cancelled", fatal: false };
      const status = e instanceof OpenAI.APIError ? e.status : undefined;
      const fatal = status === 401 || status === 403 || status === 404 || refusedCause(e) !== null;
      if (!retryable(e) || attempts >= MAX_ATTEMPTS) {
        const tries = attempts > 1 ? ` (after ${attempts} attempts)` : "";
        return { output: null, latencyMs: null, promptTokens: null, completionTokens: null, attempts, error: describeError(e) + tries, fatal };
      }
      const backoff = retryAfterMs(e) ?? BASE_DELAY_MS * 2 ** (attempts - 1);
      await sleep(Math.min(backoff * (1 + Math.random() * 0.2), 30_000), signal);
    }
  }
}
