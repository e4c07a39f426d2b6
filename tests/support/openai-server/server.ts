// A local stand-in for the OpenAI files + fine-tuning + chat completions API (node:http), for
// integration tests, the e2e run and benchmarks. Bearer auth, spec validation, a timed job simulation,
// scripted chat replies, test scripts and /_test/ control endpoints: see README.md. Test-only: product
// code (app/, lib/, workers/) must never import it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChatScript, JobRecord, Script, ServerOptions, TestState } from "./types";
import { TERMINAL } from "./types";
import { KINDS, Store, type Kind } from "./store";
import { tick } from "./simulate";
import { parseScript, scriptOfBody } from "./scripts";
import { getJob } from "./jobs";
import { parseJson, ROUTES, type Reply } from "./routes";
import { parseChatScript } from "./chat";
import { ApiError, badRequest, hash32, newId, sleep } from "./util";

function authError(header: string | undefined, key: string): ApiError | null {
  const given = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!given)
    return new ApiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    );
  if (given === key) return null;
  const masked = given.length > 8 ? `${given.slice(0, 3)}${"*".repeat(given.length - 7)}${given.slice(-4)}` : "*".repeat(given.length);
  return new ApiError(
    401,
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    null,
    "invalid_api_key",
  );
}

function send(res: ServerResponse, status: number, reply: Reply, headers: Record<string, string> = {}): void {
  const isJson = "json" in reply;
  const body = isJson ? JSON.stringify(reply.json) : reply.raw;
  res.on("error", () => undefined); // the client may be gone (crash tests kill it mid-request)
  res.writeHead(status, {
    "content-type": isJson ? "application/json" : "application/octet-stream",
    "content-length": String(Buffer.byteLength(body)),
    "x-request-id": newId("req_", 32),
    "openai-processing-ms": "1",
    ...headers,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface OpenAIServer {
  url: string;
  port: number;
  state(): TestState;
  reset(): void;
  /** Replaces the chat script (as POST /_test/chat does); throws on a malformed one. */
  setChat(script: ChatScript): void;
  /** Adds model names chat completions accept (as POST /_test/models does). */
  addModels(models: string[]): void;
  /** Moves a job (or every unfinished job) forward by `steps` ticks, or until it reaches `until`. */
  advance(jobId?: string, steps?: number, until?: string): JobRecord[];
  hold(kind: Kind, ms: number): void;
  close(): Promise<void>;
  store: Store;
}

export async function startOpenAIServer(opts: ServerOptions = {}): Promise<OpenAIServer> {
  const store = new Store(
    {
      key: opts.key ?? "sk-test",
      tickMs: opts.tickMs ?? 50,
      manual: opts.manual ?? false,
      script: opts.script ?? "",
      org: opts.org ?? "tooltune-test",
      retryAfterMs: opts.retryAfterMs ?? 20,
      errorNull: opts.errorNull ?? false,
    },
    parseChatScript(opts.chat), // throws on a malformed script, before anything listens
    opts.models ?? [],
  );

  const advance = (jobId?: string, steps = 1, until?: string): JobRecord[] => {
    const recs = jobId ? [getJob(store, jobId)] : [...store.jobs.values()];
    for (const rec of recs) {
      for (let i = 0; until ? i < 1_000_000 : i < steps; i++) {
        if (TERMINAL.has(rec.job.status) || rec.job.status === "paused" || (until && rec.job.status === until)) break;
        tick(rec, store);
      }
    }
    return recs;
  };

  async function control(method: string, path: string, req: IncomingMessage): Promise<Reply> {
    const body = method === "POST" ? await readBody(req) : Buffer.alloc(0);
    const input = (body.length ? parseJson(body) : {}) as {
      jobId?: string;
      steps?: number;
      until?: string;
      kind?: Kind;
      ms?: number;
      models?: unknown;
    };
    if (method === "GET" && path === "/_test/state") return { json: store.state() };
    if (method === "POST" && path === "/_test/reset") return (store.reset(), { json: { ok: true } });
    if (method === "POST" && path === "/_test/advance")
      return { json: { jobs: advance(input.jobId, input.steps ?? 1, input.until).map((r) => r.job) } };
    if (method === "POST" && path === "/_test/hold") {
      if (!input.kind || !KINDS.includes(input.kind)) throw badRequest(`Unknown kind '${input.kind}'. Kinds: ${KINDS.join(", ")}`, "kind");
      store.holds.set(input.kind, Number(input.ms ?? 0));
      return { json: { ok: true } };
    }
    if (method === "POST" && path === "/_test/chat") {
      try {
        store.chatScript = parseChatScript(body.length ? input : {});
      } catch (err) {
        throw badRequest(`Invalid chat script: ${(err as Error).message}`);
      }
      store.chatFails.clear();
      return { json: { ok: true } };
    }
    if (method === "POST" && path === "/_test/models") {
      if (!Array.isArray(input.models) || !input.models.every((m) => typeof m === "string" && m.length > 0))
        throw badRequest("'models' must be an array of model names", "models");
      for (const m of input.models as string[]) store.extraModels.add(m);
      return { json: { models: [...store.extraModels] } };
    }
    throw new ApiError(404, `Invalid URL (${method} ${path})`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://local");
    if (url.pathname.startsWith("/_test/")) return send(res, 200, await control(method, url.pathname, req));
    store.requests[`${method} ${url.pathname}`] = (store.requests[`${method} ${url.pathname}`] ?? 0) + 1;
    const body = await readBody(req); // read before any early answer, so an upload is never cut off
    const denied = url.pathname.startsWith("/v1/") ? authError(req.headers.authorization, store.config.key) : null;
    if (denied) throw denied;
    let match: RegExpExecArray | null = null;
    const route = ROUTES.find((r) => r.method === method && (match = r.pattern.exec(url.pathname)));
    if (!route || !match) throw new ApiError(404, `Invalid URL (${method} ${url.pathname})`);
    const id = decodeURIComponent((match as RegExpExecArray)[1] ?? "");
    let parsed: unknown;
    const json = () => (parsed ??= parseJson(body));
    // Which script applies: the job named in the path, the body of a create, or the server's. Chat
    // completions have their own (the chat script), so slow / rate_limit do not apply to them.
    let script: Script = route.kind === "chat.completions" ? {} : parseScript(store.config.script);
    let owner = "server";
    if (route.kind === "jobs.create") {
      script = scriptOfBody(safe(json), store.config.script);
      owner = `body:${hash32(body.toString("utf8"))}`;
    } else if (route.kind.startsWith("jobs.") && id) {
      script = store.jobs.get(id)?.script ?? script;
      owner = id;
    }
    const limitKey = `${owner}|${route.kind}`;
    const limited = store.rateLimited.get(limitKey) ?? 0;
    if (script.rateLimit !== undefined && limited < script.rateLimit) {
      store.rateLimited.set(limitKey, limited + 1);
      const ms = String(store.config.retryAfterMs);
      throw new ApiError(
        429,
        `Rate limit reached for requests (${route.kind}); scripted by the test server. Please try again in ${ms}ms.`,
        null,
        "rate_limit_exceeded",
        "requests",
        {
          "retry-after-ms": ms,
          "x-ratelimit-limit-requests": String(script.rateLimit),
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": `${ms}ms`,
        },
      );
    }
    const reply = await route.run({ store, id, query: url.searchParams, body, json, contentType: req.headers["content-type"] });
    const held = store.holds.get(route.kind);
    store.holds.delete(route.kind);
    const delay = (script.slowMs ?? 0) + (held ?? 0);
    if (delay > 0) await sleep(delay);
    send(res, 200, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const e = err instanceof ApiError ? err : new ApiError(500, `Internal test server error: ${String(err)}`, null, null, "server_error");
      send(res, e.status, { json: e.body() }, e.headers);
    });
  });
  const timer = store.config.manual
    ? null
    : setInterval(() => {
        for (const rec of store.jobs.values()) if (!TERMINAL.has(rec.job.status)) tick(rec, store);
      }, store.config.tickMs);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    port,
    state: () => store.state(),
    reset: () => store.reset(),
    setChat: (script) => {
      store.chatScript = parseChatScript(script);
      store.chatFails.clear();
    },
    addModels: (models) => models.forEach((m) => store.extraModels.add(m)),
    advance,
    hold: (kind, ms) => void store.holds.set(kind, ms),
    store,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function safe(f: () => unknown): unknown {
  try {
    return f();
  } catch {
    return null;
  }
}
