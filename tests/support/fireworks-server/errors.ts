// Errors in Fireworks' two shapes.
// - Control plane (api.fireworks.ai/v1/accounts/...), a gRPC gateway: `{ code: <google.rpc code number>,
//   message, details: [] }` with the HTTP status of the code's documented mapping (gatewayCode in the API
//   reference: INVALID_ARGUMENT 400, NOT_FOUND 404, ALREADY_EXISTS 409, FAILED_PRECONDITION 400, ...).
//   A numeric top-level `code` is what Kiln's Fireworks adapter reads (`response.json().get("code") == 9`).
// - Inference (api.fireworks.ai/inference/v1/...): `{ error: { message, type, param, code }, request_id }`,
//   as recorded for an unknown model (404, code "NOT_FOUND", type "error", param "model").
import { randomUUID } from "node:crypto";
import type { StatusCode } from "./types";

/** google.rpc.Code numbers and the HTTP status the API reference maps each to. */
export const CODES: Record<StatusCode, { number: number; http: number }> = {
  OK: { number: 0, http: 200 },
  CANCELLED: { number: 1, http: 499 },
  UNKNOWN: { number: 2, http: 500 },
  INVALID_ARGUMENT: { number: 3, http: 400 },
  DEADLINE_EXCEEDED: { number: 4, http: 504 },
  NOT_FOUND: { number: 5, http: 404 },
  ALREADY_EXISTS: { number: 6, http: 409 },
  PERMISSION_DENIED: { number: 7, http: 403 },
  UNAUTHENTICATED: { number: 16, http: 401 },
  RESOURCE_EXHAUSTED: { number: 8, http: 429 },
  FAILED_PRECONDITION: { number: 9, http: 400 },
  ABORTED: { number: 10, http: 409 },
  OUT_OF_RANGE: { number: 11, http: 400 },
  UNIMPLEMENTED: { number: 12, http: 501 },
  INTERNAL: { number: 13, http: 500 },
  UNAVAILABLE: { number: 14, http: 503 },
  DATA_LOSS: { number: 15, http: 500 },
};

/** Any error this server answers with: a status, a JSON body and extra headers. */
export abstract class HttpError extends Error {
  abstract readonly status: number;
  headers: Record<string, string> = {};
  abstract body(): unknown;
}

/** A control-plane error: `{ code, message, details: [] }`. */
export class GrpcError extends HttpError {
  readonly status: number;
  constructor(
    readonly code: StatusCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = CODES[code].http;
    this.headers = headers;
  }
  body() {
    return { code: CODES[this.code].number, message: this.message, details: [] };
  }
}

export const invalid = (message: string) => new GrpcError("INVALID_ARGUMENT", message);
export const notFound = (message: string) => new GrpcError("NOT_FOUND", message);
export const precondition = (message: string) => new GrpcError("FAILED_PRECONDITION", message);

/** An inference error: `{ error: { message, type: "error", param, code }, request_id }`. */
export class InferenceError extends HttpError {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly param: string | null = null,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.headers = headers;
  }
  body() {
    return { error: { message: this.message, type: "error", param: this.param, code: this.code }, request_id: randomUUID() };
  }
}

/** A GCS-style error of a signed URL (plain text here; the real store answers XML). */
export class SignedUrlError extends HttpError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
  body() {
    return { error: { code: this.status, message: this.message } };
  }
}
