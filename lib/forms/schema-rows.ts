// A tool's parameters schema as editable rows (one per argument), and back. The rows cover the
// common shape of function parameters; anything richer is reported as unsupported so the editor
// offers raw JSON instead of silently dropping keywords.
import type { Issue } from "@/lib/schemas/common";
import { splitList } from "@/lib/client/format";

export const ROW_TYPES = ["string", "number", "integer", "boolean", "array", "object"] as const;
export type RowType = (typeof ROW_TYPES)[number];
/** Item type of an array argument; "" means any item. */
export const ITEM_TYPES = ["", "string", "number", "integer", "boolean", "object"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export interface SchemaRow {
  /** Stable identity for the UI list; not part of the schema. */
  key: string;
  name: string;
  type: RowType;
  description: string;
  required: boolean;
  /** Allowed values as a comma list (string, number and integer arguments). */
  enumText: string;
  itemType: ItemType;
}

export type RowsResult = { rows: SchemaRow[]; additionalProperties: boolean } | { unsupported: string };

type Obj = Record<string, unknown>;
const ROOT_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);
const PROP_KEYS = new Set(["type", "description", "enum", "items"]);

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function newRow(key: string, name = ""): SchemaRow {
  return { key, name, type: "string", description: "", required: false, enumText: "", itemType: "" };
}

export function schemaToRows(schema: unknown): RowsResult {
  if (!isObj(schema)) return { unsupported: "the parameters are not a JSON object" };
  for (const k of Object.keys(schema)) {
    if (!ROOT_KEYS.has(k)) return { unsupported: `the schema uses "${k}" at the top level` };
  }
  if (schema.type !== "object") return { unsupported: 'the top level is not { "type": "object" }' };
  const props = schema.properties ?? {};
  if (!isObj(props)) return { unsupported: '"properties" is not an object' };
  const required = schema.required ?? [];
  if (!Array.isArray(required) || !required.every((r) => typeof r === "string")) {
    return { unsupported: '"required" is not a list of names' };
  }
  for (const r of required) if (!(r in props)) return { unsupported: `"${r}" is required but is not an argument` };
  const ap = schema.additionalProperties;
  if (ap !== undefined && typeof ap !== "boolean") return { unsupported: '"additionalProperties" is a schema, not true/false' };

  const rows: SchemaRow[] = [];
  for (const [name, sub] of Object.entries(props)) {
    const row = propToRow(name, sub, required.includes(name), `r${rows.length}`);
    if ("unsupported" in row) return row;
    rows.push(row);
  }
  return { rows, additionalProperties: ap !== false };
}

function propToRow(name: string, sub: unknown, required: boolean, key: string): SchemaRow | { unsupported: string } {
  const no = (why: string) => ({ unsupported: `argument "${name}" ${why}` });
  if (!isObj(sub)) return no("is not described by an object");
  for (const k of Object.keys(sub)) if (!PROP_KEYS.has(k)) return no(`uses "${k}"`);
  const type = sub.type;
  if (Array.isArray(type)) return no("has several types");
  if (typeof type !== "string" || !(ROW_TYPES as readonly string[]).includes(type)) return no(type === undefined ? "has no type" : `has type ${JSON.stringify(type)}`);
  const row = newRow(key, name);
  row.type = type as RowType;
  row.required = required;
  if (sub.description !== undefined) {
    if (typeof sub.description !== "string") return no("has a description that is not text");
    row.description = sub.description;
  }
  if (sub.enum !== undefined) {
    const text = enumToText(row.type, sub.enum);
    if (text === null) return no("has allowed values the rows cannot show as a comma list");
    row.enumText = text;
  }
  if (sub.items !== undefined) {
    if (row.type !== "array") return no('has "items" but is not an array');
    if (!isObj(sub.items)) return no('has "items" that is not an object');
    const keys = Object.keys(sub.items);
    if (keys.some((k) => k !== "type")) return no("has array items described by more than a type");
    const it = sub.items.type;
    if (it !== undefined && (typeof it !== "string" || it === "" || !(ITEM_TYPES as readonly string[]).includes(it))) {
      return no(`has array items of type ${JSON.stringify(it)}`);
    }
    row.itemType = (it ?? "") as ItemType;
  }
  return row;
}

function enumToText(type: RowType, values: unknown): string | null {
  if (!Array.isArray(values) || values.length === 0) return null;
  if (type === "string") {
    const ok = values.every((v) => typeof v === "string" && v !== "" && !v.includes(",") && v.trim() === v);
    return ok ? values.join(", ") : null;
  }
  if (type === "number" || type === "integer") {
    const ok = values.every((v) => typeof v === "number" && Number.isFinite(v) && (type === "number" || Number.isInteger(v)));
    return ok ? values.join(", ") : null;
  }
  return null;
}

function enumFromText(type: RowType, text: string): unknown[] | undefined {
  const parts = splitList(text);
  if (parts.length === 0) return undefined;
  if (type === "string") return parts;
  if (type === "number" || type === "integer") return parts.map(Number).filter((n) => Number.isFinite(n));
  return undefined;
}

export function rowsToSchema(rows: readonly SchemaRow[], additionalProperties: boolean): Obj {
  const properties: Obj = {};
  const required: string[] = [];
  for (const row of rows) {
    const name = row.name.trim();
    if (name === "") continue;
    const prop: Obj = { type: row.type };
    if (row.description.trim() !== "") prop.description = row.description;
    const values = enumFromText(row.type, row.enumText);
    if (values && values.length > 0) prop.enum = values;
    if (row.type === "array" && row.itemType !== "") prop.items = { type: row.itemType };
    properties[name] = prop;
    if (row.required && !required.includes(name)) required.push(name);
  }
  const schema: Obj = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  if (!additionalProperties) schema.additionalProperties = false;
  return schema;
}

/** Problems the rows have before they become a schema: names missing or repeated, bad allowed values. */
export function rowIssues(rows: readonly SchemaRow[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (name === "") issues.push({ path: `rows.${i}.name`, message: "the argument needs a name" });
    else if (seen.has(name)) issues.push({ path: `rows.${i}.name`, message: `"${name}" is already argument ${seen.get(name)! + 1}` });
    else seen.set(name, i);
    if (row.type === "number" || row.type === "integer") {
      for (const part of splitList(row.enumText)) {
        const n = Number(part);
        if (!Number.isFinite(n)) issues.push({ path: `rows.${i}.enum`, message: `"${part}" is not a number` });
        else if (row.type === "integer" && !Number.isInteger(n)) issues.push({ path: `rows.${i}.enum`, message: `"${part}" is not a whole number` });
      }
    }
  });
  return issues;
}

export function rowCanHaveEnum(type: RowType): boolean {
  return type === "string" || type === "number" || type === "integer";
}
