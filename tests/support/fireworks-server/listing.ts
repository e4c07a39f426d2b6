// List parameters shared by datasets, supervised fine-tuning jobs and models, as the list references
// document them: `pageSize` ("The maximum page_size is 200, values above 200 will be coerced to 200. If
// unspecified, the default is 50"), `pageToken` ("all other parameters ... must match the call that provided
// the page token"), `filter` ("See https://google.aip.dev/160 for the filter syntax"), `orderBy` ("foo desc,bar
// ... If not specified, the default order is by name") and `readMask` ("If empty or "*", all fields").
// The response carries `nextPageToken` only when a next page exists, and `totalSize`.
//
// The filter grammar here is a subset of AIP-160, and its field names are this server's guess (Fireworks
// documents none): `field = "value"`, `field != "value"`, `field:"value"` (contains), `*` wildcards in `=`,
// terms joined by AND. Fields are given in snake_case or camelCase. Anything else is a 400.
import { createHash } from "node:crypto";
import { invalid } from "./errors";

type Row = Record<string, unknown>;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface Term {
  field: string;
  op: "=" | "!=" | ":";
  value: string;
}

const TERM = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(!=|=|:)\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_.*-]+))\s*$/;

function parseFilter(filter: string, fields: readonly string[]): Term[] {
  if (filter.trim() === "") return [];
  return filter.split(/\s+AND\s+/).map((part) => {
    const m = TERM.exec(part);
    if (!m) throw invalid(`invalid filter "${filter}": expected terms like display_name = "value", joined by AND`);
    const field = camel(m[1]);
    if (!fields.includes(field)) throw invalid(`invalid filter "${filter}": unknown field "${m[1]}" (filterable: ${fields.join(", ")})`);
    const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, "$1") : m[4];
    return { field, op: m[2] as Term["op"], value };
  });
}

function matches(row: Row, term: Term): boolean {
  const actual = row[term.field];
  const text = actual === undefined || actual === null ? "" : String(actual);
  if (term.op === ":") return text.includes(term.value);
  const pattern = new RegExp(
    `^${term.value
      .split("*")
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  const equal = pattern.test(text);
  return term.op === "=" ? equal : !equal;
}

function orderOf(orderBy: string, fields: readonly string[]): { field: string; desc: boolean }[] {
  if (orderBy.trim() === "") return [{ field: "name", desc: false }];
  return orderBy.split(",").map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)(\s+(desc|asc))?\s*$/i.exec(part);
    if (!m) throw invalid(`invalid order_by "${orderBy}"`);
    const field = camel(m[1]);
    if (!fields.includes(field)) throw invalid(`invalid order_by "${orderBy}": unknown field "${m[1]}"`);
    return { field, desc: (m[3] ?? "").toLowerCase() === "desc" };
  });
}

/** Applies a read mask to one object: "*" or empty keeps all; else the named top-level fields (plus nothing else). */
export function mask(row: Row, readMask: string | null, known: readonly string[]): Row {
  if (readMask === null || readMask.trim() === "" || readMask.trim() === "*") return row;
  const keep = readMask.split(",").map((f) => camel(f.trim()));
  const unknown = keep.find((f) => !known.includes(f));
  if (unknown) throw invalid(`invalid read_mask: unknown field "${unknown}"`);
  return Object.fromEntries(Object.entries(row).filter(([k]) => keep.includes(k)));
}

const LIST_PARAMS = ["pageSize", "pageToken", "filter", "orderBy", "readMask"];

/** Lists `rows` (wire objects) per the query; `key` names the response array (e.g. "supervisedFineTuningJobs"). */
export function list(rows: Row[], query: URLSearchParams, key: string, fields: readonly string[], maskable: readonly string[]) {
  for (const k of query.keys()) if (!LIST_PARAMS.includes(camel(k))) throw invalid(`unknown query parameter "${k}"`);
  const get = (name: string) => query.get(name) ?? query.get(name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const filter = get("filter") ?? "";
  const orderBy = get("orderBy") ?? "";
  const readMask = get("readMask");
  const rawSize = get("pageSize");
  let size = 50;
  if (rawSize !== null) {
    if (!/^-?\d+$/.test(rawSize)) throw invalid(`invalid page_size "${rawSize}": must be an integer`);
    size = Number(rawSize);
    if (size < 0) throw invalid(`invalid page_size ${size}: must not be negative`);
    if (size === 0) size = 50;
    size = Math.min(size, 200);
  }
  const terms = parseFilter(filter, fields);
  const order = orderOf(orderBy, fields);
  // The token binds the offset to the other parameters, as the docs require them to match.
  const sig = createHash("sha256")
    .update(`${filter}\u0000${orderBy}\u0000${readMask ?? ""}`)
    .digest("hex")
    .slice(0, 16);
  let offset = 0;
  const token = get("pageToken");
  if (token) {
    let parsed: { o?: unknown; s?: unknown } = {};
    try {
      parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as typeof parsed;
    } catch {
      throw invalid(`invalid page_token "${token}"`);
    }
    if (typeof parsed.o !== "number" || !Number.isInteger(parsed.o) || parsed.o < 0) throw invalid(`invalid page_token "${token}"`);
    if (parsed.s !== sig) throw invalid("page_token does not match the other parameters of the call that returned it");
    offset = parsed.o;
  }
  const kept = rows.filter((r) => terms.every((t) => matches(r, t)));
  kept.sort((a, b) => {
    for (const { field, desc } of order) {
      const x = String(a[field] ?? "");
      const y = String(b[field] ?? "");
      if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
  const page = kept.slice(offset, offset + size).map((r) => mask(r, readMask, maskable));
  const next = offset + size < kept.length ? Buffer.from(JSON.stringify({ o: offset + size, s: sig })).toString("base64url") : null;
  return { [key]: page, ...(next ? { nextPageToken: next } : {}), totalSize: kept.length };
}
