// What an import does with each tool it finds: add it, map it onto an identical catalogue tool, or
// (same name, different schema) ask the user. Two fix-ups come before that comparison, each a
// visible choice with a default: a name the file declares with different schemas (Glaive-style
// data) is taken from its first declaration or merged from all of them (tool-variants.ts), and a
// BFCL-typed declaration (`dict`, `float`, `optional`, ...) is converted to JSON Schema or kept as
// declared (bfcl-schema.ts). `imported` is always the result of the choices: records are judged
// against it and it is what lands in the catalogue. Pure.
import type { Issue } from "../schemas/common";
import type { ToolDef } from "../formats/types";
import { checkToolSchema } from "../validation/tool-schema";
import { bfclToJsonSchema } from "./bfcl-schema";
import { canonicalJson, VariantMerger, type MergeResult } from "./tool-variants";

export { canonicalJson } from "./tool-variants";

export type ToolAction = "add" | "same" | "conflict";
export type ConflictDecision = "keep_existing" | "use_imported";
/** For a name declared with different schemas: the first declaration (default), or the merge of all. */
export type VariantChoice = "first" | "merge";
/** For a BFCL-typed declaration: convert it to JSON Schema (default), or keep it as declared. */
export type SchemaFix = "convert" | "as_declared";

export interface ToolChoices {
  variantChoice?: VariantChoice;
  schemaFix?: SchemaFix;
}

export interface ToolPlanEntry {
  name: string;
  action: ToolAction;
  /** The definition records are judged against and the catalogue receives (after the choices below). */
  imported: ToolDef;
  existing?: ToolDef;
  /** For conflicts: what the user chose (keep_existing until they choose). */
  decision?: ConflictDecision;
  /** How many records declared it. */
  seenIn: number;
  /** Different definitions of this name inside the file. */
  variants: number;
  /** The first definition, as the file declares it (plans stored before fix-ups lack it: `imported` is then that). */
  declared?: ToolDef;
  /** With variants > 1: the merge of every variant, or why it is refused. */
  merge?: MergeResult;
  variantChoice?: VariantChoice;
  /** What converting BFCL types changes in the chosen definition (absent when it has none). */
  bfclChanges?: string[];
  schemaFix?: SchemaFix;
  /** What the catalogue's schema check finds wrong in `imported` (empty or absent: it is valid JSON Schema). */
  schemaIssues?: Issue[];
}

export function sameTool(a: ToolDef, b: ToolDef): boolean {
  return a.description.trim() === b.description.trim() && canonicalJson(a.parameters) === canonicalJson(b.parameters);
}

/** Recomputes an entry's `imported`, action and notes for the given choices (missing ones keep the entry's, then the defaults). */
export function resolveEntry(entry: ToolPlanEntry, choices: ToolChoices = {}): ToolPlanEntry {
  const declared = entry.declared ?? entry.imported;
  const variantChoice = entry.variants > 1 ? (choices.variantChoice ?? entry.variantChoice ?? "first") : undefined;
  const base = variantChoice === "merge" && entry.merge?.ok ? entry.merge.def : declared;
  const converted = bfclToJsonSchema(base.parameters);
  const bfclChanges = converted.changes.length > 0 ? converted.changes : undefined;
  const schemaFix = bfclChanges ? (choices.schemaFix ?? entry.schemaFix ?? "convert") : undefined;
  const imported = bfclChanges && schemaFix === "convert" ? { ...base, parameters: converted.schema } : base;
  const action: ToolAction = !entry.existing ? "add" : sameTool(entry.existing, imported) ? "same" : "conflict";
  const issues = checkToolSchema(imported.parameters);
  const out: ToolPlanEntry = { ...entry, declared, imported, action, variantChoice, bfclChanges, schemaFix, schemaIssues: issues.length > 0 ? issues : undefined };
  if (action === "conflict") out.decision = entry.decision ?? "keep_existing";
  else delete out.decision;
  for (const k of ["variantChoice", "bfclChanges", "schemaFix", "schemaIssues"] as const) if (out[k] === undefined) delete out[k];
  return out;
}

