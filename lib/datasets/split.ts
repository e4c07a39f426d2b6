// Stratified train/validation/gold split. Pure and deterministic: the same seed and examples give
// the same assignment on any machine. Stratified by the class of each example's routing decisions (its
// tools, joined for parallel calls, or no_tool), so every split sees every class in proportion.
import type { Split } from "../schemas/common";

export interface SplitCandidate {
  id: string;
  /** "no_tool", a tool name, or "a+b" for parallel calls. */
  klass: string;
}

export interface SplitFractions {
  validation: number;
  gold: number;
}

/** FNV-1a over seed and id: a stable, well-spread order without Math.random. */
export function stableHash(seed: number, id: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return h >>> 0;
}

export function assertFractions(f: SplitFractions) {
  for (const [k, v] of Object.entries(f)) if (!(v >= 0 && v < 1)) throw new RangeError(`${k} fraction must be in [0, 1), got ${v}`);
  if (f.validation + f.gold >= 1) throw new RangeError("validation + gold must leave something to train on");
}

/** Assigns each candidate a split. Per class: the first round(n*gold) by hash go to gold, the next round(n*validation) to validation. */
export function stratifiedSplit(candidates: readonly SplitCandidate[], f: SplitFractions, seed: number): Map<string, Split> {
  assertFractions(f);
  const byClass = new Map<string, SplitCandidate[]>();
  for (const c of candidates) {
    const list = byClass.get(c.klass) ?? [];
    list.push(c);
    byClass.set(c.klass, list);
  }
  const out = new Map<string, Split>();
  for (const klass of [...byClass.keys()].sort()) {
    // Each hash once (not twice per comparison): the same order, in a fraction of the time at 100k.
    const list = byClass
      .get(klass)!
      .map((c) => ({ c, h: stableHash(seed, c.id) }))
      .sort((a, b) => a.h - b.h || (a.c.id < b.c.id ? -1 : 1))
      .map((x) => x.c);
    const nGold = Math.round(list.length * f.gold);
    const nVal = Math.round(list.length * f.validation);
    list.forEach((c, i) => out.set(c.id, i < nGold ? "gold" : i < nGold + nVal ? "validation" : "train"));
  }
  return out;
}

/** The routing columns an example stores (lib/server/examples/derive.ts). */
export interface RoutingColumns {
  routingCount: number;
  routingNoToolCount: number;
  /** ",a,b," : every tool the example calls. */
  targetTools: string;
}

/**
 * The class of an example, by its routing decisions (replies to a user message): "no_tool" when every
 * one declines, else the tools it calls. A plain answer after a tool result is a follow-up and does
 * not make a tool-calling trace a no_tool example.
 */
export function targetClass(r: RoutingColumns): string {
  if (r.routingCount > 0 && r.routingNoToolCount === r.routingCount) return "no_tool";
  return r.targetTools.split(",").filter(Boolean).sort().join("+") || "unlabelled";
}
