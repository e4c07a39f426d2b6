// Every route in app/api, sent what a hostile or broken client sends: no body, invalid JSON, a 3 MB
// chunked body, wrong types in every usual field, unknown ids, `..` and NUL in path segments, and
// absurd page numbers and sizes. Each must answer 4xx with a clear message (or a plain 2xx for a
// harmless read), never a 500, and write nothing.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import * as projects from "@/app/api/projects/route";
import { sessionCookie } from "../support/auth";
import { call } from "./helpers";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const MODELS = ["user", "project", "tool", "catalogueVersion", "example", "exampleRevision", "importJob", "stagedExample", "run", "metricPoint", "runEvent", "checkpoint", "endpoint", "eval", "evalResult"] as const;

function routeFiles(dir = "app/api"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? routeFiles(p) : name === "route.ts" ? [p] : [];
  });
}

const ROUTES = routeFiles().sort();
const HOSTILE_IDS = ["nope-0000", "..", "a\u0000b", "%2e%2e%2f", "x".repeat(5000)];
const WRONG_TYPES = {
  name: [1, 2], description: { a: 1 }, messages: "not a list", split: 42, reviewState: [], tags: "x", version: "one",
  baseUrl: 12, apiKey: 3, format: {}, validation: "half", gold: [], seed: "x", dryRun: "yes", tools: 5, parameters: "x",
  target: "openai", backend: 7, baseModel: {}, hyperparameters: [], ids: "all", order: 3, keepValid: "true", toolDecisions: [],
};

async function counts(): Promise<number[]> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return Promise.all(MODELS.map((m) => (db() as any)[m].count()));
}

function chunked(bytes: number): ReadableStream<Uint8Array> {
  const piece = new TextEncoder().encode("[" + "1,".repeat(32 * 1024));
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      c.enqueue(piece);
      sent += piece.byteLength;
    },
  });
}

interface Answer {
  status: number;
  body: string;
}

async function send(handler: Handler, method: string, params: Record<string, string>, opts: { body?: BodyInit | ReadableStream; query?: string } = {}): Promise<Answer> {
  const init: RequestInit & { duplex?: string } = { method, headers: { "content-type": "application/json", cookie: await sessionCookie("Fuzzer") } };
  if (opts.body !== undefined) {
    init.body = opts.body as BodyInit;
    init.duplex = "half";
  }
  const res = await handler(new Request(`http://test.local/api${opts.query ?? ""}`, init), { params: Promise.resolve(params) });
  // Streaming answers (exports, event streams) are read only as far as needed.
  const reader = res.body?.getReader();
  let body = "";
  if (reader) {
    const dec = new TextDecoder();
    const until = Date.now() + 2000;
    while (body.length < 20_000 && Date.now() < until) {
      const r = await Promise.race([reader.read(), new Promise<{ done: true; value?: undefined }>((ok) => setTimeout(() => ok({ done: true }), 500))]);
      if (r.done) break;
      body += dec.decode(r.value);
    }
    await reader.cancel().catch(() => {});
  }
  return { status: res.status, body };
}

function expectClear(a: Answer, what: string) {
  expect(a.status, `${what}: ${a.body.slice(0, 300)}`).not.toBe(500);
  expect(a.status, what).toBeLessThan(500);
  if (a.status >= 400) {
    const err = JSON.parse(a.body).error;
    expect(typeof err.message, what).toBe("string");
    expect(err.message.length, what).toBeGreaterThan(5);
    expect(err.message, what).not.toMatch(/prisma|sqlite|postgres|at \w+ \(|TypeError|internal error/i);
  }
}

let projectId = "";

beforeAll(async () => {
  projectId = (await call(projects.POST, "POST", { body: { name: "Hostile routes", outputStyle: "router_json" }, author: "Fuzzer" })).json.id;
});

describe("every route under hostile input", () => {
  it("finds the routes", () => {
    expect(ROUTES.length).toBeGreaterThan(40);
  });

  for (const file of ROUTES) {
    const rel = file.replace(/^app\/api/, "").replace(/\/route\.ts$/, "") || "/";
    const segments = [...rel.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
    it(`${rel}: answers 4xx or a harmless read, never a 500, and writes nothing`, async () => {
      const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Partial<Record<(typeof METHODS)[number], Handler>>;
      const before = await counts();
      for (const method of METHODS) {
        const handler = mod[method];
        if (!handler) continue;
        // DELETE on a route without ids needs no input and is a real action (emptying the trash).
        if (method === "DELETE" && segments.length === 0) continue;
        const paramSets: Record<string, string>[] = segments.length === 0 ? [{}] : HOSTILE_IDS.flatMap((bad) => [
          Object.fromEntries(segments.map((s) => [s, bad])),
          // The real project with hostile ids below it, so validation inside a project is reached
          // (a route whose only id is the project's gets only hostile ids: deleting it would be legitimate).
          ...(segments.length > 1 ? [Object.fromEntries(segments.map((s) => [s, s === "projectId" ? projectId : bad]))] : []),
        ]);
        for (const params of paramSets) {
          const where = `${method} ${rel} ${JSON.stringify(params).slice(0, 120)}`;
          if (method === "GET" || method === "DELETE") {
            for (const query of ["", "?page=999999999999&pageSize=100000000", "?page=-1&pageSize=0", "?page=abc&limit=1e309&cursor=%00"]) {
              const a = await send(handler, method, params, { query });
              expectClear(a, `${where}${query}`);
            }
            continue;
          }
          for (const [label, body] of [
            ["no body", undefined],
            ["empty body", ""],
            ["invalid JSON", "{not json"],
            ["JSON null", "null"],
            ["wrong types", JSON.stringify(WRONG_TYPES)],
            ["NUL in text", JSON.stringify({ name: "a\u0000b", request: "\u0000", baseUrl: "http://a\u0000b/v1" })],
          ] as const) {
            const a = await send(handler, method, params, { body });
            expectClear(a, `${where} ${label}`);
            // Unknown ids, or a body that is not the route's JSON, are always refused. (`null` is a legitimate
            // body for some routes, e.g. pricing's "back to the defaults", and the body is optional for others.)
            if (segments.length > 0 || label === "invalid JSON" || label === "wrong types" || label === "NUL in text") expect(a.status, `${where} ${label}`).toBeGreaterThanOrEqual(400);
          }
          const big = await send(handler, method, params, { body: chunked(3 * 1024 * 1024) });
          expectClear(big, `${where} 3 MB chunked`);
          expect(big.status, `${where} 3 MB chunked`).toBeGreaterThanOrEqual(400);
        }
      }
      expect(await counts(), `${rel} wrote rows`).toEqual(before);
    }, 120_000);
  }
});
