// Translates a tool's parameters (JSON Schema) into Pydantic models that run on pydantic 1.10 and 2.x
// and accept exactly what the evaluation's Ajv accepts. Structure and what pydantic checks exactly
// (strict types, required, extra, lengths, bounds) go into annotations; the rest (pattern, format,
// multipleOf, uniqueItems, exact enum equality, null for an absent-able field) goes into a "rule"
// that the module's before-validator checks on the raw JSON value (_check in python-pydantic.ts).
// What neither can express becomes `Any` with a comment naming the keyword.
import { pyFormat } from "./formats";
import { toPythonRegex } from "./python-regex";
import {
  at, effectiveTypes, isObj, literalValues, pascal, resolveRef, uniqueName, untranslated,
  type Dialect, type JsonType, type Schema,
} from "./schema";

const HANDLED = new Set([
  "type", "nullable", "enum", "const", "properties", "required", "additionalProperties", "minProperties", "maxProperties", "dependencies", "dependentRequired",
  "items", "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minLength", "maxLength", "pattern", "format", "anyOf", "$ref",
]);

export type Rule = Record<string, unknown>;
export interface PyType {
  ann: string;
  rule: Rule | null;
  nullable: boolean;
  comment?: string;
}

export interface PyCtx {
  root: Schema;
  dialect: Dialect;
  /** Class names in the module (tool classes and nested models). */
  used: Set<string>;
  classes: string[];
  /** By class name: the rule for each field that has one (by JSON name). */
  rules: Record<string, Record<string, Rule>>;
  /** Python `re.compile(...)` expressions, with the ECMAScript source, indexed by rules. */
  patterns: [code: string, source: string][];
  formats: Set<string>;
  notes: string[];
  refs: string[];
  /** What each $ref of the current tool became, so two references to one definition share a class. */
  refTypes: Map<string, PyType>;
}

/** A Python string literal (JSON's escapes are Python's; a few code points are escaped for safety). */
export const pyStr = (s: string) =>
  JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A JSON value as a Python literal, indented like JSON.stringify(v, null, 4). */
