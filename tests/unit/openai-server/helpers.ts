// Helpers for the OpenAI test server's own tests: a server per test file, the real `openai` SDK
// pointed at it, training files, and response checks against the spec's schemas.
import { launchServerMain, stopLaunched } from "../server-launch";
import { readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import OpenAI, { toFile } from "openai";
import type { FineTuningJob } from "openai/resources/fine-tuning/jobs/jobs";
import { startOpenAIServer, type OpenAIServer } from "@/tests/support/openai-server/server";
import type { ServerOptions } from "@/tests/support/openai-server/types";

export const KEY = "sk-test";

export async function start(opts: ServerOptions = {}): Promise<OpenAIServer> {
  return startOpenAIServer({ key: KEY, tickMs: 5, ...opts });
}

export function client(server: OpenAIServer, extra: { apiKey?: string; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({ apiKey: extra.apiKey ?? KEY, baseURL: `${server.url}/v1`, maxRetries: extra.maxRetries ?? 0 });
}

type Line = Record<string, unknown>;
export const example = (i: number): Line => ({
  messages: [
    { role: "system", content: "Route the request to a tool." },
    { role: "user", content: `What is the weather in city ${i}?` },
    {
      role: "assistant",
      tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "get_weather", arguments: `{"city":"c${i}"}` } }],
    },
  ],
  tools: [
    { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
  ],
});

/** A JSONL training file of `n` valid examples; `patch` may replace line i (0-based). */
export function jsonl(n: number, patch: (i: number, line: Line) => Line = (_i, l) => l): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify(patch(i, example(i)))).join("\n") + "\n";
}

export async function upload(c: OpenAI, text: string, name = "train.jsonl", purpose: "fine-tune" | "batch" = "fine-tune") {
  return c.files.create({ file: await toFile(Buffer.from(text), name), purpose });
}

/** Polls a job with the SDK until its status is one of `statuses`. */
export async function waitFor(c: OpenAI, id: string, statuses: string[], timeoutMs = 5000): Promise<FineTuningJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await c.fineTuning.jobs.retrieve(id);
    if (statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface CaughtError {
  status: number | undefined;
  type: string | undefined;
  code: string | null | undefined;
  param: string | null | undefined;
  /** The server's error.message (the SDK's own message prefixes the status). */
  message: string;
  headers: Headers | undefined;
}

/** Calls `f` and returns the API error it throws through the SDK (fails the test if none). */
export async function apiError(f: () => Promise<unknown>): Promise<CaughtError> {
  try {
    await f();
  } catch (err) {
    if (!(err instanceof OpenAI.APIError)) throw err;
    const inner = (err.error ?? {}) as { message?: string };
    return { status: err.status, type: err.type, code: err.code, param: err.param, message: inner.message ?? "", headers: err.headers };
  }
  throw new Error("expected an API error");
}

const schemas = JSON.parse(readFileSync(new URL("../../support/openai-server/schemas.json", import.meta.url), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema({ $id: "openai", definitions: schemas.definitions });

/** Where `value` breaks the spec's components/schemas/<name> ([] when it conforms). */
export function specErrors(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(`openai#/definitions/${name}`) as ValidateFunction;
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Runs this server's standalone entry point (launchServerMain). */
export const launchMain = (args: string[]) => launchServerMain("tests/support/openai-server/main.ts", args);
export { stopLaunched };

