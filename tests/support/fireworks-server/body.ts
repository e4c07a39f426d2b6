// Request bodies of the control plane, read the way a gRPC gateway's protojson would: JSON objects whose
// fields are checked by type (an int32 field refuses 2.5 or "x"; an int64 may be a number or a decimal
// string; an enum must be one of its names). Output-only fields (name, state, createTime, ...) are ignored,
// as AIP-203 says of OUTPUT_ONLY fields. Unknown fields are refused: a protojson default would refuse them
// too, though a gateway can be set to discard them; this server refuses so a client cannot send a misspelt
// field (learning_rate for learningRate) that Fireworks might silently drop. Wording follows protojson's
// ("proto: (line 1:2): unknown field \"x\""), with the position of the field in the raw body.
import { invalid } from "./errors";

export type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** The body as JSON ({} when empty); a syntax error is a 400. */
export function parseBody(body: Buffer): Obj {
  const text = body.toString("utf8");
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw invalid(`proto: syntax error: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) throw invalid("proto: syntax error (line 1:1): the request body must be a JSON object");
  return parsed;
}

/** "line L:C" of the first `"key"` in `raw` (1-based), as protojson reports positions. */
function position(raw: string, key: string): string {
  const at = raw.indexOf(`"${key}"`);
  if (at < 0) return "line 1:1";
  const before = raw.slice(0, at);
  const line = before.split("\n").length;
  const col = at - before.lastIndexOf("\n");
  return `line ${line}:${col}`;
}

export class Reader {
  constructor(
    readonly raw: string,
    readonly obj: Obj,
    readonly where = "",
  ) {}

  private bad(key: string, what: string): never {
    throw invalid(
      `proto: (${position(this.raw, key)}): invalid value for ${what} field ${this.where}${key}: ${JSON.stringify(this.obj[key])}`,
    );
  }

  /** Refuses fields outside `allowed` (and outside `outputOnly`, which are dropped). */
  only(allowed: readonly string[], outputOnly: readonly string[] = []): void {
    for (const key of Object.keys(this.obj)) {
      if (allowed.includes(key)) continue;
      if (outputOnly.includes(key)) {
        delete this.obj[key];
        continue;
      }
      throw invalid(`proto: (${position(this.raw, key)}): unknown field "${this.where}${key}"`);
    }
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  string(key: string): string | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") this.bad(key, "string");
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") this.bad(key, "bool");
    return v;
  }

  int32(key: string): number | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n) || n > 2147483647 || n < -2147483648) this.bad(key, "int32");
    return n;
  }

  int64(key: string): number | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) this.bad(key, "int64");
    return n;
  }

  float(key: string): number | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) this.bad(key, "float");
    return v;
  }

  enumOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" || !values.includes(v as T)) this.bad(key, "enum");
    return v as T;
  }

  object(key: string): Reader | undefined {
    const v = this.obj[key];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) this.bad(key, "message");
    return new Reader(this.raw, v, `${this.where}${key}.`);
  }
}
