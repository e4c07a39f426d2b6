// Calls route handlers the way Next.js does: a real Request and a params promise.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { db, disconnectDb } from "@/lib/server/db";
import { closeQueue } from "@/lib/server/queue";
import type { Role } from "@/lib/schemas/auth";
import { sessionCookie } from "../support/auth";
import { startOpenAIServer } from "../support/openai-server";
import { bundlePath } from "./test-bundles";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

export interface CallOptions {
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** Signed in as a member with this name (null: anonymous); the author of the writes. */
  author?: string | null;
  /** The member's role (owner by default). */
  role?: Role;
  query?: Record<string, string>;
}

export async function call(handler: Handler, method: string, opts: CallOptions = {}) {
  const url = new URL("http://test.local/api");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const author = opts.author === undefined ? "Test Author" : opts.author;
  if (author !== null) headers.cookie = await sessionCookie(author, opts.role ?? "owner");
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json: any = text ? JSON.parse(text) : null;
  return { status: res.status, json };
}

export const orderSchema = {
  type: "object",
  properties: {
    order_id: { type: "string", pattern: "^ORD-\\d{5}$", description: "Order number" },
    email: { type: "string", format: "email" },
  },
  required: ["order_id"],
  additionalProperties: false,
};

export function routerExample(request: string, target: { tool: string; args?: Record<string, unknown> } | { noTool: string }) {
  return {
    messages: [
      { role: "user" as const, content: request },
      "noTool" in target
        ? { role: "assistant" as const, decision: { kind: "no_tool" as const, reason: target.noTool }, weight: 1 as const }
        : { role: "assistant" as const, decision: { kind: "tool_calls" as const, calls: [{ name: target.tool, arguments: target.args ?? {} }] }, weight: 1 as const },
    ],
  };
}

/**
 * The tests' own input files: under the run's data directory (global-setup.ts), so runs on two
 * databases side by side never read each other's half-written file.
 */
export function testFilesDir(): string {
  const dir = path.resolve(process.env.TOOLTUNE_DATA_DIR ?? "data", "test-files");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** `node` arguments that run the tooltune command (cli/main.ts) as bundled once by global-setup.ts. */
export const cliArgs = (...args: string[]) => [bundlePath("cli"), ...args];

/**
 * The real worker process (workers/main.ts, bundled once by global-setup.ts). Node itself runs it,
 * not a launcher: a SIGKILL must reach the worker, where a launcher would die and leave its child running on.
 */
export function startWorker(env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = "";
  const child = spawn(process.execPath, [bundlePath("worker")], { env: { ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, output: () => out, exited: new Promise((r) => child.on("exit", (code) => r(code))) };
}

/** Runs `fn` with a worker process (startWorker), and stops it with SIGTERM and waits for it to exit however `fn` ends. */
export async function withWorker<T>(fn: (w: ReturnType<typeof startWorker>) => Promise<T>, env?: NodeJS.ProcessEnv): Promise<T> {
  const w = startWorker(env);
  try {
    return await fn(w);
  } finally {
    w.child.kill("SIGTERM");
    await w.exited;
  }
}

/** A free TCP port on loopback (asked of the OS, then released). */
async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs `fn` against a Redis server of its own (REDIS_URL points at it meanwhile), which `restart()`
 * stops without saving and starts again: the shared Redis, which the other database's run uses at the
 * same time, is never touched.
 */
export async function withPrivateRedis<T>(fn: (redis: { url: string; restart: () => Promise<void> }) => Promise<T>): Promise<T> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  const start = async () => {
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitFor(`redis-server on port ${port}`, async () => {
      const { connect } = await import("node:net");
      return new Promise<boolean>((resolve) => {
        const c = connect(port, "127.0.0.1", () => (c.end(), resolve(true)));
        c.once("error", () => resolve(false));
      });
    }, 10_000);
  };
  const stop = async () => {
    const s = server as ChildProcess | null;
    if (!s || s.exitCode !== null) return;
    const exited = new Promise((r) => s.once("exit", r));
    s.kill("SIGKILL");
    await exited;
  };
  const saved = process.env.REDIS_URL;
  await start();
  process.env.REDIS_URL = url;
  await closeQueue();
  try {
    return await fn({ url, restart: async () => (await stop(), await start()) });
  } finally {
    await closeQueue();
    if (saved === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = saved;
    await stop();
  }
}

/** Polls `fn` until it returns something truthy, or fails naming what it waited for. */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 45_000, everyMs = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

type OpenAIServer = Awaited<ReturnType<typeof startOpenAIServer>>;

/**
 * For a test file that talks to OpenAI: starts the local OpenAI test server before its tests, with
 * OPENAI_API_KEY / OPENAI_BASE_URL pointing at it and `env` set; afterwards restores the environment
 * and closes the server, the queue and the database. `.server` is the running server.
 */
export function openAIServerForFile(env: Record<string, string>): { readonly server: OpenAIServer } {
  const saved = { ...process.env };
  let server: OpenAIServer | undefined;
  beforeAll(async () => {
    server = await startOpenAIServer({ key: "sk-test", tickMs: 40 });
    Object.assign(process.env, { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${server.url}/v1`, ...env });
  });
  afterAll(async () => {
    process.env = saved;
    await server?.close();
    await closeQueue();
    await disconnectDb();
  });
  return {
    get server() {
      if (!server) throw new Error("the OpenAI test server starts in beforeAll");
      return server;
    },
  };
}

export const runOf = (id: string) => db().run.findUniqueOrThrow({ where: { id } });

/** For waitFor: the run once it has ended (succeeded, failed or cancelled), else null. */
export const terminal = (id: string) => async () => {
  const r = await runOf(id);
  return ["succeeded", "failed", "cancelled"].includes(r.status) ? r : null;
};

