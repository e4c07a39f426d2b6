// The `format` checks ToolTune's evaluation runs (ajv-formats, "full" mode), as TypeScript and Python
// source. Regex formats are copied from ajv-formats itself; the function formats are ported line by
// line (tests/unit/codegen compare every port with ajv-formats on the same strings). A format
// ajv-formats does not know is not checked by the evaluation, so it is not checked here either.
import { fullFormats } from "ajv-formats/dist/formats";
import { toPythonRegex } from "./python-regex";

/** ajv-formats keeps this one private (uri = contains "/" or ":" and matches it). */
const URI = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;

export interface Helper {
  code: string;
  deps?: string[];
}

/** Helpers for the TypeScript module, by name; a module includes only those it uses (and their deps). */
export const TS_HELPERS: Record<string, Helper> = {
  isDate: {
    code: `const DATE_RE = /^(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap ? 29 : (DAYS[mo] ?? 0));
}`,
  },
  isTime: {
    code: `const TIME_RE = /^(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)(z|([+-])(\\d\\d)(?::?(\\d\\d))?)?$/i;
function isTime(s: string, strictTimeZone: boolean): boolean {
  const m = TIME_RE.exec(s);
  if (!m) return false;
  const [hr, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const sign = m[5] === "-" ? -1 : 1;
  const [tzH, tzM] = [Number(m[6] || 0), Number(m[7] || 0)];
  if (tzH > 23 || tzM > 59 || (strictTimeZone && !m[4])) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  const utcMin = min - tzM * sign; // a leap second, 23:59:60 UTC
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}`,
  },
  isDateTime: {
    deps: ["isDate", "isTime"],
    code: `function isDateTime(s: string, strictTimeZone: boolean): boolean {
  const parts = s.split(/t|\\s/i);
  return parts.length === 2 && isDate(parts[0] ?? "") && isTime(parts[1] ?? "", strictTimeZone);
}`,
  },
  isUri: { code: `const URI_RE = /${URI.source}/i;\nconst isUri = (s: string): boolean => /\\/|:/.test(s) && URI_RE.test(s);` },
  isRegex: {
    code: `function isRegex(s: string): boolean {
  if (/[^\\\\]\\\\Z/.test(s)) return false;
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}`,
  },
  isByte: {
    code: `const BYTE_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;
function isByte(s: string): boolean {
  BYTE_RE.lastIndex = 0;
  return BYTE_RE.test(s);
}`,
  },
};

export interface TsFormat {
  type: "string" | "number";
  /** A replacement for z.string() (zod's own format schema), or a method chain to append. */
  base?: string;
  chain?: string;
  helpers: string[];
}

const STRING_FNS: Record<string, [expr: string, helper: string]> = {
  time: ["(s) => isTime(s, true)", "isTime"],
  "iso-time": ["(s) => isTime(s, false)", "isTime"],
  "date-time": ["(s) => isDateTime(s, true)", "isDateTime"],
  "iso-date-time": ["(s) => isDateTime(s, false)", "isDateTime"],
  uri: ["isUri", "isUri"],
  regex: ["isRegex", "isRegex"],
  byte: ["isByte", "isByte"],
};

/** How the zod module checks `format: name`; null when the evaluation does not check it either. */
export function tsFormat(name: string): TsFormat | null {
  const msg = JSON.stringify({ message: `must be a valid ${name}` });
  if (name === "email") return { type: "string", base: `z.email({ pattern: ${fullFormats.email} })`, helpers: [] };
  if (name === "date") return { type: "string", base: "z.iso.date()", helpers: [] };
  if (name === "int32") return { type: "number", chain: `.refine((v) => Number.isInteger(v) && v <= 2147483647 && v >= -2147483648, ${msg})`, helpers: [] };
  if (name === "int64") return { type: "number", chain: `.refine(Number.isInteger, ${msg})`, helpers: [] };
  const fn = STRING_FNS[name];
  if (fn) return { type: "string", chain: `.refine(${fn[0]}, ${msg})`, helpers: [fn[1]] };
  const f = (fullFormats as Record<string, unknown>)[name];
  if (f instanceof RegExp) return { type: "string", chain: `.regex(${f}, ${msg})`, helpers: [] };
  return null; // unknown to ajv-formats, or always true (password, binary, float, double)
}

