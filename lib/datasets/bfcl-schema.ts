// BFCL-typed parameter declarations → JSON Schema, as a fix-up the import plan offers (and applies by
// default). BFCL writes Python-ish types (`dict`, `float`, `tuple`, `any`; some files `str`, `int`,
// `bool`, `list`) and marks optional parameters with an `optional` keyword, none of which the
// catalogue's strict Ajv accepts. Pure; every change is reported with the path where it was made.
import { isObject } from "../formats/util";

/** BFCL type → JSON Schema type; null drops the type (any JSON value is accepted). */
const TYPES: Record<string, string | null> = {
  dict: "object",
  str: "string",
  float: "number",
  int: "integer",
  bool: "boolean",
  tuple: "array",
  list: "array",
  any: null,
};

const NESTED_ONE = ["items", "additionalProperties", "not", "if", "then", "else", "contains"];
const NESTED_MANY = ["anyOf", "oneOf", "allOf", "prefixItems"];

export interface BfclConversion {
  schema: Record<string, unknown>;
  /** One line per change, e.g. `properties.base.type: dict → object`; empty when nothing was BFCL-typed. */
  changes: string[];
}

export function isBfclType(t: unknown): t is string {
  return typeof t === "string" && Object.hasOwn(TYPES, t);
}

/** Converts a BFCL parameters schema; the input is not modified. */
export function bfclToJsonSchema(schema: Record<string, unknown>): BfclConversion {
  const changes: string[] = [];
  const out = convert(schema, "", changes);
  return { schema: isObject(out) ? out : schema, changes };
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function convertType(value: unknown, at: string, changes: string[]): unknown {
  if (isBfclType(value)) {
    const to = TYPES[value];
    changes.push(`${at}: ${value} → ${to ?? "any JSON value (type dropped)"}`);
    return to ?? undefined;
  }
  if (Array.isArray(value) && value.some(isBfclType)) {
    const mapped = value.map((v) => (isBfclType(v) ? TYPES[v] : v));
    if (mapped.includes(null)) {
      changes.push(`${at}: ${JSON.stringify(value)} → any JSON value (type dropped)`);
      return undefined;
    }
    const unique = [...new Set(mapped)];
    changes.push(`${at}: ${JSON.stringify(value)} → ${JSON.stringify(unique)}`);
    return unique;
  }
  return value;
}

function convert(node: unknown, path: string, changes: string[]): unknown {
  if (Array.isArray(node)) return node.map((n, i) => convert(n, join(path, String(i)), changes));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  const optional = new Set<string>();
  for (const [key, value] of Object.entries(node)) {
    const at = join(path, key);
    if (key === "type") {
      const t = convertType(value, at, changes);
      if (t !== undefined) out.type = t;
    } else if (key === "optional") {
      // Object level: a list of optional parameter names. Property level: `true`, handled by the parent.
      if (Array.isArray(value)) for (const n of value) if (typeof n === "string") optional.add(n);
      changes.push(`${at}: BFCL's optional marker removed`);
    } else if (key === "properties" && isObject(value)) {
      const props: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) {
        if (isObject(sub) && sub.optional === true) optional.add(name);
        props[name] = convert(sub, join(at, name), changes);
      }
      out.properties = props;
    } else if (NESTED_ONE.includes(key) || NESTED_MANY.includes(key)) {
      out[key] = convert(value, at, changes);
    } else out[key] = value;
  }
  if (optional.size > 0 && Array.isArray(out.required)) {
    const kept = out.required.filter((n) => !optional.has(String(n)));
    if (kept.length !== out.required.length) {
      changes.push(`${join(path, "required")}: ${out.required.filter((n) => optional.has(String(n))).join(", ")} marked optional, no longer required`);
      out.required = kept;
    }
  }
  return out;
}
