// Merging the different definitions one file gives a tool name (Glaive-style data declares the
// tools per conversation, so `get_weather` may have `unit` on some lines and not on others). Pure,
// and incremental: the merger keeps the union so far, not every variant, so memory stays flat.
//
// The merge: every property any variant declares, in first-seen order; `required` = the properties
// every variant requires; the tool's description and other top-level keywords from the first
// variant. A property declared differently by some variants (other type, enum, ...) becomes
// `anyOf` of its distinct declarations; the first description is kept beside it, and the plan
// names the property. Descriptions alone do not make a difference.
import type { ToolDef } from "../formats/types";
import { isObject } from "../formats/util";

/** Key order inside a schema is not a difference between two tools. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A property with more distinct declarations than this is not merged: the merge is refused, naming it. */
export const MAX_PROPERTY_VARIANTS = 8;

export type MergeResult = { ok: true; def: ToolDef; notes: string[] } | { ok: false; reason: string };

interface PropertyState {
  schemas: unknown[];
  keys: Set<string>;
}

function withoutDescription(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const { description: _d, ...rest } = schema;
  return rest;
}

function typeLabel(schema: unknown): string {
  if (!isObject(schema)) return JSON.stringify(schema);
  if (Array.isArray(schema.enum)) return `${typeof schema.type === "string" ? schema.type + " " : ""}enum ${JSON.stringify(schema.enum)}`;
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.join("|");
  return "untyped";
}

export class VariantMerger {
  private first: ToolDef | null = null;
  private readonly props = new Map<string, PropertyState>();
  private required: Set<string> | null = null;
  private refused: string | null = null;
  private count = 0;

  add(def: ToolDef): void {
    this.count += 1;
    this.first ??= def;
    const properties = isObject(def.parameters.properties) ? def.parameters.properties : {};
    for (const [name, schema] of Object.entries(properties)) {
      const key = canonicalJson(withoutDescription(schema));
      const state = this.props.get(name);
      if (!state) this.props.set(name, { schemas: [schema], keys: new Set([key]) });
      else if (!state.keys.has(key)) {
        state.keys.add(key);
        if (state.schemas.length < MAX_PROPERTY_VARIANTS) state.schemas.push(schema);
        else this.refused ??= `properties.${name} has more than ${MAX_PROPERTY_VARIANTS} different declarations across the variants`;
      }
    }
    const req = new Set(Array.isArray(def.parameters.required) ? def.parameters.required.filter((n): n is string => typeof n === "string") : []);
    this.required = this.required === null ? req : new Set([...this.required].filter((n) => req.has(n)));
  }

  result(): MergeResult {
    if (!this.first) return { ok: false, reason: "no definition to merge" };
    if (this.refused) return { ok: false, reason: this.refused };
    const notes: string[] = [];
    const properties: Record<string, unknown> = {};
    for (const [name, { schemas }] of this.props) {
      if (schemas.length === 1) properties[name] = schemas[0];
      else {
        const description = schemas.map((s) => (isObject(s) && typeof s.description === "string" ? s.description : undefined)).find(Boolean);
        properties[name] = { ...(description ? { description } : {}), anyOf: schemas.map(withoutDescription) };
        notes.push(`properties.${name}: the variants declare it differently (${schemas.map(typeLabel).join(" / ")}); merged as anyOf`);
      }
    }
    const firstProps = isObject(this.first.parameters.properties) ? Object.keys(this.first.parameters.properties) : [];
    const addedProps = [...this.props.keys()].filter((n) => !firstProps.includes(n));
    if (addedProps.length > 0) notes.push(`added from later variants: ${addedProps.join(", ")}`);
    const firstRequired = Array.isArray(this.first.parameters.required) ? this.first.parameters.required : [];
    const required = firstRequired.filter((n): n is string => typeof n === "string" && this.required!.has(n));
    const dropped = firstRequired.filter((n) => typeof n === "string" && !this.required!.has(n));
    if (dropped.length > 0) notes.push(`no longer required (some variants do not require it): ${dropped.join(", ")}`);
    const { required: _r, properties: _p, ...rest } = this.first.parameters;
    const parameters: Record<string, unknown> = { ...rest, type: rest.type ?? "object", properties };
    if (required.length > 0) parameters.required = required;
    return { ok: true, def: { name: this.first.name, description: this.first.description, parameters }, notes };
  }
}

/** Merges a list of definitions of one tool (see the file comment for the rules). */
export function mergeVariants(defs: readonly ToolDef[]): MergeResult {
  const m = new VariantMerger();
  for (const d of defs) m.add(d);
  return m.result();
}
