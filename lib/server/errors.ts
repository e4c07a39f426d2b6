// Errors with stable codes; lib/server/http.ts maps them to HTTP status in one place.
import type { Issue } from "../schemas/common";

export type ErrorCode =
  | "bad_request"
  | "invalid_json"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "queue_unavailable"
  | "job_failed";

export const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  queue_unavailable: 503,
  job_failed: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { field?: string; issues?: Issue[]; current?: unknown } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError("not_found", `${what} "${id}" does not exist`);
}

/** A 422 naming the first offending field, with every issue attached. */
export function invalid(issues: Issue[], prefix = ""): AppError {
  const withPrefix = issues.map((i) => ({ ...i, path: prefix && i.path ? `${prefix}.${i.path}` : prefix || i.path }));
  const first = withPrefix[0];
  const where = first?.path ? `${first.path}: ` : "";
  const more = withPrefix.length > 1 ? ` (and ${withPrefix.length - 1} more)` : "";
  return new AppError("validation_failed", `${where}${first?.message ?? "invalid input"}${more}`, {
    field: first?.path || undefined,
    issues: withPrefix,
  });
}
