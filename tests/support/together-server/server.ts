// A local stand-in for the Together AI files + fine-tuning + chat completions API (node:http), for
// tests of ToolTune's Together backend. Bearer auth, request validation, a timed job simulation,
// scripted chat replies, failure scripts and /_test/ control endpoints: see README.md. Test-only:
// product code (app/, lib/, workers/, components/, cli/) must never import it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseChatScript } from "../openai-server/chat";
import type { ChatScript } from "../openai-server/types";
import { ApiError, badRequest, hash32, sleep } from "../openai-server/util";
import { KINDS, Store, type Kind } from "./store";
import { tick } from "./simulate";
import { parseScript, scriptOfBody } from "./scripts";
import { getJob } from "./jobs";
import { parseJson, ROUTES } from "./routes";
import type { JobRecord, Script, ServerOptions, TestState } from "./types";
import { FINISHED } from "./types";

// The wording Together answers a bad key with (recorded in maruel/genai providers/togetherai/client_test.go).
const BAD_KEY = "Invalid API key provided. You can find your API key at https://api.together.ai/settings/api-keys.";

function authError(header: string | undefined, key: string): ApiError | null {
  const given = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return given === key ? null : new ApiError(401, BAD_KEY, null, "invalid_api_key");
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(json);
  res.on("error", () => undefined); // the client may be gone
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface TogetherServer {
  /** The origin (`http://127.0.0.1:PORT`); the API lives under `${url}/v1`. */
  url: string;
  port: number;
  state(): TestState;
  reset(): void;
  /** Moves a job (or every unfinished job, and every pending file) by `steps` ticks, or until it reaches `until`. */
  advance(jobId?: string, steps?: number, until?: string): JobRecord[];
  /** Delays the next response of one request kind by `ms`. */
  hold(kind: Kind, ms: number): void;
  /** Replaces the chat script (as POST /_test/chat does); throws on a malformed one. */
  setChat(script: ChatScript): void;
  /** Adds model names chat completions accept. */
  addModels(models: string[]): void;
  close(): Promise<void>;
  store: Store;
}

export async function startTogetherServer(opts: ServerOptions = {}): Promise<TogetherServer> {
  const store = new Store(
    {
      key: opts.key ?? "together-test-key",
      tickMs: opts.tickMs ?? 50,
      manual: opts.manual ?? false,
      script: opts.script ?? "",
      account: opts.account ?? "tooltune-test",
      retryAfterSeconds: opts.retryAfterSeconds ?? 1,
      minExamples: opts.minExamples ?? 1,
      listOrder: opts.listOrder ?? "oldest-first",
    },
    parseChatScript(opts.chat), // throws on a malformed script, before anything listens
    opts.models ?? [],
  );

  const settleFiles = () => {
    for (const file of store.files.values()) store.settleFile(file);
  };
  const tickAll = () => {
    settleFiles();
    for (const rec of store.jobs.values()) if (!FINISHED.has(rec.job.status)) tick(rec, store);
  };

  const advance = (jobId?: string, steps = 1, until?: string): JobRecord[] => {
    const recs = jobId ? [getJob(store, jobId)] : [...store.jobs.values()];
    if (!jobId) settleFiles();
    for (const rec of recs) {
      for (const id of [rec.job.training_file, rec.job.validation_file]) {
        const file = id ? store.files.get(id) : undefined;
        if (file) store.settleFile(file);
      }
      for (let i = 0; until ? i < 1_000_000 : i < steps; i++) {
        if (FINISHED.has(rec.job.status) || (until && rec.job.status === until)) break;
        tick(rec, store);
      }
    }
    return recs;
  };

  async function control(method: string, path: string, req: IncomingMessage): Promise<unknown> {
    const body = method === "POST" ? await readBody(req) : Buffer.alloc(0);
    const input = (body.length ? parseJson(body) : {}) as {
      jobId?: string;
      steps?: number;
      until?: string;
      kind?: Kind;
      ms?: number;
      models?: unknown;
    };
    if (method === "GET" && path === "/_test/state") return store.state();
    if (method === "POST" && path === "/_test/reset") return (store.reset(), { ok: true });
    if (method === "POST" && path === "/_test/advance")
      return { jobs: advance(input.jobId, input.steps ?? 1, input.until).map((r) => ({ id: r.job.id, status: r.job.status })) };
    if (method === "POST" && path === "/_test/hold") {
      if (!input.kind || !KINDS.includes(input.kind)) throw badRequest(`Unknown kind '${input.kind}'. Kinds: ${KINDS.join(", ")}`, "kind");
      store.holds.set(input.kind, Number(input.ms ?? 0));
      return { ok: true };
    }
    if (method === "POST" && path === "/_test/chat") {
      try {
        store.chatScript = parseChatScript(body.length ? input : {});
      } catch (err) {
        throw badRequest(`Invalid chat script: ${(err as Error).message}`);
      }
      store.chatFails.clear();
      return { ok: true };
    }
    if (method === "POST" && path === "/_test/models") {
      if (!Array.isArray(input.models) || !input.models.every((m) => typeof m === "string" && m.length > 0))
        throw badRequest("'models' must be an array of model names", "models");
      for (const m of input.models as string[]) store.extraModels.add(m);
      return { models: [...store.extraModels] };
    }
    throw new ApiError(404, `Invalid URL (${method} ${path})`);
  }

  /** Answers the first K requests of a kind with the scripted 429 or 500, counted per job / create body. */
  function scripted(script: Script, key: string, kind: Kind): ApiError | null {
    for (const [count, status] of [
      [script.rateLimit, 429],
      [script.serverError, 500],
    ] as const) {
      if (count === undefined) continue;
      const slot = `${key}|${kind}|${status}`;
      const used = store.scripted.get(slot) ?? 0;
      if (used >= count) continue;
      store.scripted.set(slot, used + 1);
      if (status === 500) return new ApiError(500, "Internal server error (scripted by the test server).", null, null, "server_error");
      return new ApiError(
        429,
        `Rate limit exceeded for ${kind} (scripted by the test server). Please retry after ${store.config.retryAfterSeconds} second(s).`,
        null,
        "rate_limit_exceeded",
        "rate_limit_exceeded",
        { "retry-after": String(store.config.retryAfterSeconds) },
      );
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://local");
    if (url.pathname.startsWith("/_test/")) return send(res, 200, await control(method, url.pathname, req));
    const name = `${method} ${url.pathname}`;
    store.requests[name] = (store.requests[name] ?? 0) + 1;
    const body = await readBody(req); // read before any early answer, so an upload is never cut off
    const denied = url.pathname.startsWith("/v1/") ? authError(req.headers.authorization, store.config.key) : null;
    if (denied) throw denied;
    let match: RegExpExecArray | null = null;
    const route = ROUTES.find((r) => r.method === method && (match = r.pattern.exec(url.pathname)));
    if (!route || !match) throw new ApiError(404, `Invalid URL (${method} ${url.pathname})`, null, "not_found");
    const id = decodeURIComponent((match as RegExpExecArray)[1] ?? "");
    let parsed: unknown;
    const json = () => (parsed ??= parseJson(body));
    // Which script applies: the job named in the path, the suffix of a create body, or the server's.
    // Chat completions have their own (the chat script).
    let script: Script = route.kind === "chat.completions" ? {} : parseScript(store.config.script);
    let owner = "server";
    if (route.kind === "jobs.create") {
      script = scriptOfBody(safe(json), store.config.script);
      owner = `body:${hash32(body.toString("utf8"))}`;
    } else if (route.kind.startsWith("jobs.") && id) {
      script = store.jobs.get(id)?.script ?? script;
      owner = id;
    }
    const failure = scripted(script, owner, route.kind);
    if (failure) throw failure;
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
      send(res, e.status, e.body(), e.headers);
    });
  });
  const timer = store.config.manual ? null : setInterval(tickAll, store.config.tickMs);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    port,
    state: () => store.state(),
    reset: () => store.reset(),
    advance,
    hold: (kind, ms) => void store.holds.set(kind, ms),
    setChat: (script) => {
      store.chatScript = parseChatScript(script);
      store.chatFails.clear();
    },
    addModels: (models) => models.forEach((m) => store.extraModels.add(m)),
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
