// BFCL's AST checker (ast_checker.py) for Python, rule by rule: the type check with its variable
// exception, the string / list / dict / list-of-dicts value checkers, and the greedy in-order matching
// of parallel calls. bfcl-rules.md in the shared folder states them; README.md here says where ToolTune departs.
import { isObject } from "../formats/util";
import { alternatives, has, normalize, pyEq, pyType, valueFailure, type Failure, type PyType } from "./values";

/**
 * The type of the first acceptable value that is not "" (null when all are ""). Answer files write
 * floats as 1.0, which JSON.parse reads as 1: an integral number counts as the float the schema asks for.
 */
function answerType(answers: unknown[], expected: PyType | null): PyType | null {
  const first = answers.find((a) => a !== "");
  if (first === undefined) return null;
  if (typeof first === "number" && Number.isInteger(first)) return expected === "float" ? "float" : "int";
  return pyType(first);
}

export interface TypeResult {
  ok: boolean;
  /** The answer's type differs from the schema's: the value is a variable name, checked by exact membership only. */
  isVariable: boolean;
}

/**
 * type_checker: the value must have the schema's type (or the answer's, the variable exception); arrays
 * also check each element against items.type, one level deep, against each acceptable list in turn.
 */
export function typeCheck(
  vtype: PyType,
  value: unknown,
  answers: unknown[],
  expected: PyType,
  nested: PyType | null,
  itemFloat: (i: number) => boolean,
): TypeResult {
  const paType = answerType(answers, expected);
  const isVariable = paType !== null && paType !== expected;
  if (vtype === expected) {
    if (nested === null) return { ok: true, isVariable };
    const items = value as unknown[];
    for (const acceptable of answers) {
      const fits =
        !Array.isArray(acceptable) ||
        items.every((v, i) => typeCheck(pyType(v, itemFloat(i)), v, acceptable, nested, null, () => false).ok);
      if (fits) return { ok: true, isVariable };
    }
    return { ok: false, isVariable: false };
  }
  if (paType !== null && vtype === paType) return { ok: true, isVariable: true };
  return { ok: false, isVariable: false };
}

function stringCheck(param: string, value: string, answers: unknown[]): Failure | null {
  const ok = answers.some((a) => typeof a === "string" && normalize(a) === normalize(value));
  return ok ? null : valueFailure(param, answers, value);
}

function normalizeItems(list: unknown[]): unknown[] {
  return list.map((x) => (typeof x === "string" ? normalize(x) : x));
}

/** list_checker: string elements normalised, then equal to one acceptable list (order, length, duplicates). */
function listCheck(param: string, value: unknown[], answers: unknown[]): Failure | null {
  const mine = normalizeItems(value);
  // Python iterates a string answer character by character, so "" (optional) equals the empty list.
  const ok = answers.some((a) => (Array.isArray(a) || typeof a === "string") && pyEq(mine, normalizeItems(Array.from(a))));
  return ok ? null : valueFailure(param, answers, value);
}

/** dict_checker: some acceptable dict (skipping "") accepts every key; nested dicts compare by equality. Reports how the first one differs. */
export function dictCheck(param: string, value: Record<string, unknown>, answers: unknown[]): Failure | null {
  let failure: Failure | null = null;
  for (const acceptable of answers) {
    if (acceptable === "") continue;
    const f = dictAgainst(param, value, acceptable);
    if (f === null) return null;
    failure ??= f;
  }
  return failure ?? valueFailure(param, answers, value);
}

function dictAgainst(param: string, value: Record<string, unknown>, acceptable: unknown): Failure | null {
  if (!isObject(acceptable)) return valueFailure(param, [acceptable], value);
  for (const [key, v] of Object.entries(value)) {
    if (!has(acceptable, key)) return { kind: "unexpected", argument: `${param}.${key}`, message: `${param}: unexpected key '${key}'` };
    const options = alternatives(acceptable[key]);
    const mine = typeof v === "string" ? normalize(v) : v;
    if (!options.some((o) => pyEq(mine, typeof o === "string" ? normalize(o) : o))) return valueFailure(`${param}.${key}`, options, v);
  }
  for (const [key, options] of Object.entries(acceptable)) {
    if (!has(value, key) && !alternatives(options).includes(""))
      return { kind: "missing", argument: `${param}.${key}`, message: `${param}: missing key '${key}'` };
  }
  return null;
}

/** list_dict_checker: same length as an acceptable list, dicts matched index by index. */
function listDictCheck(param: string, value: unknown[], answers: unknown[]): Failure | null {
  let failure: Failure = valueFailure(param, answers, value);
  for (const acceptable of answers) {
    const list = Array.isArray(acceptable) ? acceptable : acceptable === "" ? [] : null;
    if (list === null) continue;
    if (list.length !== value.length) {
      failure = { kind: "value", argument: param, message: `${param}: expected ${list.length} items, got ${value.length}` };
      continue;
    }
    const bad = value
      .map((v, i) => (isObject(v) ? dictCheck(`${param}.${i}`, v, [list[i]]) : valueFailure(`${param}.${i}`, [list[i]], v)))
      .find((f) => f !== null);
    if (!bad) return null;
    failure = bad;
  }
  return failure;
}

function membership(param: string, value: unknown, answers: unknown[], floatLiteral: boolean): Failure | null {
  return answers.some((a) => pyEq(value, a)) ? null : valueFailure(param, answers, value, floatLiteral);
}

/**
 * The value check for a value that passed the type check and is not a variable. `expected` null (no
 * schema type, BFCL's "any") checks the value by its own type.
 */
export function bfclValue(
  param: string,
  value: unknown,
  answers: unknown[],
  expected: PyType | null,
  nested: PyType | null,
  floatLiteral: boolean,
): Failure | null {
  const t = expected ?? pyType(value, floatLiteral);
  if (t === "dict") return dictCheck(param, value as Record<string, unknown>, answers);
  if (t === "list" && nested === "dict") return listDictCheck(param, value as unknown[], answers);
  if (t === "str") return stringCheck(param, value as string, answers);
  if (t === "list") return listCheck(param, value as unknown[], answers);
  return membership(param, value, answers, floatLiteral);
}

/**
 * parallel_function_checker_no_order: for each expected call in order, the first unused model call that
 * passes. Greedy, so a correct set can fail when an early expected call accepts several values. The
 * matching goes on past a failure so the leftovers can still be aligned for the confusion matrix.
 */
export function greedyMatching(golds: number, calls: number, passes: (g: number, c: number) => boolean): (number | null)[] {
  const used = new Set<number>();
  return Array.from({ length: golds }, (_, g) => {
    for (let c = 0; c < calls; c++) {
      if (!used.has(c) && passes(g, c)) {
        used.add(c);
        return c;
      }
    }
    return null;
  });
}
