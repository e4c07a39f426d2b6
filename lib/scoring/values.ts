// Value helpers both match modes share: BFCL's string normalisation, Python's equality, Python type
// names for JSON values, and the wording of a mismatch.
import { isObject } from "../formats/util";
import type { ArgErrorKind } from "./types";

/** A failed check: a different tool ("name"), or what is wrong with which argument. */
export interface Failure {
  kind: "name" | ArgErrorKind;
  /** The argument, dotted for nested values ("address.city"); "" for the call itself. */
  argument: string;
  message: string;
}

/** BFCL's standardize_string: drop space , . / - _ * ^, lower-case, ' → ". */
export function normalize(s: string): string {
  return s
    .replace(/[ ,./\-_*^]/g, "")
    .toLowerCase()
    .replace(/'/g, '"');
}

/** Python's ==: 5 == 5.0 and True == 1; lists and dicts compared element by element. */
export function pyEq(a: unknown, b: unknown): boolean {
  const num = (v: unknown) => typeof v === "number" || typeof v === "boolean";
  if (num(a) && num(b)) return Number(a) === Number(b);
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && pyEq(a[k], b[k]));
  }
  return a === b;
}

export function has(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The acceptable values of an argument; a malformed non-list counts as the single value it is. */
export function alternatives(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

export type PyType = "str" | "int" | "float" | "bool" | "list" | "dict" | "none";

/** The type json.loads gives a value; `floatLiteral` when the text wrote an integral number as 5.0. */
export function pyType(v: unknown, floatLiteral = false): PyType {
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) && !floatLiteral ? "int" : "float";
  if (Array.isArray(v)) return "list";
  return v === null ? "none" : "dict";
}

const JSON_TO_PY: Record<string, PyType> = {
  string: "str",
  integer: "int",
  number: "float",
  boolean: "bool",
  array: "list",
  object: "dict",
  null: "none",
};

/**
 * BFCL's expected type for a catalogue (JSON Schema) parameter: number → float, integer → int, object →
 * dict, array → list. null means no type ("any" in BFCL): any value. A union type picks the member the
 * value has (an integer satisfies number), else its first member.
 */
export function expectedType(schema: unknown, vtype: PyType): PyType | null {
  if (!isObject(schema)) return null;
  const t = schema.type;
  if (typeof t === "string") return JSON_TO_PY[t] ?? null;
  if (!Array.isArray(t)) return null;
  const types = t.map((x) => JSON_TO_PY[String(x)]).filter((x): x is PyType => x !== undefined);
  if (types.includes(vtype)) return vtype;
  if (vtype === "int" && types.includes("float")) return "float";
  return types[0] ?? null;
}

const TYPE_WORDS: Record<PyType, string> = {
  str: "a string",
  int: "an integer",
  float: "a number",
  bool: "a boolean",
  list: "a list",
  dict: "an object",
  none: "null",
};

export function typeWord(t: PyType): string {
  return TYPE_WORDS[t];
}

export function show(v: unknown, floatLiteral = false, max = 60): string {
  const text = typeof v === "number" && floatLiteral && Number.isInteger(v) ? v.toFixed(1) : (JSON.stringify(v) ?? String(v));
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** `order_id: expected "A-1" (or "a1"), got "B-2"`; "" entries (may be omitted) are not listed. */
export function valueFailure(argument: string, acceptable: unknown[], got: unknown, floatLiteral = false): Failure {
  const shown = acceptable.filter((a) => a !== "");
  const more = shown.length > 4 ? `, ... ${shown.length - 4} more` : "";
  const expected =
    shown.length === 0
      ? "it to be left out"
      : shown.length === 1
        ? show(shown[0])
        : `${show(shown[0])} (or ${shown
            .slice(1, 4)
            .map((a) => show(a))
            .join(", ")}${more})`;
  return { kind: "value", argument, message: `${argument}: expected ${expected}, got ${show(got, floatLiteral)}` };
}
