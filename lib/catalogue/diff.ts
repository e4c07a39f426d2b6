// The difference between two catalogue snapshots, for the history's "compare versions": which
// tools were added, removed (never deleted, so: gone from the later snapshot) or changed, and a
// line diff of a changed tool's JSON.
import type { CatalogueTool } from "../schemas/tool";

export type ToolField = "description" | "parameters" | "archived" | "position";

export interface CatalogueDiff {
  added: CatalogueTool[];
  removed: CatalogueTool[];
  changed: { name: string; fields: ToolField[]; before: CatalogueTool; after: CatalogueTool }[];
  unchanged: number;
}

export function diffCatalogues(before: readonly CatalogueTool[], after: readonly CatalogueTool[]): CatalogueDiff {
  const old = new Map(before.map((t, i) => [t.name, { t, i }]));
  const now = new Set(after.map((t) => t.name));
  const diff: CatalogueDiff = { added: [], removed: before.filter((t) => !now.has(t.name)), changed: [], unchanged: 0 };
  // A tool's position counts as changed only when its order among the tools both sides have moved.
  const common = after.filter((t) => old.has(t.name)).map((t) => t.name);
  const commonBefore = before.filter((t) => now.has(t.name)).map((t) => t.name);
  after.forEach((t) => {
    const was = old.get(t.name);
    if (!was) return void diff.added.push(t);
    const fields: ToolField[] = [];
    if (t.description !== was.t.description) fields.push("description");
    if (JSON.stringify(t.parameters) !== JSON.stringify(was.t.parameters)) fields.push("parameters");
    if (t.archived !== was.t.archived) fields.push("archived");
    if (common.indexOf(t.name) !== commonBefore.indexOf(t.name)) fields.push("position");
    if (fields.length === 0) diff.unchanged += 1;
    else diff.changed.push({ name: t.name, fields, before: was.t, after: t });
  });
  return diff;
}

/** A tool as the diff shows it: pretty JSON of what a version holds of it. */
export function toolJson(t: CatalogueTool): string {
  return JSON.stringify({ description: t.description, parameters: t.parameters, archived: t.archived }, null, 2);
}

export interface DiffLine {
  op: "same" | "add" | "del";
  text: string;
  /** 1-based line numbers on each side (absent on the side a line is not on). */
  a?: number;
  b?: number;
}

/** Above this many lines on both sides multiplied, the LCS table is skipped: everything old is removed, everything new added. */
const MAX_CELLS = 4_000_000;

/**
 * A line diff by longest common subsequence (tool JSON is at most 64 KB, usually tens of lines):
 * lines only in `a` are "del", only in `b` "add", in order, deletions before additions.
 */
export function lineDiff(a: string, b: string): DiffLine[] {
  const x = a.split("\n");
  const y = b.split("\n");
  // Common head and tail need no table.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ op: "same", text: x[i], a: i + 1, b: i + 1 });
  const n = xs.length;
  const m = ys.length;
  let i = 0;
  let j = 0;
  const emit = (op: DiffLine["op"]) => {
    if (op === "same") {
      out.push({ op, text: xs[i], a: head + i + 1, b: head + j + 1 });
      i++;
      j++;
    } else if (op === "del") {
      out.push({ op, text: xs[i], a: head + i + 1 });
      i++;
    } else {
      out.push({ op, text: ys[j], b: head + j + 1 });
      j++;
    }
  };
  if (n * m <= MAX_CELLS) {
    // lcs[i][j]: the longest common subsequence of xs[i..] and ys[j..], in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let p = n - 1; p >= 0; p--) {
      for (let q = m - 1; q >= 0; q--) lcs[p * w + q] = xs[p] === ys[q] ? lcs[(p + 1) * w + q + 1] + 1 : Math.max(lcs[(p + 1) * w + q], lcs[p * w + q + 1]);
    }
    while (i < n && j < m) {
      if (xs[i] === ys[j]) emit("same");
      else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) emit("del");
      else emit("add");
    }
  }
  while (i < n) emit("del");
  while (j < m) emit("add");
  for (let k = 0; k < tail; k++) {
    const ai = x.length - tail + k;
    const bi = y.length - tail + k;
    out.push({ op: "same", text: x[ai], a: ai + 1, b: bi + 1 });
  }
  return out;
}
