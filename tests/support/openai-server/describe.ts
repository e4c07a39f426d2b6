// Ajv errors -> one OpenAI-style error: the most useful of the (many, for unions) errors, worded
// like the real API ("Invalid 'suffix': string too long. Expected a string with maximum length 64,
// but got a string with length 65 instead.") with `param` in OpenAI's notation ("messages[0].role").
import type { ErrorObject } from "ajv";

export type Described = { message: string; param: string; code: string };

/** JSON pointer "/messages/0/role" -> OpenAI's "messages[0].role". */
export function paramOf(pointer: string, child?: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .concat(child === undefined ? [] : [child]);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

export function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const p of pointer.split("/").slice(1)) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

const typeName = (v: unknown) =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "an array"
      : Number.isInteger(v)
        ? "an integer"
        : typeof v === "object"
          ? "an object"
          : `a ${typeof v}`;
const article = (t: string) => (t === "null" ? t : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const listOf = (xs: unknown[]) => {
  const q = [...new Set(xs)].map((x) => `'${String(x)}'`);
  return q.length < 3 ? q.join(" and ") : `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
};
const LIMITS = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "maxProperties",
  "pattern",
];
const RANK = (k: string) =>
  LIMITS.includes(k) ? 0 : k === "enum" ? 1 : k === "required" ? 2 : k === "additionalProperties" ? 3 : k === "type" ? 4 : 5;

/** Picks the most useful of Ajv's errors (unions report every failed branch) and words it. */
export function describe(all: ErrorObject[], data: unknown): Described {
  let errs = all.filter((e) => !["oneOf", "anyOf", "allOf", "propertyNames"].includes(e.keyword));
  const allowed = (path: string) =>
    errs.filter((e) => e.keyword === "enum" && e.instancePath === path).flatMap((e) => e.params.allowedValues as unknown[]);
  // An enum failure at a path whose value another branch accepts only says "this branch was not meant".
  // So is an enum of another JSON type than the value (n_epochs 0 against "auto"): the type error says it better.
  const jsType = (v: unknown) => (v === null ? "null" : typeof v);
  errs = errs.filter((e) => {
    if (e.keyword !== "enum") return true;
    const value = valueAt(data, e.instancePath);
    const values = allowed(e.instancePath);
    return !values.includes(value) && values.some((a) => jsType(a) === jsType(value));
  });
  errs = errs.filter((e) => e.keyword !== "type" || !errs.some((o) => o.instancePath === e.instancePath && o.keyword !== "type"));
  if (errs.length === 0) errs = all;
  const depth = (e: ErrorObject) => e.instancePath.split("/").length;
  errs.sort((a, b) => depth(b) - depth(a) || RANK(a.keyword) - RANK(b.keyword));
  const e = errs[0];
  const value = valueAt(data, e.instancePath);
  const p = e.params as Record<string, unknown>;
  const param = paramOf(e.instancePath);
  // The schema's own type decides the wording (temperature 3 is a decimal above maximum); a synthetic
  // error has no schema, so the value decides.
  const declared = (e.parentSchema as { type?: unknown } | undefined)?.type;
  const kind =
    declared === "integer"
      ? "integer"
      : declared === "number"
        ? "decimal"
        : Number.isInteger(value) && !e.keyword.startsWith("exclusive")
          ? "integer"
          : "decimal";
  switch (e.keyword) {
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const below = e.keyword.toLowerCase().includes("min");
      return {
        message: `Invalid '${param}': ${kind} ${below ? "below minimum" : "above maximum"} value. Expected a value ${p.comparison} ${p.limit}, but got ${value} instead.`,
        param,
        code: `${kind}_${below ? "below_min" : "above_max"}_value`,
      };
    }
    case "maxLength":
    case "minLength": {
      const too = e.keyword === "maxLength" ? "long" : "short";
      const what = e.propertyName !== undefined ? "key" : "string";
      const len = (e.propertyName ?? String(value)).length;
      return {
        message: `Invalid '${param}': ${what} too ${too}. Expected a ${what} with ${too === "long" ? "maximum" : "minimum"} length ${p.limit}, but got a ${what} with length ${len} instead.`,
        param,
        code: `string_${too === "long" ? "above_max" : "below_min"}_length`,
      };
    }
    case "maxItems":
    case "minItems":
      return {
        message: `Invalid '${param}': array too ${e.keyword === "maxItems" ? "long" : "short"}. Expected an array with ${e.keyword === "maxItems" ? "maximum" : "minimum"} length ${p.limit}, but got an array with length ${(value as unknown[]).length} instead.`,
        param,
        code: e.keyword === "maxItems" ? "array_above_max_length" : "empty_array",
      };
    case "pattern":
      return {
        message: `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '${p.pattern}'.`,
        param,
        code: "invalid_value",
      };
    case "maxProperties":
      return {
        message: `Invalid '${param}': too many properties. Expected an object with at most ${p.limit} properties, but got an object with ${Object.keys(value as object).length} properties instead.`,
        param,
        code: "object_above_max_properties",
      };
    case "enum":
      return {
        message: `Invalid value for '${param}': ${JSON.stringify(value)}. Supported values are: ${listOf(allowed(e.instancePath))}.`,
        param,
        code: "invalid_value",
      };
    case "required":
      return {
        message: `Missing required parameter: '${paramOf(e.instancePath, String(p.missingProperty))}'.`,
        param: paramOf(e.instancePath, String(p.missingProperty)),
        code: "missing_required_parameter",
      };
    case "additionalProperties":
      return {
        message: `Unknown parameter: '${paramOf(e.instancePath, String(p.additionalProperty))}'.`,
        param: paramOf(e.instancePath, String(p.additionalProperty)),
        code: "unknown_parameter",
      };
    case "type": {
      const types = all
        .filter((o) => o.keyword === "type" && o.instancePath === e.instancePath)
        .flatMap((o) => String(o.params.type).split(","));
      return {
        message: `Invalid type for '${param}': expected ${[...new Set(types)].map(article).join(" or ")}, but got ${typeName(value)} instead.`,
        param,
        code: "invalid_type",
      };
    }
    default:
      return { message: `Invalid '${param}': ${e.message}.`, param, code: "invalid_value" };
  }
}

/** A synthetic Ajv error, for problems found outside Ajv. */
export const fake = (instancePath: string, keyword: string, params: Record<string, unknown>): ErrorObject => ({
  instancePath,
  keyword,
  params,
  schemaPath: "",
  message: "",
});
