// What the code generators share: their input, JSON Schema facts (which keywords Ajv asserts in which
// draft), local $ref resolution, enum narrowing and safe names. Pure.
import { argumentValidator } from "../validation/ajv";

export interface CodegenTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface CodegenInput {
  projectName: string;
  outputStyle: "router_json" | "native_tools";
  systemPrompt: string;
  tools: CodegenTool[];
}

export type Schema = Record<string, unknown>;
export type Dialect = "draft-07" | "2020-12";
export const JSON_TYPES = ["string", "number", "integer", "boolean", "null", "array", "object"] as const;
export type JsonType = (typeof JSON_TYPES)[number];
export const NO_TOOL = "no_tool";

/** ToolTune's evaluation reads a schema as 2020-12 when its $schema says so, else as draft-07 (lib/validation/ajv.ts). */
export function dialectOf(parameters: Schema): Dialect {
  return typeof parameters.$schema === "string" && parameters.$schema.includes("2020-12") ? "2020-12" : "draft-07";
}

export const isObj = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keywords that never change what validates. */
const ANNOTATIONS = new Set([
  "$schema", "$id", "$comment", "$anchor", "$defs", "definitions", "title", "description", "default", "examples",
  "deprecated", "readOnly", "writeOnly", "contentEncoding", "contentMediaType", "contentSchema",
]);

/** Keywords Ajv asserts. Any other key is ignored by the evaluation's Ajv (strict: false), so the generators ignore it too. */
const AJV_KEYWORDS = new Set([
  "type", "nullable", "enum", "const", "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
  "minProperties", "maxProperties", "dependencies", "dependentRequired", "dependentSchemas", "items", "additionalItems",
  "prefixItems", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems", "minimum", "maximum",
  "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "format", "allOf", "anyOf",
  "oneOf", "not", "if", "then", "else", "$ref", "$dynamicRef", "$recursiveRef", "unevaluatedProperties", "unevaluatedItems",
]);

/** 2019-09/2020-12 keywords that the draft-07 Ajv does not know, so it ignores them. */
export const DRAFT7_IGNORED = new Set([
  "prefixItems", "dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "minContains",
  "maxContains", "$dynamicRef", "$recursiveRef",
]);

/** The keys of a schema node that change validation in this dialect (annotations and unknown keys dropped). */
export function assertingKeys(s: Schema, dialect: Dialect): string[] {
  return Object.keys(s).filter((k) => {
    if (ANNOTATIONS.has(k) || !AJV_KEYWORDS.has(k)) return false;
    if (dialect === "draft-07" && DRAFT7_IGNORED.has(k)) return false;
    if (k === "additionalItems" && !Array.isArray(s.items)) return false; // only meaningful after tuple items
    if ((k === "then" || k === "else") && !("if" in s)) return false;
    if (k === "if" && !("then" in s) && !("else" in s)) return false;
    if (k === "nullable") return s.nullable === true && "type" in s;
    return true;
  });
}

/** Keywords (with a reason) a generator cannot translate exactly; `handled` lists those it can. */
export function untranslated(s: Schema, dialect: Dialect, handled: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const k of assertingKeys(s, dialect)) {
    if (k === "items" && Array.isArray(s.items)) out.push("items (tuple form)");
    else if ((k === "exclusiveMinimum" || k === "exclusiveMaximum") && typeof s[k] !== "number") out.push(`${k} (boolean form)`);
    else if (k === "$ref" && typeof s.$ref !== "string") out.push("$ref");
    else if (!handled.has(k)) out.push(k);
  }
  return out;
}

/** The declared types (with OpenAPI's nullable), or null when the node declares none. */
export function typesOf(s: Schema): JsonType[] | null {
  const t = s.type;
  if (t === undefined) return null;
  const list = (Array.isArray(t) ? t : [t]).filter((x): x is JsonType => (JSON_TYPES as readonly unknown[]).includes(x));
  if (s.nullable === true && !list.includes("null")) list.push("null");
  return list;
}

