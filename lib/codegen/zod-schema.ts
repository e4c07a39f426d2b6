// Translates one JSON Schema (a tool's parameters) into a zod 4 expression with the same accept/reject
// decisions as the evaluation's Ajv. What it cannot translate exactly becomes z.unknown() with a
// comment naming the keyword, and a note for the module header; it is never silently narrower or wider.
import { tsFormat, TS_HELPERS, type Helper } from "./formats";
import {
  at, effectiveTypes, isObj, literalValues, plural, resolveRef, untranslated,
  type Dialect, type JsonType, type Schema,
} from "./schema";

const HANDLED = new Set([
  "type", "nullable", "enum", "const", "properties", "required", "additionalProperties", "propertyNames", "minProperties",
  "maxProperties", "dependencies", "dependentRequired", "items", "contains", "minItems", "maxItems", "uniqueItems", "minimum",
  "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "format", "allOf",
  "anyOf", "oneOf", "not", "$ref",
]);

export const ZOD_HELPERS: Record<string, Helper> = {
  ...TS_HELPERS,
  cpLen: { code: "/** JSON Schema lengths count code points (as Ajv does), not UTF-16 units. */\nconst cpLen = (s: string): number => [...s].length;" },
  multipleOf: { code: "/** Ajv's multipleOf test, float quirks included. */\nconst multipleOf = (m: number) => (v: number): boolean => v / m === parseInt(String(v / m));" },
  jsonEqual: {
    code: `function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null || Array.isArray(b)) return false;
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  return ka.length === kb.length && ka.every((k) => k in b && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}`,
  },
  uniqueJson: { deps: ["jsonEqual"], code: "const uniqueJson = (a: unknown[]): boolean => a.every((x, i) => a.findIndex((y) => jsonEqual(x, y)) === i);" },
  not: { code: 'const not = (s: z.ZodType) => z.unknown().refine((v) => !s.safeParse(v).success, { message: "must not match the schema in `not`" });' },
  keysMatch: { code: "const keysMatch = (s: z.ZodType) => (o: Record<string, unknown>): boolean => Object.keys(o).every((k) => s.safeParse(k).success);" },
  containsMatch: { code: "const containsMatch = (s: z.ZodType) => (a: unknown[]): boolean => a.some((x) => s.safeParse(x).success);" },
  requires: {
    code: "const requires = (deps: Record<string, string[]>) => (o: Record<string, unknown>): boolean =>\n  Object.entries(deps).every(([k, need]) => !(k in o) || need.every((n) => n in o));",
  },
};

export interface ZodCtx {
  root: Schema;
  dialect: Dialect;
  helpers: Set<string>;
  /** "create_task.arguments.tags: keyword" for every spot that is not translated. */
  notes: string[];
  refs: string[];
}

const J = (v: unknown) => JSON.stringify(v);
const msg = (m: string) => `{ message: ${J(m)} }`;

function unknownFor(ctx: ZodCtx, path: string, why: string): string {
  ctx.notes.push(`${path}: ${why}`);
  return `z.unknown() /* not translated: ${why.replace(/\*\//g, "* /")} */`;
}

