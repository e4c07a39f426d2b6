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
    try {
      const who = await principalFrom(req.headers);
      if (access !== "public") authorize(who, access);
      const params = await ctx.params;
      // PostgreSQL text cannot hold NUL: an id or query value with one is bad input, not a 500.
      for (const [key, value] of [...Object.entries(params ?? {}), ...new URL(req.url).searchParams]) {
        if (typeof value === "string" && value.includes("\u0000")) throw new AppError("bad_request", `${key} contains a NUL character`, { field: key });
      }
      return await (handler as Handler<P, Principal | null>)(req, params, who);
    } catch (e) {
      return errorResponse(e);
    }
  };
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
