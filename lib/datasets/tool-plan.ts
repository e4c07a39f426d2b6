// What an import does with each tool it finds: add it, map it onto an identical catalogue tool, or
// (same name, different schema) ask the user. Pure.
import type { ToolDef } from "../formats/types";

export type ToolAction = "add" | "same" | "conflict";
export type ConflictDecision = "keep_existing" | "use_imported";

export interface ToolPlanEntry {
  name: string;
  action: ToolAction;
  imported: ToolDef;
  existing?: ToolDef;
  /** For conflicts: what the user chose (keep_existing until they choose). */
  decision?: ConflictDecision;
  /** How many records declared it. */
  seenIn: number;
  /** Different definitions of this name inside the file (records using a later one are judged against the first). */
  variants: number;
}

/** Key order inside a schema is not a difference between two tools. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sameTool(a: ToolDef, b: ToolDef): boolean {
  return a.description.trim() === b.description.trim() && canonicalJson(a.parameters) === canonicalJson(b.parameters);
}

/** Accumulates the tools records declare (first definition of a name wins, later different ones are noted). */
export class ToolCollector {
  private readonly found = new Map<string, { def: ToolDef; seenIn: number; shapes: Set<string> }>();

  add(tools: readonly ToolDef[]) {
    for (const t of tools) {
      const shape = canonicalJson(t.parameters);
      const hit = this.found.get(t.name);
      if (hit) {
        hit.seenIn += 1;
        if (hit.shapes.size < 100) hit.shapes.add(shape);
      } else this.found.set(t.name, { def: t, seenIn: 1, shapes: new Set([shape]) });
    }
  }

  plan(catalogue: readonly ToolDef[]): ToolPlanEntry[] {
    const byName = new Map(catalogue.map((t) => [t.name, t]));
    return [...this.found.values()].map(({ def, seenIn, shapes }) => {
      const existing = byName.get(def.name);
      const variants = shapes.size;
      if (!existing) return { name: def.name, action: "add", imported: def, seenIn, variants };
      if (sameTool(existing, def)) return { name: def.name, action: "same", imported: def, existing, seenIn, variants };
      return { name: def.name, action: "conflict", imported: def, existing, decision: "keep_existing", seenIn, variants };
    });
  }
}

/** The catalogue records are validated against once the plan (with the user's decisions) is applied. */
export function catalogueAfterPlan(catalogue: readonly ToolDef[], plan: readonly ToolPlanEntry[]): ToolDef[] {
  const out = new Map(catalogue.map((t) => [t.name, t]));
  for (const e of plan) {
    if (e.action === "add" || (e.action === "conflict" && e.decision === "use_imported")) out.set(e.name, e.imported);
  }
  return [...out.values()];
}
