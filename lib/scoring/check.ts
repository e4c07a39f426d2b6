// BFCL's simple_function_checker, shared by both modes: name, required parameters, each model
// argument (known to the schema and the answer, typed, valued), then the answer's arguments the call
// left out. bfcl mode stops at the first failure as BFCL does and uses BFCL's value checkers; strict
// mode reports every failure and compares nested values all the way down.
import type { GoldAnswer } from "../formats/types";
import { isObject } from "../formats/util";
import { bfclValue, typeCheck } from "./bfcl";
import { strictValue } from "./strict";
import type { MatchMode, ParsedCall, ScoringTool } from "./types";
import { alternatives, expectedType, has, pyEq, pyType, show, typeWord, valueFailure, type Failure, type PyType } from "./values";

export function checkCall(tool: ScoringTool | undefined, call: ParsedCall, gold: GoldAnswer, mode: MatchMode): Failure[] {
  if (call.name !== gold.name) return [{ kind: "name", argument: "", message: `called ${call.name}, expected ${gold.name}` }];
  if (!tool) return [{ kind: "schema", argument: "", message: `${gold.name} is not in the catalogue` }];
  const schema = tool.parameters;
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : [];
  const args = call.arguments;
  const floats = new Set(call.floatLiterals ?? []);
  const out: Failure[] = [];
  const stop = (f: Failure | null) => {
    if (f) out.push(f);
    return f !== null && mode === "bfcl";
  };

  for (const name of required) {
    if (!has(args, name) && stop({ kind: "missing", argument: name, message: `missing argument '${name}' (required by ${tool.name})` }))
      return out;
  }
  for (const [name, value] of Object.entries(args)) {
    let f: Failure | null = null;
    if (!has(props, name))
      f = { kind: "unexpected", argument: name, message: `extra argument '${name}' is not a parameter of ${tool.name}` };
    else if (!has(gold.arguments, name))
      f = { kind: "unexpected", argument: name, message: `extra argument '${name}' not in the gold answer` };
    else f = checkArgument(name, value, props[name], alternatives(gold.arguments[name]), floats, mode);
    if (stop(f)) return out;
  }
  for (const [name, answers] of Object.entries(gold.arguments)) {
    if (has(args, name) || alternatives(answers).includes("")) continue;
    if (mode === "strict" && required.includes(name)) continue; // already reported above
    if (stop({ kind: "missing", argument: name, message: `missing argument '${name}' (the gold answer has it)` })) return out;
  }
  return out;
}

function checkArgument(
  name: string,
  value: unknown,
  schema: unknown,
  answers: unknown[],
  floats: Set<string>,
  mode: MatchMode,
): Failure | null {
  const floatLiteral = floats.has(name);
  let vtype = pyType(value, floatLiteral);
  const expected = expectedType(schema, vtype);
  const items = isObject(schema) ? schema.items : undefined;
  const nested = expected === "list" && isObject(items) ? expectedType(items, "none") : null;
  let isVariable = false;
  if (expected !== null) {
    if (expected === "float" && vtype === "int") vtype = "float"; // Python's int → float, the only coercion
    const t = typeCheck(vtype, value, answers, expected, nested, (i) => floats.has(`${name}.${i}`));
    if (!t.ok) return typeFailure(name, value, expected, vtype === expected ? nested : null, floats);
    isVariable = t.isVariable;
  }
  // The variable exception: the answer is a variable name, so only exact membership counts.
  if (isVariable) return answers.some((a) => pyEq(value, a)) ? null : valueFailure(name, answers, value, floatLiteral);
  return mode === "bfcl"
    ? bfclValue(name, value, answers, expected, nested, floatLiteral)
    : strictValue(name, value, answers, floatLiteral);
}

function typeFailure(name: string, value: unknown, expected: PyType, nested: PyType | null, floats: Set<string>): Failure {
  const got = (v: unknown, path: string) => `${typeWord(pyType(v, floats.has(path)))} (${show(v, floats.has(path))})`;
  if (nested === null) return { kind: "type", argument: name, message: `${name}: expected ${typeWord(expected)}, got ${got(value, name)}` };
  const items = value as unknown[];
  const i = Math.max(
    0,
    items.findIndex((v, j) => pyType(v, floats.has(`${name}.${j}`)) !== nested),
  );
  return {
    kind: "type",
    argument: name,
    message: `${name}: expected a list of ${typeWord(nested).replace(/^an? /, "")} items, item ${i} is ${got(items[i], `${name}.${i}`)}`,
  };
}
