// The thin transport layer shared by every route handler: who is asking and whether their role may
// (route's first argument), body parsing with limits, zod validation, and error -> HTTP mapping.
// Route files stay a few lines each.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { redactSecrets } from "../redact";
import type { Action } from "../schemas/auth";
import { zodIssues, type ApiErrorBody } from "../schemas/common";
import { AppError, STATUS, invalid } from "./errors";
import { authorize, principalFrom, type Principal } from "./auth/principal";
import { withAuditNote, type AuditNote } from "./audit/context";
import { recordAudit } from "./audit/record";

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function errorResponse(e: unknown): Response {
  if (e instanceof z.ZodError) return errorResponse(invalid(zodIssues(e)));
  if (e instanceof AppError) {
    const body: ApiErrorBody = { error: { code: e.code, message: e.message, ...e.extra } };
    return json(body, STATUS[e.code]);
  }
  const race = uniqueViolation(e);
  if (race) return errorResponse(race);
  // Anything else is our bug: the detail goes to the server log under an id the user can quote,
  // never into the response (it can hold SQL, paths or URLs).
  const requestId = randomUUID().slice(0, 8);
  console.error(`[api] unexpected error, request id ${requestId}:`, e instanceof Error ? redactSecrets(e.stack ?? e.message) : redactSecrets(String(e)));
  const body: ApiErrorBody = { error: { code: "internal", message: `something went wrong on the server; the log has the detail under request id ${requestId}`, requestId } };
  return json(body, 500);
}

/**
 * A unique-constraint error (two requests creating the same name at once) is a conflict, not a bug.
 * Prisma reports it as P2002 with the columns in meta.target (its shape differs between adapters).
 */
function uniqueViolation(e: unknown): AppError | null {
  const err = e as { code?: unknown; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } } | null;
  if (!err || typeof err !== "object" || err.code !== "P2002") return null;
  const raw = err.meta?.target ?? err.meta?.driverAdapterError?.cause?.constraint?.fields;
  const fields = (Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : []).filter((f) => f !== "projectId");
  const what = fields.length > 0 ? fields.join(", ") : "these values";
  return new AppError("conflict", `something with the same ${what} was saved a moment ago; reload and try another ${what}`, fields.length === 1 ? { field: fields[0] } : {});
}

type Ctx<P> = { params: Promise<P> };
type Handler<P, W> = (req: Request, params: P, who: W) => Promise<Response>;

/**
 * Wraps a handler: checks that the caller may take `access` (401 without a session, 403 when the
 * role lacks it; lib/schemas/auth.ts ACTIONS) before anything else, then turns every thrown error
 * into a JSON error response. The handler gets the principal: the author of its writes. "public"
 * routes (health, sign-in) let anyone in and get the principal when there is one.
 */
export function route<P = Record<string, never>>(access: Action, handler: Handler<P, Principal>): (req: Request, ctx: Ctx<P>) => Promise<Response>;
export function route<P = Record<string, never>>(access: "public", handler: Handler<P, Principal | null>): (req: Request, ctx: Ctx<P>) => Promise<Response>;
export function route<P>(access: Action | "public", handler: Handler<P, Principal> | Handler<P, Principal | null>) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    const note: AuditNote = {};
    let who: Principal | null = null;
    let params: P | undefined;
    let res: Response;
    try {
      who = await principalFrom(req.headers);
      if (access !== "public") authorize(who, access);
      params = await ctx.params;
      // PostgreSQL text cannot hold NUL: an id or query value with one is bad input, not a 500.
      for (const [key, value] of [...Object.entries(params ?? {}), ...new URL(req.url).searchParams]) {
        if (typeof value === "string" && value.includes("\u0000")) throw new AppError("bad_request", `${key} contains a NUL character`, { field: key });
      }
      const p = params;
      res = await withAuditNote(note, () => (handler as Handler<P, Principal | null>)(req, p as P, who));
    } catch (e) {
      res = errorResponse(e);
    }
    await auditRoute(access, req, (params ?? (await ctx.params.catch(() => ({})))) as Record<string, unknown>, who, res, note);
    return res;
  };
}