export function zodFor(s: unknown, ctx: ZodCtx, path: string): string {
  if (s === true) return "z.unknown()";
  if (s === false) return "z.never()";
  if (!isObj(s)) return unknownFor(ctx, path, "a schema that is not an object");
  const missing = untranslated(s, ctx.dialect, HANDLED);
  if (isObj(s.dependencies) && Object.values(s.dependencies).some((v) => !Array.isArray(v))) missing.push("dependencies (schema form)");
  if (missing.length) return unknownFor(ctx, path, missing.join(", "));

  const literals = literalValues(s, ctx.root, ctx.dialect);
  if (literals instanceof Error) return unknownFor(ctx, path, "enum/const next to a $ref");
  const parts: string[] = [];
  if (literals) parts.push(literalExpr(literals, ctx)); // already narrowed by every sibling keyword
  else {
    if (typeof s.$ref === "string") {
      const target = ctx.refs.includes(s.$ref) ? undefined : resolveRef(s.$ref, ctx.root);
      if (target === undefined) return unknownFor(ctx, path, `$ref ${J(s.$ref)} (recursive or not local)`);
      parts.push(zodFor(target, { ...ctx, refs: [...ctx.refs, s.$ref] }, path));
    }
    const types = effectiveTypes(s);
    if (types) parts.push(union(types.map((t) => typed(t, s, ctx, path))));
    if (Array.isArray(s.allOf)) s.allOf.forEach((x, i) => parts.push(zodFor(x, ctx, `${path}.allOf[${i}]`)));
    if (Array.isArray(s.anyOf)) parts.push(union(s.anyOf.map((x, i) => zodFor(x, ctx, `${path}.anyOf[${i}]`))));
    if (Array.isArray(s.oneOf)) {
      const branches = s.oneOf.map((x, i) => zodFor(x, ctx, `${path}.oneOf[${i}]`));
      parts.push(branches.length === 1 ? branches[0] : `z.xor([${branches.join(", ")}])`);
    }
    if ("not" in s) parts.push(helper(ctx, "not", `not(${zodFor(s.not, ctx, `${path}.not`)})`));
  }
  const expr = parts.length === 0 ? "z.unknown()" : parts[0] + parts.slice(1).map((p) => `.and(${p})`).join("");
  return typeof s.description === "string" && s.description ? `${expr}.describe(${J(s.description)})` : expr;
}

function helper(ctx: ZodCtx, name: string, expr: string): string {
  ctx.helpers.add(name);
  return expr;
}

function union(branches: string[]): string {
  if (branches.length === 0) return "z.never()";
  return branches.length === 1 ? branches[0] : `z.union([${branches.join(", ")}])`;
}

const isPrimitive = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

function literalExpr(values: unknown[], ctx: ZodCtx): string {
  if (values.length === 0) return "z.never()";
  if (values.length === 1 && isPrimitive(values[0])) return `z.literal(${J(values[0])})`;
  if (values.every((v) => typeof v === "string")) return `z.enum(${J(values)})`;
  if (values.every(isPrimitive)) return `z.literal(${J(values)})`;
  ctx.helpers.add("jsonEqual");
  return `z.unknown().refine((v) => (${J(values)} as unknown[]).some((e) => jsonEqual(v, e)), ${msg(`must be one of ${J(values)}`)})`;
}

const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function typed(t: JsonType, s: Schema, ctx: ZodCtx, path: string): string {
  const fmt = typeof s.format === "string" ? tsFormat(s.format) : null;
  fmt?.helpers.forEach((h) => ctx.helpers.add(h));
  switch (t) {
    case "string": {
      let out = fmt?.type === "string" && fmt.base ? fmt.base : "z.string()";
      if (fmt?.type === "string" && fmt.chain) out += fmt.chain;
      if (num(s.minLength) && s.minLength > 0) out += helper(ctx, "cpLen", `.refine((v) => cpLen(v) >= ${s.minLength}, ${msg(`must have at least ${plural(s.minLength, "character")}`)})`);
      if (num(s.maxLength)) out += helper(ctx, "cpLen", `.refine((v) => cpLen(v) <= ${s.maxLength}, ${msg(`must have at most ${plural(s.maxLength, "character")}`)})`);
      if (typeof s.pattern === "string") out += `.regex(new RegExp(${J(s.pattern)}, "u"))`;
      return out;
    }
    case "number":
    case "integer": {
      let out = "z.number()";
      if (num(s.minimum)) out += `.gte(${s.minimum})`;
      if (num(s.maximum)) out += `.lte(${s.maximum})`;
      if (num(s.exclusiveMinimum)) out += `.gt(${s.exclusiveMinimum})`;
      if (num(s.exclusiveMaximum)) out += `.lt(${s.exclusiveMaximum})`;
      // Not .int(): zod's int stops at 2^53, Ajv's "integer" accepts any whole number.
      if (t === "integer") out += `.refine(Number.isInteger, ${msg("must be an integer")})`;
      if (num(s.multipleOf)) out += helper(ctx, "multipleOf", `.refine(multipleOf(${s.multipleOf}), ${msg(`must be a multiple of ${s.multipleOf}`)})`);
      if (fmt?.type === "number" && fmt.chain) out += fmt.chain;
      return out;
    }
    case "boolean":
      return "z.boolean()";
    case "null":
      return "z.null()";
    case "array": {
      const items = "items" in s ? zodFor(s.items, ctx, at(path, "[]")) : "z.unknown()";
      let out = `z.array(${items})`;
      if (num(s.minItems) && s.minItems > 0) out += `.min(${s.minItems})`;
      if (num(s.maxItems)) out += `.max(${s.maxItems})`;
      if (s.uniqueItems === true) out += helper(ctx, "uniqueJson", `.refine(uniqueJson, ${msg("items must be unique")})`);
      if ("contains" in s) out += helper(ctx, "containsMatch", `.refine(containsMatch(${zodFor(s.contains, ctx, `${path}.contains`)}), ${msg("must contain a matching item")})`);
      return out;
    }
    case "object":
      return objectExpr(s, ctx, path);
  }
}

