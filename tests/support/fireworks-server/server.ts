// A local stand-in for the Fireworks AI datasets + supervised fine-tuning + chat completions API
// (node:http), for tests of ToolTune's Fireworks backend. Bearer auth, request validation, a timed job
// simulation, scripted chat replies, failure scripts and /_test/ control endpoints: see README.md.
// Test-only: product code (app/, lib/, workers/, components/, cli/) must never import it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseChatScript } from "../openai-server/chat";
import type { ChatScript } from "../openai-server/types";
import { hash32, sleep } from "../openai-server/util";
import { isObject } from "./body";
import { GrpcError, HttpError, InferenceError } from "./errors";
import { ROUTES, type Route } from "./routes";
import { parseScript, scriptOfCreate } from "./scripts";
import { tick } from "./simulate";
import { KINDS, Store, type Kind } from "./store";
import type { JobRecord, JobState, Script, ServerOptions, TestState } from "./types";
import { TERMINAL } from "./types";

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = typeof payload === "string";
  const body = text ? payload : JSON.stringify(payload);
  res.on("error", () => undefined); // the client may be gone
  res.writeHead(status, {
    "content-type": text ? "application/jsonl" : "application/json",
    "content-length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
}

export interface FireworksServer {
  /** The origin (`http://127.0.0.1:PORT`): the control plane is `${url}/v1`, inference `${url}/inference/v1`. */
  url: string;
  port: number;
  state(): TestState;
  reset(): void;
  /** Moves a job (or every unfinished job) by `steps` ticks, or until it reaches the state `until`. Takes a job id or name. */
  advance(job?: string, steps?: number, until?: JobState): JobRecord[];
  /** Delays the next response of one request kind by `ms`. */
  hold(kind: Kind, ms: number): void;
  /** Replaces the chat script (as POST /_test/chat does); throws on a malformed one. */
  setChat(script: ChatScript): void;
  /** Adds model names chat completions accept. */
  addModels(models: string[]): void;
  close(): Promise<void>;
  store: Store;
}

export async function startFireworksServer(opts: ServerOptions = {}): Promise<FireworksServer> {
  const store = new Store(
    {
      key: opts.key ?? "fireworks-test-key",
      account: opts.account ?? "tooltune-test",
      tickMs: opts.tickMs ?? 50,
      manual: opts.manual ?? false,
      script: opts.script ?? "",
      retryAfterSeconds: opts.retryAfterSeconds ?? 1,
      minExamples: opts.minExamples ?? 3,
      maxUploadBytes: opts.maxUploadBytes ?? 150 * 1024 * 1024,
      requireDeployment: opts.requireDeployment ?? false,
    },
    parseChatScript(opts.chat), // throws on a malformed script, before anything listens
    opts.models ?? [],
  );

  const tickAll = () => {
    for (const rec of [...store.jobs.values()]) if (!TERMINAL.has(rec.job.state)) tick(rec, store);
  };

  const findJob = (ref: string): JobRecord => {
    const rec = store.jobs.get(ref.split("/").pop() ?? ref);
    if (!rec) throw new GrpcError("NOT_FOUND", `SupervisedFineTuningJob ${ref} not found`);
    return rec;
  };

  const advance = (job?: string, steps = 1, until?: JobState): JobRecord[] => {
    const recs = job ? [findJob(job)] : [...store.jobs.values()];
    for (const rec of recs)
      for (let i = 0; until ? i < 1_000_000 : i < steps; i++) {
        if (TERMINAL.has(rec.job.state) || (until && rec.job.state === until) || !store.jobs.has(rec.id)) break;
        tick(rec, store);
      }
    return recs;
  };

  async function control(method: string, path: string, req: IncomingMessage): Promise<unknown> {
    const body = method === "POST" ? await readBody(req) : Buffer.alloc(0);
    const parsed = body.length ? json(body) : {};
    if (!isObject(parsed)) throw new GrpcError("INVALID_ARGUMENT", "the control request body must be a JSON object");
    const input = parsed as { job?: string; jobId?: string; steps?: number; until?: JobState; kind?: Kind; ms?: number; models?: unknown };
    if (method === "GET" && path === "/_test/state") return store.state();
    if (method === "POST" && path === "/_test/reset") return (store.reset(), { ok: true });
    if (method === "POST" && path === "/_test/advance")
      return {
        jobs: advance(input.job ?? input.jobId, input.steps ?? 1, input.until).map((r) => ({ name: r.job.name, state: r.job.state })),
      };
    if (method === "POST" && path === "/_test/hold") {
      if (!input.kind || !KINDS.includes(input.kind))
        throw new GrpcError("INVALID_ARGUMENT", `Unknown kind '${input.kind}'. Kinds: ${KINDS.join(", ")}`);
      store.holds.set(input.kind, Number(input.ms ?? 0));
      return { ok: true };
    }
    if (method === "POST" && path === "/_test/chat") {
      try {
        store.chatScript = parseChatScript(parsed);
      } catch (err) {
        throw new GrpcError("INVALID_ARGUMENT", `Invalid chat script: ${(err as Error).message}`);
      }
      store.chatFails.clear();
      return { ok: true };
    }
    if (method === "POST" && path === "/_test/models") {
      if (!Array.isArray(input.models) || !input.models.every((m) => typeof m === "string" && m.length > 0))
        throw new GrpcError("INVALID_ARGUMENT", "'models' must be an array of model names");
      for (const m of input.models as string[]) store.extraModels.add(m);
      return { models: [...store.extraModels] };
    }
    throw new GrpcError("NOT_FOUND", `Not Found: ${method} ${path}`);
  }

  /** The scripted 429 or 500 for the K first requests of a kind, counted per owner (a job, a create body, or the server). */
  function scripted(script: Script, owner: string, kind: Kind, plane: Route["plane"]): HttpError | null {
    for (const [count, status] of [
      [script.rateLimit, 429],
      [script.serverError, 500],
    ] as const) {
      if (count === undefined) continue;
      const slot = `${owner}|${kind}|${status}`;
      const used = store.scripted.get(slot) ?? 0;
      if (used >= count) continue;
      store.scripted.set(slot, used + 1);
      const headers = { "retry-after": String(store.config.retryAfterSeconds) };
      if (plane === "inference")
        return status === 429
          ? new InferenceError(429, "Request rate limit exceeded (scripted by the test server).", "RESOURCE_EXHAUSTED", null, headers)
          : new InferenceError(500, "Internal server error (scripted by the test server).", "INTERNAL");
      return status === 429
        ? new GrpcError(
            "RESOURCE_EXHAUSTED",
            `rate limit exceeded for ${kind} (scripted by the test server); retry after ${store.config.retryAfterSeconds} second(s)`,
            headers,
          )
        : new GrpcError("INTERNAL", "internal error (scripted by the test server)");
    }
    return null;
  }

  function authorized(header: string | undefined): boolean {
    const given = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    return given === store.config.key;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://local");
    let path: string;
    try {
      path = decodeURIComponent(url.pathname); // a client may send `:upload` as `%3Aupload`
    } catch {
      path = url.pathname;
    }
    if (path.startsWith("/_test/")) return send(res, 200, await control(method, path, req));
    const name = `${method} ${url.pathname}`;
    store.requests[name] = (store.requests[name] ?? 0) + 1;
    const body = await readBody(req); // read before any early answer, so an upload is never cut off
    const plane = path.startsWith("/inference/") ? "inference" : path.startsWith("/signed/") ? "signed" : "control";
    if (plane !== "signed" && !authorized(req.headers.authorization))
      throw plane === "inference"
        ? new InferenceError(401, "The API key you provided is invalid.", "UNAUTHORIZED")
        : new GrpcError("UNAUTHENTICATED", "unauthenticated: the API key is missing or invalid");
    let match: RegExpExecArray | null = null;
    const route = ROUTES.find((r) => r.method === method && (match = r.pattern.exec(path)));
    if (!route || !match) {
      if (plane === "inference") throw new InferenceError(404, `Not Found: ${method} ${url.pathname}`, "NOT_FOUND");
      throw new GrpcError("NOT_FOUND", "Not Found");
    }
    const groups = (match as RegExpExecArray).slice(1);
    const account = route.plane === "inference" ? store.config.account : (groups[0] ?? "");
    const id = groups[1] ?? "";
    if (route.plane === "control" && account !== store.config.account && !(route.publicRead && account === "fireworks"))
      throw new GrpcError("PERMISSION_DENIED", `permission denied on account ${account}`);

    // Which script applies: the job named in the path, the create body's names, or the server's.
    // Chat completions have their own (the chat script); signed URLs are never scripted.
    let script: Script = route.plane === "control" ? parseScript(store.config.script) : {};
    let owner = "server";
    if (route.kind === "jobs.create") {
      const queryId = url.searchParams.get("supervisedFineTuningJobId");
      script = scriptOfCreate(store.config.script, json(body), queryId);
      owner = `create:${queryId ?? hash32(body.toString("utf8"))}`;
    } else if (route.kind.startsWith("jobs.") && id) {
      script = store.jobs.get(id)?.script ?? script;
      owner = id;
    }
    const failure = scripted(script, owner, route.kind, route.plane);
    if (failure) throw failure;
    const reply = await route.run({
      store,
      account,
      id,
      file: groups[2] ?? "",
      query: url.searchParams,
      body,
      contentType: req.headers["content-type"],
    });
    const held = store.holds.get(route.kind);
    store.holds.delete(route.kind);
    const delay = (script.slowMs ?? 0) + (held ?? 0);
    if (delay > 0) await sleep(delay);
    send(res, 200, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const e = err instanceof HttpError ? err : new GrpcError("INTERNAL", `internal test server error: ${String(err)}`);
      send(res, e.status, e.body(), e.headers);
    });
  });
  const timer = store.config.manual ? null : setInterval(tickAll, store.config.tickMs);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host ?? "127.0.0.1"}:${port}`;
  store.origin = url;
  return {
    url,
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