/**
 * The audit event of one API request (lib/server/audit/): every write (any method but GET/HEAD)
 * of a gated route, whatever its outcome, and every 403 and every refused API token on a read.
 * Public routes record only what their handler notes (sign-in has Better Auth hooks of its own).
 */
async function auditRoute(access: Action | "public", req: Request, params: Record<string, unknown>, who: Principal | null, res: Response, note: AuditNote): Promise<void> {
  const write = req.method !== "GET" && req.method !== "HEAD";
  const denied = res.status === 401 || res.status === 403;
  const record =
    access === "public" ? note.action !== undefined || Object.keys(note).length > 0 : write || res.status === 403 || (res.status === 401 && req.headers.has("authorization"));
  if (!record) return;
  const ids = Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string");
  let path = new URL(req.url).pathname.replace(/^\/api/, "");
  for (const [k, v] of ids) path = path.replace(`/${encodeURIComponent(v)}`, `/[${k}]`);
  const projectId = note.projectId ?? ids.find(([k]) => k === "projectId")?.[1] ?? null;
  const last = ids.filter(([k]) => k !== "projectId").at(-1) ?? (projectId ? ["projectId", projectId] : undefined);
  // A POST to a collection ("/projects/[projectId]/runs") made something: its answer names it.
  const made = !note.target && req.method === "POST" && res.ok && /\/[a-z-]+s$/.test(path) ? await madeTarget(res, path) : null;
  const target = note.target ?? made ?? (last ? { type: last[0].replace(/Id$/, ""), id: last[1] } : null);
  const project = projectId ?? (made?.type === "project" ? (made.id ?? null) : null);
  const detail: Record<string, unknown> = { route: `${req.method} ${path}`, status: res.status, ...note.detail };
  if (!res.ok) detail.error = await errorMessage(res);
  await recordAudit({
    action: note.action ?? access,
    actor: note.actor !== undefined ? note.actor : who,
    outcome: denied ? "denied" : res.ok ? "ok" : "failed",
    target,
    projectId: project,
    request: req,
    detail,
  });
}

/** What a POST without ids made: the id and name in its JSON answer ("/projects" → project). */
async function madeTarget(res: Response, path: string): Promise<AuditNote["target"]> {
  if (!res.headers.get("content-type")?.includes("json")) return null;
  const body = (await res.clone().json().catch(() => null)) as { id?: unknown; name?: unknown; email?: unknown } | null;
  if (!body || typeof body.id !== "string") return null;
  const type = path.split("/").filter(Boolean).at(-1)?.replace(/s$/, "") ?? "item";
  const label = typeof body.name === "string" ? body.name : typeof body.email === "string" ? body.email : null;
  return { type, id: body.id, label };
}

async function errorMessage(res: Response): Promise<string | null> {
  const body = (await res.clone().json().catch(() => null)) as ApiErrorBody | null;
  const m = body?.error?.message;
  return typeof m === "string" ? m.slice(0, 300) : null;
}

export async function readJson(req: Request): Promise<unknown> {
  const declared = req.headers.get("content-length");
  if (declared !== null && !/^\d+$/.test(declared.trim())) throw new AppError("bad_request", "the Content-Length header is not a number");
  if (Number(declared ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(req, MAX_BODY_BYTES);
  if (text.trim() === "") throw new AppError("invalid_json", "request body is empty; expected JSON");
  if (text.includes("\u0000") || text.includes("\\u0000")) throw new AppError("bad_request", "the request body contains a NUL character (\\u0000), which text fields cannot hold");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid_json", `request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** Reads a body as UTF-8, counting bytes as they stream in and stopping at the limit (a chunked body has no length to check first). */
async function readLimited(req: Request, limit: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge() {
  return new AppError("payload_too_large", `request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
}

export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJson(req));
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(zodIssues(r.error));
  return r.data;
}

export function searchParams(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) if (v !== "") out[k] = v;
  return out;
}

export { authorize };
