// Small helpers every reader shares: a thrown FormatError carries a kind and a located reason, and
// `attempt` turns it into a RecordResult, so readers can bail out from deep inside a record.
import type { ParsedRecord, RecordResult } from "./types";

export type Json = Record<string, unknown>;

export class FormatError extends Error {
  constructor(
    readonly kind: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "FormatError";
  }
}

export function fail(kind: string, reason: string): never {
  throw new FormatError(kind, reason);
}

/** Runs a reader; a FormatError becomes a RecordError on `line`, anything else is a bug and is rethrown. */
export function attempt(line: number, read: () => Omit<ParsedRecord, "line">): RecordResult {
  try {
    return { ok: true, value: { line, ...read() } };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, error: { line, kind: e.kind, reason: e.reason } };
    throw e;
  }
}

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** "a string", "an array", "null", ... for messages about what a field held instead. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  const t = typeof v;
  return t === "object" ? "an object" : t === "undefined" ? "missing" : `a ${t}`;
}

/** The record itself must be a JSON object. */
export function expectRecord(record: unknown): Json {
  if (!isObject(record)) fail("unknown_shape", `the record is ${describe(record)}, not a JSON object`);
  return record;
}

export function tryJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Thrown by writers for an example that cannot be written (an unlabelled turn). */
export class FormatWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormatWriteError";
  }
}
