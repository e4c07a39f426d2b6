// Helpers for the Fireworks test server's own tests: a server per test file, plain fetch (the product
// talks to Fireworks with fetch, not an SDK), datasets, jobs, and launching main.ts.
import { launchServerMain, stopLaunched } from "../server-launch";
import { startFireworksServer, type FireworksServer } from "@/tests/support/fireworks-server/server";
import type { ServerOptions } from "@/tests/support/fireworks-server/types";

export const KEY = "fireworks-test-key";
export const ACCOUNT = "tooltune-test";
export const A = `/v1/accounts/${ACCOUNT}`;
export const QWEN = "accounts/fireworks/models/qwen3-8b";

export async function start(opts: ServerOptions = {}): Promise<FireworksServer> {
  return startFireworksServer({ key: KEY, tickMs: 2, retryAfterSeconds: 0, ...opts });
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  json: T;
  headers: Headers;
}

/** One request to `${server.url}${path}` with the test key (or `key`), JSON in and out. */
export async function call<T = Record<string, unknown>>(
  server: FireworksServer,
  method: string,
  path: string,
  body?: unknown,
  key: string | null = KEY,
): Promise<Answer<T>> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

/** A control-plane error body. */
export type GrpcBody = { code: number; message: string; details: unknown[] };
/** An inference error body. */
export type InferenceBody = { error: { message: string; type: string; param: string | null; code: string }; request_id: string };

type Line = Record<string, unknown>;
export const example = (i: number): Line => ({
  messages: [
    { role: "system", content: "Route the request to a tool." },
    { role: "user", content: `What is the weather in city ${i}?` },
    {
      role: "assistant",
      tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "get_weather", arguments: `{"city":"c${i}"}` } }],
    },
    { role: "tool", tool_call_id: `call_${i}`, content: '{"temp": 21}' },
    { role: "assistant", content: "It is 21 degrees." },
  ],
  tools: [
    { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
  ],
});

/** A JSONL dataset of `n` valid examples; `patch` may replace line i (0-based). */
export function jsonl(n: number, patch: (i: number, line: Line) => unknown = (_i, l) => l): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify(patch(i, example(i)))).join("\n") + "\n";
}

/** POST /datasets with `{ datasetId, dataset: { displayName, userUploaded: {} } }`. */
export const createDataset = (server: FireworksServer, id: string, extra: Record<string, unknown> = {}) =>
  call(server, "POST", `${A}/datasets`, { datasetId: id, dataset: { displayName: id, userUploaded: {}, ...extra } });

/** POST /datasets/{id}:upload, multipart with the field `file`. */
export async function upload(server: FireworksServer, id: string, text: string, filename = "train.jsonl"): Promise<Answer> {
  const form = new FormData();
  form.set("file", new Blob([text]), filename);
  const res = await fetch(`${server.url}${A}/datasets/${id}:upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** Creates and uploads a dataset; returns its name (`accounts/<account>/datasets/<id>`). */
export async function dataset(server: FireworksServer, id: string, text: string): Promise<string> {
  const created = await createDataset(server, id);
  if (created.status !== 200) throw new Error(`create dataset failed: ${JSON.stringify(created.json)}`);
  const up = await upload(server, id, text);
  if (up.status !== 200) throw new Error(`upload failed: ${JSON.stringify(up.json)}`);
  return `accounts/${ACCOUNT}/datasets/${id}`;
}

/** POST /supervisedFineTuningJobs (with `?supervisedFineTuningJobId=` when `jobId` is given). */
export const createJob = (server: FireworksServer, body: Record<string, unknown>, jobId?: string) =>
  call(server, "POST", `${A}/supervisedFineTuningJobs${jobId ? `?supervisedFineTuningJobId=${jobId}` : ""}`, body);

/** Polls GET /supervisedFineTuningJobs/{id} until its state is one of `states`. */
export async function waitFor(server: FireworksServer, id: string, states: string[], timeoutMs = 5000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call(server, "GET", `${A}/supervisedFineTuningJobs/${id}`);
    if (states.includes(json.state as string)) return json;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${String(json.state)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs this server's standalone entry point (launchServerMain). */
export const launchMain = (args: string[]) => launchServerMain("tests/support/fireworks-server/main.ts", args);
export { stopLaunched };
