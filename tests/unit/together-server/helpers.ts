// Helpers for the Together test server's own tests: a server per test file, plain fetch (the product
// talks to Together with fetch, not an SDK), training files, and launching main.ts.
import { launchServerMain, stopLaunched } from "../server-launch";
import { startTogetherServer, type TogetherServer } from "@/tests/support/together-server/server";
import type { ServerOptions } from "@/tests/support/together-server/types";

export const KEY = "together-test-key";

export async function start(opts: ServerOptions = {}): Promise<TogetherServer> {
  return startTogetherServer({ key: KEY, tickMs: 2, retryAfterSeconds: 0, ...opts });
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  json: T;
  headers: Headers;
}

/** One request to `${server.url}/v1${path}` with the test key (or `key`), JSON in and out. */
export async function call<T = Record<string, unknown>>(
  server: TogetherServer,
  method: string,
  path: string,
  body?: unknown,
  key: string | null = KEY,
): Promise<Answer<T>> {
  const res = await fetch(`${server.url}/v1${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T, headers: res.headers };
}

/** The `error` object of a refusal. */
export type ErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

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

/** A JSONL training file of `n` valid examples; `patch` may replace line i (0-based). */
export function jsonl(n: number, patch: (i: number, line: Line) => unknown = (_i, l) => l): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify(patch(i, example(i)))).join("\n") + "\n";
}

/** POST /v1/files/upload as multipart with purpose, file_name and file (fields overridable, or removable with null). */
export async function upload(
  server: TogetherServer,
  text: string,
  fields: { file_name?: string | null; purpose?: string | null; file_type?: string } = {},
): Promise<Answer> {
  const form = new FormData();
  const name = fields.file_name === undefined ? "train.jsonl" : fields.file_name;
  const purpose = fields.purpose === undefined ? "fine-tune" : fields.purpose;
  if (purpose !== null) form.set("purpose", purpose);
  if (name !== null) form.set("file_name", name);
  if (fields.file_type) form.set("file_type", fields.file_type);
  form.set("file", new Blob([text]), name ?? "upload.bin");
  const res = await fetch(`${server.url}/v1/files/upload`, { method: "POST", headers: { authorization: `Bearer ${KEY}` }, body: form });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** Uploads and settles the file check (one advance), returning the file id. */
export async function uploaded(server: TogetherServer, text: string, name = "train.jsonl"): Promise<string> {
  const file = await upload(server, text, { file_name: name });
  if (file.status !== 200) throw new Error(`upload failed: ${JSON.stringify(file.json)}`);
  server.advance();
  return file.json.id as string;
}

/** Polls GET /fine-tunes/{id} until its status is one of `statuses`. */
export async function waitFor(server: TogetherServer, id: string, statuses: string[], timeoutMs = 5000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call(server, "GET", `/fine-tunes/${id}`);
    if (statuses.includes(json.status as string)) return json;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${String(json.status)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs this server's standalone entry point (launchServerMain). */
export const launchMain = (args: string[]) => launchServerMain("tests/support/together-server/main.ts", args);
export { stopLaunched };