export function pyLiteral(v: unknown, indent = ""): string {
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return pyStr(v);
  if (typeof v === "number") return JSON.stringify(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => `${inner}${pyLiteral(x, inner)},`).join("\n")}\n${indent}]` : "[]";
  const entries = Object.entries(v as Record<string, unknown>);
  return entries.length ? `{\n${entries.map(([k, x]) => `${inner}${pyStr(k)}: ${pyLiteral(x, inner)},`).join("\n")}\n${indent}}` : "{}";
}

const ANY_TYPE = (ctx: PyCtx, path: string, why: string): PyType => {
  ctx.notes.push(`${path}: ${why}`);
  return { ann: "Any", rule: null, nullable: true, comment: `not translated: ${why}` };
};

const isPrimitive = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const kwargs = (pairs: [string, unknown][]) => pairs.filter(([, v]) => num(v)).map(([k, v]) => `${k}=${v}`).join(", ");

/** `doc` is the docstring for the model this node becomes, if it becomes one (the tool's description at the root). */
export function pyFor(s: unknown, ctx: PyCtx, path: string, hint: string, doc?: string): PyType {
  if (s === true) return { ann: "Any", rule: null, nullable: true };
  if (s === false) return { ann: "Any", rule: { never: true }, nullable: false };
  if (!isObj(s)) return ANY_TYPE(ctx, path, "a schema that is not an object");
  const missing = untranslated(s, ctx.dialect, HANDLED);
  if (isObj(s.dependencies) && Object.values(s.dependencies).some((v) => !Array.isArray(v))) missing.push("dependencies (schema form)");
  if (missing.length) return ANY_TYPE(ctx, path, missing.join(", "));

  const literals = literalValues(s, ctx.root, ctx.dialect);
  if (literals instanceof Error) return ANY_TYPE(ctx, path, "enum/const next to a $ref");
  if (literals) {
    if (literals.length === 0) return { ann: "Any", rule: { never: true }, nullable: false };
    const exact = literals.every((v) => v === null || typeof v === "string"); // Literal[1] also takes True and 1.0
    const ann = literals.every(isPrimitive) ? `Literal[${literals.map((v) => pyLiteral(v)).join(", ")}]` : "Any";
    return { ann, rule: exact ? null : { enum: literals }, nullable: literals.includes(null) };
  }
  if (typeof s.$ref === "string") {
    const { $ref, description: _d, title: _t, ...siblings } = s;
    if (Object.keys(siblings).some((k) => HANDLED.has(k))) return ANY_TYPE(ctx, path, "$ref with sibling keywords");
    const target = ctx.refs.includes($ref) ? undefined : resolveRef($ref, ctx.root);
    if (target === undefined) return ANY_TYPE(ctx, path, `$ref ${JSON.stringify($ref)} (recursive or not local)`);
    const known = ctx.refTypes.get($ref);
    if (known) return known;
    const t = pyFor(target, { ...ctx, refs: [...ctx.refs, $ref] }, path, hint, doc);
    ctx.refTypes.set($ref, t);
    return t;
  }
  const types = effectiveTypes(s);
  if (Array.isArray(s.anyOf)) {
    if (types) return ANY_TYPE(ctx, path, "anyOf next to type keywords");
    const branches = s.anyOf.map((b, i) => pyFor(b, ctx, `${path}.anyOf[${i}]`, `${hint}Option${i + 1}`));
    if (branches.some((b) => b.rule)) return ANY_TYPE(ctx, path, "anyOf with a pattern, format, enum or other check inside");
    return { ann: branches.length === 1 ? branches[0].ann : `Union[${branches.map((b) => b.ann).join(", ")}]`, rule: null, nullable: branches.some((b) => b.nullable) };
  }
  if (!types) return { ann: "Any", rule: null, nullable: true };
  const parts: PyType[] = [];
  for (const t of types) {
    const p = typed(t, s, ctx, path, hint, doc);
    if (p.comment) return p; // an untranslated part makes the whole node Any
    parts.push(p);
  }
  const nonNull = parts.filter((p) => p.ann !== "None");
  const inner = nonNull.length === 0 ? "None" : nonNull.length === 1 ? nonNull[0].ann : `Union[${nonNull.map((p) => p.ann).join(", ")}]`;
  const nullable = types.includes("null");
  const rules = parts.filter((p) => p.rule).map((p) => p.rule as Rule);
  return { ann: nullable && nonNull.length ? `Optional[${inner}]` : inner, rule: rules.length ? Object.assign({}, ...rules) : null, nullable };
}

function typed(t: JsonType, s: Schema, ctx: PyCtx, path: string, hint: string, doc?: string): PyType {
  const rule: Rule = {};
  const done = (ann: string): PyType => ({ ann, rule: Object.keys(rule).length ? rule : null, nullable: t === "null" });
  const fmt = typeof s.format === "string" ? pyFormat(s.format) : null;
  if (fmt && "untranslated" in fmt) {
    if (t === "string") return ANY_TYPE(ctx, path, fmt.untranslated);
  } else if (fmt && fmt.type === (t === "integer" ? "number" : t)) {
    rule.format = s.format;
    ctx.formats.add(s.format as string);
  }
  switch (t) {
    case "string": {
      if (typeof s.pattern === "string") {
        const py = toPythonRegex(s.pattern, "u");
        if (!py.ok) return ANY_TYPE(ctx, path, `pattern (${py.error})`);
        const code = `re.compile(${pyStr(py.pattern)}${py.flags.length ? `, ${py.flags.join(" | ")}` : ""})`;
        const known = ctx.patterns.findIndex(([, src]) => src === s.pattern);
        rule.pattern = known >= 0 ? known : ctx.patterns.push([code, s.pattern]) - 1;
      }
      const k = kwargs([["min_length", s.minLength], ["max_length", s.maxLength]]);
      return done(k ? `constr(strict=True, ${k})` : "StrictStr");
    }
    case "number":
    case "integer": {
      if (num(s.multipleOf)) rule.multipleOf = s.multipleOf;
      const k = kwargs([["ge", s.minimum], ["le", s.maximum], ["gt", s.exclusiveMinimum], ["lt", s.exclusiveMaximum]]);
      const int = k ? `conint(strict=True, ${k})` : "StrictInt";
      // JSON numbers: the module parses 2.0 as 2 (JavaScript has one number type), so whole floats are ints here.
      return done(t === "integer" ? int : `Union[${int}, ${k ? `confloat(strict=True, ${k})` : "StrictFloat"}]`);
    }
    case "boolean":
      return done("StrictBool");
    case "null":
      return done("None");
    case "array": {
      const item = "items" in s ? pyFor(s.items, ctx, at(path, "[]"), `${hint}Item`) : { ann: "Any", rule: null, nullable: true };
      if (item.rule) rule.items = item.rule;
      if (s.uniqueItems === true) rule.uniqueItems = true;
      const lo = num(s.minItems) ? s.minItems : undefined;
      const hi = num(s.maxItems) ? s.maxItems : undefined;
      return done(lo !== undefined || hi !== undefined ? `_conlist(${item.ann}, ${lo ?? "None"}, ${hi ?? "None"})` : `List[${item.ann}]`);
    }
    case "object": {
      if (num(s.minProperties)) rule.minProperties = s.minProperties;
      if (num(s.maxProperties)) rule.maxProperties = s.maxProperties;
      const deps = { ...(isObj(s.dependencies) ? s.dependencies : {}), ...(ctx.dialect === "2020-12" && isObj(s.dependentRequired) ? s.dependentRequired : {}) };
      if (Object.keys(deps).length) rule.requires = deps;
      const addl = s.additionalProperties;
      if (isObj(s.properties) || (Array.isArray(s.required) && s.required.length > 0)) {
        if (isObj(addl)) return ANY_TYPE(ctx, path, "additionalProperties as a schema next to properties");
        return done(modelFor(s, ctx, path, hint, doc ?? (typeof s.description === "string" ? s.description : "")));
      }
      if (addl === false) rule.maxProperties = 0;
      if (isObj(addl)) {
        const value = pyFor(addl, ctx, at(path, "*"), `${hint}Value`);
        if (value.rule) return ANY_TYPE(ctx, path, "additionalProperties with a pattern, format or enum check");
        return done(`Dict[str, ${value.ann}]`);
      }
      return done("Dict[str, Any]");
    }
  }
}

const KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del elif else except finally for from global if import in is " +
    "lambda nonlocal not or pass raise return try while with yield").split(" "),
);
/** BaseModel attributes in pydantic 1 and 2 (a field may not shadow them), and the module's own validator. */
const RESERVED = new Set(
  ("dict json copy parse_obj parse_raw parse_file from_orm construct schema schema_json validate update_forward_refs fields " +
    "Config check_raw_json").split(" "),
);

/** A Python attribute name for a JSON property; the JSON name stays the alias. */
export function fieldName(key: string, used: Set<string>): string {
  let id = key.replace(/[^A-Za-z0-9_]/g, "_");
  if (!id || /^[0-9]/.test(id) || id.startsWith("_") || id.startsWith("model_")) id = `f_${id}`;
  if (KEYWORDS.has(id) || RESERVED.has(id)) id = `${id}_`;
  return uniqueName(id, used);
}

/** Emits a model class for an object schema (into ctx.classes, nested ones first) and returns its name. */
export function modelFor(s: Schema, ctx: PyCtx, path: string, hint: string, doc = ""): string {
  const name = uniqueName(hint, ctx.used);
  const props = isObj(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.filter((k): k is string => typeof k === "string") : [];
  const addl = s.additionalProperties;
  const fieldsUsed = new Set<string>();
  const lines: string[] = [];
  const fieldRules: Record<string, Rule> = {};
  const keys = [...Object.keys(props), ...required.filter((k, i) => !(k in props) && required.indexOf(k) === i)];
  for (const key of keys) {
    const isRequired = required.includes(key);
    const sub = key in props ? props[key] : addl === false ? false : isObj(addl) ? addl : true;
    const t = pyFor(sub, ctx, at(path, key), `${name}${pascal(key)}`);
    const rule: Rule = { ...(t.rule ?? {}) };
    if (!isRequired && !t.nullable) rule.nonnull = true; // absent is fine, an explicit null is not
    if (Object.keys(rule).length) fieldRules[key] = rule;
    const ident = fieldName(key, fieldsUsed);
    const ann = !isRequired && !t.nullable ? `Optional[${t.ann}]` : t.ann;
    const args = [isRequired ? "..." : "None"];
    if (ident !== key) args.push(`alias=${pyStr(key)}`);
    const desc = isObj(sub) && typeof sub.description === "string" ? sub.description : "";
    if (desc) args.push(`description=${pyStr(desc)}`);
    lines.push(`    ${ident}: ${ann} = Field(${args.join(", ")})${t.comment ? `  # ${t.comment}` : ""}`);
  }
  if (Object.keys(fieldRules).length) ctx.rules[name] = fieldRules;
  const body = [...(doc ? [`    ${pyStr(doc)}`, ""] : []), ...(lines.length ? lines : ["    pass"])];
  ctx.classes.push(`class ${name}(${addl === false ? "_StrictModel" : "_OpenModel"}):\n${body.join("\n")}`);
  return name;
}
