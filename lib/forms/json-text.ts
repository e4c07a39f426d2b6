// Parsing JSON typed by a person: the error says where (line and column), not just "invalid".

export interface JsonTextError {
  message: string;
  line: number;
  column: number;
  /** 0-based character offset of the problem. */
  offset: number;
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; error: JsonTextError };

export function parseJsonText(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    return { ok: false, error: locate(text, raw) };
  }
}

function locate(text: string, raw: string): JsonTextError {
  const lc = /line (\d+) column (\d+)/.exec(raw);
  const pos = /at position (\d+)/.exec(raw);
  let offset: number;
  if (pos) offset = Number(pos[1]);
  else if (lc) offset = offsetOf(text, Number(lc[1]), Number(lc[2]));
  else if (/Unexpected end of JSON input/.test(raw)) offset = text.trimEnd().length;
  else offset = firstBadOffset(text); // some engines name the token but not where it is
  offset = Math.max(0, Math.min(offset, text.length));
  const { line, column } = lineColumn(text, offset);
  const message = raw
    .replace(/^JSON\.parse: /, "")
    .replace(/\s*in JSON at position \d+/, "")
    .replace(/\s*\(line \d+ column \d+\)/, "")
    .replace(/\s*at line \d+ column \d+ of the JSON data/, "")
    .replace(/, "[\s\S]*" is not valid JSON$/, "")
    .replace(/Unexpected token '\s'/, "Unexpected character (a misspelled value, or text without double quotes?)")
    .trim();
  return { message: message || "invalid JSON", line, column, offset };
}

/**
 * The offset of the first character that cannot continue valid JSON: the longest prefix that is
 * still "valid so far" (parses, or fails only because it ends early). Binary search works because
 * once a prefix has an error, every longer prefix has it too.
 */
export function firstBadOffset(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (validSoFar(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function validSoFar(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const m = e instanceof Error ? e.message : "";
    if (/Unexpected end of JSON input|Unterminated string/.test(m)) return true;
    const pos = /at position (\d+)/.exec(m);
    return pos !== null && Number(pos[1]) >= prefix.length;
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function offsetOf(text: string, line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line && i < text.length) {
    if (text[i] === "\n") l += 1;
    i += 1;
  }
  return i + column - 1;
}

/** Pretty JSON for text areas. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "";
}

/** The text pretty-printed (two spaces), or where it does not parse. */
export function formatJsonText(text: string): { ok: true; text: string } | { ok: false; error: JsonTextError } {
  const parsed = parseJsonText(text);
  return parsed.ok ? { ok: true, text: prettyJson(parsed.value) } : parsed;
}
