// A form for one tool call's arguments, generated from the tool's JSON schema. Each argument gets
// an input kind; typed text converts to an argument value, or to an error that names the problem.
import { typeOf } from "@/lib/prompt";
import { parseJsonText } from "./json-text";

export type FieldKind = "string" | "enum" | "number" | "integer" | "boolean" | "json";

export interface ArgField {
  name: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  /** Allowed values (kind "enum"). */
  enumValues: unknown[];
  /** The schema allows null; an empty required input then means null. */
  nullable: boolean;
  /** A compact type for the hint: "string", "\"a\" | \"b\"", "string[]". */
  typeLabel: string;
  /** For kind "json": whether a string can ever be valid (then typed text is kept as text on error). */
  acceptsString: boolean;
}

export type ArgResult = { value: unknown } | { omit: true } | { error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function fieldsFromSchema(parameters: unknown): ArgField[] {
  if (!isObj(parameters) || !isObj(parameters.properties)) return [];
  const required = new Set(Array.isArray(parameters.required) ? parameters.required.filter((r) => typeof r === "string") : []);
  return Object.entries(parameters.properties).map(([name, sub]) => fieldOf(name, sub, required.has(name)));
}

function fieldOf(name: string, sub: unknown, required: boolean): ArgField {
  const base: ArgField = {
    name,
    kind: "json",
    required,
    description: isObj(sub) && typeof sub.description === "string" ? sub.description : "",
    enumValues: [],
    nullable: false,
    typeLabel: typeOf(sub),
    acceptsString: true,
  };
  if (!isObj(sub)) return base;
  if (Array.isArray(sub.enum) && sub.enum.length > 0) {
    return { ...base, kind: "enum", enumValues: sub.enum, nullable: sub.enum.includes(null) };
  }
  if ("const" in sub) return { ...base, kind: "enum", enumValues: [sub.const] };
  let type = sub.type;
  let nullable = false;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== "null");
    nullable = nonNull.length < type.length;
    type = nonNull.length === 1 ? nonNull[0] : undefined;
  }
  switch (type) {
    case "string":
    case "number":
    case "integer":
    case "boolean":
      return { ...base, kind: type, nullable };
    case "array":
    case "object":
      return { ...base, nullable, acceptsString: false };
    default:
      return base;
  }
}

/** The text an input shows for a stored argument value (undefined: not given). */
export function argumentToInput(field: ArgField, value: unknown): string {
  if (value === undefined) return "";
  if (value === null && field.nullable && field.kind !== "json" && field.kind !== "enum") return "";
  switch (field.kind) {
    case "string":
      return typeof value === "string" ? value : JSON.stringify(value);
    case "number":
    case "integer":
      return typeof value === "number" ? String(value) : typeof value === "string" ? value : JSON.stringify(value);
    case "boolean":
      return value === true ? "true" : value === false ? "false" : JSON.stringify(value);
    case "enum":
      return JSON.stringify(value);
    case "json":
      // A string in a field that never accepts strings is text that did not parse: show it as typed.
      return typeof value === "string" && !field.acceptsString ? value : JSON.stringify(value);
  }
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** What typed text means for the argument: a value, "leave it out", or an error to show. */
export function inputToArgument(field: ArgField, input: string): ArgResult {
  const text = field.kind === "string" ? input : input.trim();
  if (text === "") return field.nullable && field.required ? { value: null } : { omit: true };
  switch (field.kind) {
    case "string":
      return { value: input };
    case "number":
    case "integer": {
      if (!NUMBER.test(text)) return { error: `"${text}" is not a number` };
      const n = Number(text);
      if (!Number.isFinite(n)) return { error: `"${text}" is too large` };
      if (field.kind === "integer" && !Number.isInteger(n)) return { error: `"${text}" is not a whole number` };
      return { value: n };
    }
    case "boolean":
      if (text === "true") return { value: true };
      if (text === "false") return { value: false };
      return { error: "choose true or false" };
    case "enum": {
      const hit = field.enumValues.find((v) => JSON.stringify(v) === text);
      if (hit !== undefined) return { value: hit };
      const parsed = parseJsonText(text);
      return parsed.ok ? { value: parsed.value } : { error: `"${text}" is not one of the allowed values` };
    }
    case "json": {
      const parsed = parseJsonText(text);
      if (parsed.ok) return { value: parsed.value };
      const e = parsed.error;
      return { error: `not valid JSON: ${e.message} (line ${e.line}, column ${e.column})` };
    }
  }
}

/**
 * Applies typed text to an arguments object. Text that does not convert is kept as a string value
 * so nothing typed is lost; validation then flags it against the schema.
 */
export function applyInput(args: Readonly<Obj>, field: ArgField, input: string): { args: Obj; error: string | null } {
  const r = inputToArgument(field, input);
  const next: Obj = { ...args };
  if ("omit" in r) delete next[field.name];
  else if ("value" in r) next[field.name] = r.value;
  else next[field.name] = input;
  return { args: next, error: "error" in r ? r.error : null };
}

/** Argument names present in a call but not in the tool's schema (left from another tool, or imported). */
export function extraArguments(fields: readonly ArgField[], args: Readonly<Obj>): string[] {
  const known = new Set(fields.map((f) => f.name));
  return Object.keys(args).filter((k) => !known.has(k));
}

/** Keeps the arguments a newly chosen tool also has, so switching tools does not lose typed values. */
export function carryArguments(fields: readonly ArgField[], args: Readonly<Obj>): Obj {
  const known = new Set(fields.map((f) => f.name));
  return Object.fromEntries(Object.entries(args).filter(([k]) => known.has(k)));
}
