// Ajv instances, shared by browser and server. Two flavours:
//  - `strictAjv` checks a tool's schema when it is saved: meta-schema, unknown keywords and formats,
//    and `required` names that are not properties are all errors.
//  - `argsAjv` validates arguments against stored schemas; it is lenient about the schema itself so
//    that an imported, slightly odd schema still validates the data it can.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { compilePattern } from "./patterns";

type AnyAjv = Ajv | Ajv2020;

/** Catalogue patterns never run on an unguarded backtracking engine: see patterns.ts. */
export const linearRegExp = Object.assign(
  (pattern: string) => {
    const m = compilePattern(pattern);
    if (m instanceof Error) throw m;
    return m;
  },
  { code: 'require("./patterns").compilePattern' },
);
const code = { regExp: linearRegExp };

function make<T extends AnyAjv>(ajv: T): T {
  addFormats(ajv as Ajv);
  return ajv;
}

export const strictAjv = make(new Ajv({ code, allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allowUnionTypes: true }));
export const strictAjv2020 = make(new Ajv2020({ code, allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allowUnionTypes: true }));
const argsAjv = make(new Ajv({ code, allErrors: true, strict: false, allowUnionTypes: true }));
const argsAjv2020 = make(new Ajv2020({ code, allErrors: true, strict: false, allowUnionTypes: true }));

export function is2020(schema: Record<string, unknown>): boolean {
  return typeof schema.$schema === "string" && schema.$schema.includes("2020-12");
}

// Compiled validators by schema text. Ajv also keeps every compiled schema object internally, so
// an evicted entry is removed from Ajv too; otherwise a long-running server grows without bound.
const cache = new Map<string, { result: ValidateFunction | Error; ajv: AnyAjv; schema: object }>();
const CACHE_LIMIT = 500;

/** Compiles (and caches) an argument validator; returns the compile error when the schema is unusable. */
export function argumentValidator(schema: Record<string, unknown>): ValidateFunction | Error {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: the Map's order is least recently used first
    cache.set(key, hit);
    return hit.result;
  }
  const { $id: _drop, ...rest } = schema; // a shared $id would collide across tools in one Ajv
  const ajv = is2020(schema) ? argsAjv2020 : argsAjv;
  let result: ValidateFunction | Error;
  try {
    result = ajv.compile(rest);
  } catch (e) {
    result = e instanceof Error ? e : new Error(String(e));
  }
  if (cache.size >= CACHE_LIMIT) {
    const [oldKey, old] = cache.entries().next().value as [string, { ajv: AnyAjv; schema: object }];
    cache.delete(oldKey);
    old.ajv.removeSchema(old.schema);
  }
  cache.set(key, { result, ajv, schema: rest });
  return result;
}

/** "/items/0/sku" -> "items.0.sku" */
export function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

function join(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

/** Turns Ajv errors about an arguments object into field-level messages a labeller can act on. */
export function describeArgumentErrors(errors: ErrorObject[] | null | undefined, toolName: string) {
  const out: { path: string; message: string }[] = [];
  for (const e of errors ?? []) {
    const at = pointerToPath(e.instancePath);
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case "required":
        out.push({ path: join(at, String(p.missingProperty)), message: "is required" });
        break;
      case "additionalProperties":
        out.push({ path: join(at, String(p.additionalProperty)), message: `is not an argument of ${toolName}` });
        break;
      case "enum":
        out.push({ path: at, message: `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` });
        break;
      case "type":
        out.push({ path: at, message: `must be ${article(String(p.type))}` });
        break;
      default:
        out.push({ path: at, message: e.message ?? e.keyword });
    }
  }
  // Ajv can report the same thing twice (e.g. anyOf branches); keep the first of each.
  const seen = new Set<string>();
  return out.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function article(type: string): string {
  const t = type.replace(/,/g, " or ");
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