/** cyrb53: a fast non-cryptographic string hash (collisions at 53 bits are negligible for counting shapes). */
function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Equal JSON values, keys in the same order (parsed JSON only: no undefined, functions or cycles). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameJson((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

const SHAPE_CACHE_LIMIT = 1024;
const SHAPE_CACHE_TEXT = 64 * 1024;

/** Accumulates the tools records declare (the first definition of a name, and the merge of all of them). */
export class ToolCollector {
  // Shapes are kept as 53-bit hashes of their canonical JSON: a file whose every line declares a
  // tool slightly differently costs a number per line, not the schema's text.
  private readonly found = new Map<string, { def: ToolDef; seenIn: number; shapes: Set<number>; merger: VariantMerger }>();
  // Most files repeat each declaration verbatim on every line: its plain JSON (native, quick) finds
  // the shape without sorting keys again. Bounded, so a file of all-different schemas stays flat.
  private readonly shapeOfText = new Map<string, number>();

  // The previous declaration of each name: the next one is usually equal, which a walk confirms
  // without building any text.
  private readonly last = new Map<string, { parameters: unknown; shape: number }>();

  private shapeOf(name: string, parameters: Record<string, unknown>): number {
    const last = this.last.get(name);
    if (last && sameJson(last.parameters, parameters)) return last.shape;
    const shape = this.shapeOfJson(parameters);
    this.last.set(name, { parameters, shape });
    return shape;
  }

  private shapeOfJson(parameters: Record<string, unknown>): number {
    const text = JSON.stringify(parameters);
    let shape = this.shapeOfText.get(text);
    if (shape === undefined) {
      shape = hash53(canonicalJson(parameters));
      if (this.shapeOfText.size < SHAPE_CACHE_LIMIT && text.length <= SHAPE_CACHE_TEXT) this.shapeOfText.set(text, shape);
    }
    return shape;
  }

  add(tools: readonly ToolDef[]) {
    for (const t of tools) {
      const shape = this.shapeOf(t.name, t.parameters);
      const hit = this.found.get(t.name);
      if (hit) {
        hit.seenIn += 1;
        if (!hit.shapes.has(shape)) {
          hit.shapes.add(shape);
          hit.merger.add(t);
        }
      } else {
        const merger = new VariantMerger();
        merger.add(t);
        this.found.set(t.name, { def: t, seenIn: 1, shapes: new Set([shape]), merger });
      }
    }
  }

  plan(catalogue: readonly ToolDef[], choices: Record<string, ToolChoices> = {}): ToolPlanEntry[] {
    const byName = new Map(catalogue.map((t) => [t.name, t]));
    return [...this.found.values()].map(({ def, seenIn, shapes, merger }) => {
      const variants = shapes.size;
      const entry: ToolPlanEntry = { name: def.name, action: "add", imported: def, declared: def, existing: byName.get(def.name), seenIn, variants };
      if (!entry.existing) delete entry.existing;
      if (variants > 1) entry.merge = merger.result();
      return resolveEntry(entry, choices[def.name]);
    });
  }
}

/** The fix-up choices a plan holds, by tool name (to carry them into a new analysis of the same file). */
export function choicesOf(plan: readonly ToolPlanEntry[]): Record<string, ToolChoices> {
  return Object.fromEntries(plan.map((e) => [e.name, { variantChoice: e.variantChoice, schemaFix: e.schemaFix }]));
}

/** The catalogue records are validated against once the plan (with the user's decisions) is applied. */
export function catalogueAfterPlan(catalogue: readonly ToolDef[], plan: readonly ToolPlanEntry[]): ToolDef[] {
  const out = new Map(catalogue.map((t) => [t.name, t]));
  for (const e of plan) {
    if (e.action === "add" || (e.action === "conflict" && e.decision === "use_imported")) out.set(e.name, e.imported);
  }
  return [...out.values()];
}
