// The thin transport layer shared by every route handler: body parsing with limits, the author
// header, zod validation, and error -> HTTP mapping. Route files stay a few lines each.
import { z } from "zod";
import { authorNameSchema, zodIssues, type ApiErrorBody } from "../schemas/common";
import { AppError, STATUS, invalid } from "./errors";
import { resolveAuthor } from "./authors";

export const MAX_BODY_BYTES = 2 * 1024 * 1024;
export const AUTHOR_HEADER = "x-tooltune-author";

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
  console.error("[api] unexpected error", e);
  const message = e instanceof Error ? e.message : String(e);
  return json({ error: { code: "internal", message: `internal error: ${message}` } }, 500);
}

type Ctx<P> = { params: Promise<P> };

/** Wraps a handler so that every thrown error becomes a JSON error response. */
export function route<P = Record<string, never>>(handler: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      return await handler(req, await ctx.params);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw tooLarge();
  if (text.trim() === "") throw new AppError("invalid_json", "request body is empty; expected JSON");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid_json", `request body is not valid JSON: ${(e as Error).message}`);
  }
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

/** The author of a write: the display name the browser sends (sign-in comes later). Returns the user id. */
export async function requireAuthor(req: Request): Promise<string> {
  const raw = req.headers.get(AUTHOR_HEADER);
  if (raw === null || raw.trim() === "") {
    throw new AppError("author_required", `set your display name first (the ${AUTHOR_HEADER} header is missing)`, { field: AUTHOR_HEADER });
  }
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new AppError("bad_request", `the ${AUTHOR_HEADER} header is not valid URI-encoded text`, { field: AUTHOR_HEADER });
  }
  const r = authorNameSchema.safeParse(name);
  if (!r.success) throw invalid(zodIssues(r.error), AUTHOR_HEADER);
  return resolveAuthor(r.data);
}
