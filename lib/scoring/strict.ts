// ToolTune's strict matching: BFCL's rules, but nested values are compared all the way down (with the
// same string normalisation) and parallel calls are matched optimally, in any order.
import { isObject } from "../formats/util";
import { alternatives, has, normalize, valueFailure, type Failure } from "./values";

/** Equal after normalising every string, at any depth; numbers by value; booleans are not numbers. */
export function literalMatch(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return normalize(a) === normalize(b);
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => literalMatch(x, b[i]));
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => has(b, k) && literalMatch(a[k], b[k]));
  }
  return a === b;
}

/**
 * The first difference between a value and one acceptable value, or null when it matches. `acceptable`
 * marks BFCL's acceptable-dict level (a dict argument, or a dict inside a list argument), whose keys
 * list alternatives ("" = may be omitted); below it values are literal.
 */
export function strictDiff(value: unknown, cand: unknown, path: string, acceptable: boolean): Failure | null {
  if (isObject(value) && isObject(cand)) {
    for (const key of Object.keys(value)) {
      if (!has(cand, key))
        return { kind: "unexpected", argument: `${path}.${key}`, message: `${path}: unexpected key '${key}', not in the gold answer` };
    }
    for (const [key, v] of Object.entries(value)) {
      const options = acceptable ? alternatives(cand[key]) : [cand[key]];
      if (options.some((o) => literalMatch(v, o))) continue;
      const inner = options.length === 1 ? strictDiff(v, options[0], `${path}.${key}`, false) : null;
      return inner ?? valueFailure(`${path}.${key}`, options, v);
    }
    for (const key of Object.keys(cand)) {
      if (!has(value, key) && !(acceptable && alternatives(cand[key]).includes(""))) {
        return { kind: "missing", argument: `${path}.${key}`, message: `${path}: missing key '${key}'` };
      }
    }
    return null;
  }
  if (Array.isArray(value) && Array.isArray(cand)) {
    if (value.length !== cand.length)
      return { kind: "value", argument: path, message: `${path}: expected ${cand.length} items, got ${value.length}` };
    for (let i = 0; i < value.length; i++) {
      const f = strictDiff(value[i], cand[i], `${path}.${i}`, acceptable && isObject(cand[i]));
      if (f) return f;
    }
    return null;
  }
  return literalMatch(value, cand) ? null : valueFailure(path, [cand], value);
}

/** Some acceptable value matches; otherwise the difference from the only one, or a list of them. */
export function strictValue(param: string, value: unknown, answers: unknown[], floatLiteral: boolean): Failure | null {
  if (answers.some((a) => strictDiff(value, a, param, true) === null)) return null;
  const shown = answers.filter((a) => a !== "");
  if (shown.length === 1) return strictDiff(value, shown[0], param, true);
  return valueFailure(param, answers, value, floatLiteral);
}

/**
 * A maximum matching of gold calls to model calls over the pairs that pass (augmenting paths, Kuhn's
 * algorithm): every gold call is matched whenever any one-to-one assignment exists, whatever the order.
 */
export function optimalMatching(golds: number, calls: number, passes: (g: number, c: number) => boolean): (number | null)[] {
  const edges = Array.from({ length: golds }, (_, g) => Array.from({ length: calls }, (_, c) => c).filter((c) => passes(g, c)));
  const owner: number[] = new Array<number>(calls).fill(-1);
  const augment = (g: number, seen: boolean[]): boolean => {
    for (const c of edges[g]) {
      if (seen[c]) continue;
      seen[c] = true;
      if (owner[c] === -1 || augment(owner[c], seen)) {
        owner[c] = g;
        return true;
      }
    }
    return false;
  };
  for (let g = 0; g < golds; g++) augment(g, new Array<boolean>(calls).fill(false));
  const result: (number | null)[] = new Array<number | null>(golds).fill(null);
  owner.forEach((g, c) => {
    if (g !== -1) result[g] = c;
  });
  return result;
}
