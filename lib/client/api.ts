// The one way the browser talks to the API: JSON in and out (the session cookie goes along), and
// every failure turned into an ApiError that carries the server's code, message and field issues.
import type { ApiErrorBody, Issue } from "@/lib/schemas/common";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[];
  readonly field?: string;
  readonly current?: unknown;

  constructor(status: number, code: string, message: string, extra: { issues?: Issue[]; field?: string; current?: unknown } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = extra.issues ?? [];
    this.field = extra.field;
    this.current = extra.current;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Turns a non-2xx response into an ApiError; bodies that are not our error shape still say what happened. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's HTML page, an empty body)
  }
  const err = (body as Partial<ApiErrorBody> | null)?.error;
  if (err && typeof err.message === "string") {
    return new ApiError(res.status, err.code ?? "error", err.message, { issues: err.issues, field: err.field, current: err.current });
  }
  return new ApiError(res.status, "http_error", `the server answered ${res.status} ${res.statusText}`.trim());
}

/**
 * On a share link's page (/share/TOKEN) the report components ask for /api/projects/… as usual; the
 * answers come from /api/share/TOKEN/projects/…, which serves only what the link names. Set once by
 * components/share/ReadOnly.tsx in the browser; that page is a full load of its own.
 */
let shareToken: string | null = null;
export function setShareScope(token: string | null): void {
  shareToken = token;
}
function scoped(path: string): string {
  return shareToken !== null && path.startsWith("/api/projects/") ? `/api/share/${encodeURIComponent(shareToken)}${path.slice(4)}` : path;
}

export async function apiFetch<T>(method: Method, rawPath: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const path = scoped(rawPath);
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "network", `could not reach the server (${e instanceof Error ? e.message : String(e)})`);
  }
  if (res.status === 401 && typeof window !== "undefined" && !/^\/(sign-in|setup|invite|share)\b/.test(window.location.pathname)) {
    // The session ended (expired, revoked, signed out elsewhere): sign in again, then come back.
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.replace(new URL(`/sign-in?next=${next}`, window.location.origin).href); // a full load: every cached query belonged to the old session
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiFetch<T>("GET", path, undefined, signal),
  post: <T>(path: string, body?: unknown) => apiFetch<T>("POST", path, body ?? {}),
  put: <T>(path: string, body: unknown) => apiFetch<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => apiFetch<T>("PATCH", path, body),
  delete: (path: string) => apiFetch<void>("DELETE", path),
};

/** "/api/projects/a%20b/examples?kind=no_tool" from parts and a query object (empty values dropped). */
export function apiPath(segments: readonly string[], query?: Record<string, string | number | boolean | undefined | null>): string {
  const path = "/api/" + segments.map(encodeURIComponent).join("/");
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** A message for any thrown value, for places that show one line. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