const TYPE_KEYWORDS: Record<Exclude<JsonType, "integer" | "null" | "boolean">, string[]> = {
  string: ["minLength", "maxLength", "pattern", "format"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"],
  array: ["items", "minItems", "maxItems", "uniqueItems", "contains"],
  object: ["properties", "required", "additionalProperties", "minProperties", "maxProperties", "propertyNames", "dependencies", "dependentRequired"],
};

/**
 * The types a node's value may have, each to be translated with the node's keywords. A node without
 * `type` but with type-specific keywords accepts every type, with those keywords applying to theirs;
 * null means "any value" (no type part at all).
 */
export function effectiveTypes(s: Schema): JsonType[] | null {
  const declared = typesOf(s);
  if (declared) return declared;
  const constrained = Object.values(TYPE_KEYWORDS).some((keys) => keys.some((k) => k in s));
  return constrained ? ["string", "number", "boolean", "null", "array", "object"] : null;
}

export function jsonTypeOf(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v as JsonType;
}

export function hasType(v: unknown, types: readonly JsonType[]): boolean {
  const t = jsonTypeOf(v);
  return types.includes(t) || (t === "integer" && types.includes("number"));
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The target of a local JSON-pointer $ref ("#", "#/$defs/x"), or undefined. */
export function resolveRef(ref: string, root: Schema): unknown {
  if (!ref.startsWith("#")) return undefined;
  const parts = ref.slice(1).split("/").slice(1).map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  let at: unknown = root;
  for (const p of parts) at = isObj(at) || Array.isArray(at) ? (at as Record<string, unknown>)[p] : undefined;
  return at;
}

/**
 * The values an enum/const node admits: `enum` ∩ `const`, each checked against the rest of the node
 * with the evaluation's own Ajv, so that siblings (type, minLength, allOf, ...) need no translation.
 * Null when the node has neither keyword; an Error when the rest cannot be checked on its own (a
 * $ref outside definitions/$defs).
 */
export function literalValues(s: Schema, root: Schema, dialect: Dialect): unknown[] | Error | null {
  const hasEnum = Array.isArray(s.enum);
  if (!hasEnum && !("const" in s)) return null;
  let values = hasEnum ? (s.enum as unknown[]) : [s.const];
  if (hasEnum && "const" in s) values = values.filter((v) => jsonEqual(v, s.const));
  values = values.filter((v, i) => values.findIndex((w) => jsonEqual(v, w)) === i);
  const { enum: _e, const: _c, ...rest } = s;
  if (assertingKeys(rest, dialect).length === 0) return values;
  if (refs(rest).some((r) => !r.startsWith("#/definitions/") && !r.startsWith("#/$defs/"))) return new Error("$ref");
  const check = argumentValidator({
    ...rest,
    ...(dialect === "2020-12" ? { $schema: "https://json-schema.org/draft/2020-12/schema" } : {}),
    ...(isObj(root.definitions) ? { definitions: root.definitions } : {}),
    ...(isObj(root.$defs) ? { $defs: root.$defs } : {}),
  });
  return check instanceof Error ? check : values.filter((v) => check(v) === true);
}

function refs(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(refs);
  if (!isObj(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => (k === "$ref" && typeof x === "string" ? [x] : refs(x)));
}

/** "track_order" / "track-order" → "TrackOrder"; a leading digit gets a "Tool" prefix. */
export function pascal(name: string): string {
  const p = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
  return !p ? "Tool" : /^[0-9]/.test(p) ? `Tool${p}` : p;
}

/** `base`, or `base2`, `base3`, ... — whichever is not yet in `used` (which it joins). */
export function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}

/** A readable location for comments: "create_task.arguments.tags[]". */
export const at = (path: string, key: string) => (key.startsWith("[") ? `${path}${key}` : `${path}.${key}`);

/** "1 character", "3 characters", "2 properties". */
export const plural = (n: number, word: string) => `${n} ${n === 1 ? word : word.endsWith("y") ? `${word.slice(0, -1)}ies` : `${word}s`}`;