/** Python checks for ajv-formats' function formats: [function to call, helper that defines it]. */
const PY_FNS: Record<string, [fn: string, helper: string]> = {
  date: ["_is_date", "_is_date"],
  time: ["_is_time", "_is_time"],
  "iso-time": ["_is_iso_time", "_is_time"],
  "date-time": ["_is_date_time", "_is_date_time"],
  "iso-date-time": ["_is_iso_date_time", "_is_date_time"],
  uri: ["_is_uri", "_is_uri"],
};

export const PY_HELPERS: Record<string, Helper> = {
  _is_date: {
    code: `_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\\Z")
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_date(s: str) -> bool:
    m = _DATE_RE.search(s)
    if not m:
        return False
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return 1 <= mo <= 12 and 1 <= d <= (29 if mo == 2 and leap else _DAYS[mo])`,
  },
  _is_time: {
    code: `_TIME_RE = re.compile(r"^([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\\.[0-9]+)?)(z|([+-])([0-9]{2})(?::?([0-9]{2}))?)?\\Z", re.IGNORECASE)


def _is_time(s: str, strict_time_zone: bool = True) -> bool:
    m = _TIME_RE.search(s)
    if not m:
        return False
    hr, mi, sec = int(m.group(1)), int(m.group(2)), float(m.group(3))
    sign = -1 if m.group(5) == "-" else 1
    tz_h, tz_m = int(m.group(6) or 0), int(m.group(7) or 0)
    if tz_h > 23 or tz_m > 59 or (strict_time_zone and not m.group(4)):
        return False
    if hr <= 23 and mi <= 59 and sec < 60:
        return True
    utc_m = mi - tz_m * sign  # a leap second, 23:59:60 UTC
    utc_h = hr - tz_h * sign - (1 if utc_m < 0 else 0)
    return utc_h in (23, -1) and utc_m in (59, -1) and sec < 61


def _is_iso_time(s: str) -> bool:
    return _is_time(s, False)`,
  },
  _is_date_time: {
    deps: ["_is_date", "_is_time"],
    code: `# JavaScript's str.split(/t|\\s/i): "t", "T" or any ECMAScript white space
_DATE_TIME_SEP = re.compile(r"[tT\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]")


def _is_date_time(s: str, strict_time_zone: bool = True) -> bool:
    parts = _DATE_TIME_SEP.split(s)
    return len(parts) == 2 and _is_date(parts[0]) and _is_time(parts[1], strict_time_zone)


def _is_iso_date_time(s: str) -> bool:
    return _is_date_time(s, False)`,
  },
  _is_uri: {
    code: `_URI_RE = ${pyCompile(URI.source, URI.flags)}


def _is_uri(s: str) -> bool:
    return ("/" in s or ":" in s) and _URI_RE.search(s) is not None`,
  },
};

function pyCompile(source: string, flags: string): string {
  const t = toPythonRegex(source, flags);
  if (!t.ok) throw new Error(`cannot translate a built-in format regex: ${t.error}`);
  return `re.compile(${JSON.stringify(t.pattern)}${t.flags.length ? `, ${t.flags.join(" | ")}` : ""})`;
}

export type PyFormat =
  | { type: "string" | "number"; check: string; helpers: string[]; consts: string[] }
  | { untranslated: string };

/** How the Python module checks `format: name` (a lambda over v); null when the evaluation does not check it. */
export function pyFormat(name: string): PyFormat | null {
  const fn = PY_FNS[name];
  if (fn) return { type: "string", check: fn[0], helpers: [fn[1]], consts: [] };
  const integral = "(isinstance(v, int) or v.is_integer())";
  if (name === "int32") return { type: "number", check: `lambda v: ${integral} and -2147483648 <= v <= 2147483647`, helpers: [], consts: [] };
  if (name === "int64") return { type: "number", check: `lambda v: ${integral}`, helpers: [], consts: [] };
  if (name === "regex" || name === "byte") return { untranslated: `format "${name}" (no exact Python equivalent)` };
  const f = (fullFormats as Record<string, unknown>)[name];
  if (!(f instanceof RegExp)) return null;
  const t = toPythonRegex(f.source, f.flags);
  if (!t.ok) return { untranslated: `format "${name}" (${t.error})` };
  const constName = `_FORMAT_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  const flags = t.flags.length ? `, ${t.flags.join(" | ")}` : "";
  return {
    type: "string",
    check: `lambda v: ${constName}.search(v) is not None`,
    helpers: [],
    consts: [`${constName} = re.compile(${JSON.stringify(t.pattern)}${flags})`],
  };
}