function objectExpr(s: Schema, ctx: ZodCtx, path: string): string {
  const props = isObj(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.filter((k): k is string => typeof k === "string") : [];
  const addl = s.additionalProperties;
  const entries: string[] = [];
  for (const [key, sub] of Object.entries(props)) {
    const expr = zodFor(sub, ctx, at(path, key));
    entries.push(`${keyOf(key)}: ${required.includes(key) ? expr : `${expr}.optional()`}`);
  }
  for (const key of required.filter((k, i) => !(k in props) && required.indexOf(k) === i)) {
    const expr = addl === false ? "z.never()" : isObj(addl) ? zodFor(addl, ctx, at(path, key)) : "z.unknown()";
    entries.push(`${keyOf(key)}: ${expr}`);
  }
  const shape = entries.length ? `{\n${entries.map((e) => `  ${e.replace(/\n/g, "\n  ")},`).join("\n")}\n}` : "{}";
  let out = addl === false ? `z.strictObject(${shape})` : isObj(addl) ? `z.object(${shape}).catchall(${zodFor(addl, ctx, at(path, "*"))})` : `z.looseObject(${shape})`;
  if (num(s.minProperties) && s.minProperties > 0) out += `.refine((o) => Object.keys(o).length >= ${s.minProperties}, ${msg(`must have at least ${plural(s.minProperties, "property")}`)})`;
  if (num(s.maxProperties)) out += `.refine((o) => Object.keys(o).length <= ${s.maxProperties}, ${msg(`must have at most ${plural(s.maxProperties, "property")}`)})`;
  if ("propertyNames" in s) out += helper(ctx, "keysMatch", `.refine(keysMatch(${zodFor(s.propertyNames, ctx, `${path}.propertyNames`)}), ${msg("has a property name that is not allowed")})`);
  const deps: Record<string, unknown> = { ...(isObj(s.dependencies) ? s.dependencies : {}), ...(ctx.dialect === "2020-12" && isObj(s.dependentRequired) ? s.dependentRequired : {}) };
  if (Object.keys(deps).length) out += helper(ctx, "requires", `.refine(requires(${J(deps)}), ${msg("is missing a property that another one requires")})`);
  return out;
}

/** A property key in an object literal; "__proto__" must be computed or it would set the prototype. */
const keyOf = (key: string) => (key === "__proto__" ? `[${J(key)}]` : J(key));

/** The code for the helpers a module uses, dependencies first, each once. */
export function helperCode(names: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    ZOD_HELPERS[n].deps?.forEach(add);
    out.push(ZOD_HELPERS[n].code);
  };
  [...names].sort().forEach(add);
  return out;
}
