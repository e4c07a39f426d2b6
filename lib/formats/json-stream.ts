// Splits a file into records as it streams in: JSONL lines, or the elements of a top-level JSON
// array. Memory holds one record at a time; a long record is collected as byte pieces and joined
// once, so its cost is linear. Works on bytes (Node Buffers, browser Uint8Arrays) or on text.
// Each record is decoded on its own; bytes that are not UTF-8 show as U+FFFD and set `invalidUtf8`.

export interface RawRecord {
  /** JSONL: the 1-based line number. JSON array: the element's index + 1. */
  line: number;
  text: string;
  invalidUtf8?: true;
  /** Set (to the record's size in bytes) when the record is over the limit: its text is then empty, never held. */
  tooLarge?: number;
}

/** The largest record kept (default 16 MB; TOOLTUNE_MAX_RECORD_MB). A longer one is skipped as it streams and reported. */
export function maxRecordBytes(): number {
  const mb = Number((typeof process !== "undefined" && process.env?.TOOLTUNE_MAX_RECORD_MB) || 16);
  return Math.max(1, mb) * 1024 * 1024;
}

export class JsonStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonStreamError";
  }
}

type Chunks = AsyncIterable<string | Uint8Array>;

const NL = 0x0a;
const CR = 0x0d;
const encoder = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/** The bytes of the record being read; past `limit` they are counted and dropped, so memory stays flat. */
class Pieces {
  private parts: Uint8Array[] = [];
  /** Bytes of the current record, kept or not. */
  size = 0;
  constructor(private readonly limit: number) {}
  push(p: Uint8Array) {
    if (p.length === 0) return;
    this.size += p.length;
    if (this.size > this.limit) this.parts = [];
    else this.parts.push(p);
  }
  get empty() {
    return this.size === 0;
  }
  get over() {
    return this.size > this.limit;
  }
  take(): Uint8Array {
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function toBytes(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === "string" ? encoder.encode(chunk) : chunk;
}

function hasBom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function decode(bytes: Uint8Array, line: number): RawRecord {
  try {
    return { line, text: strict.decode(bytes) };
  } catch {
    return { line, text: lenient.decode(bytes), invalidUtf8: true };
  }
}

/** The non-blank lines of a JSONL stream (CRLF or LF, a BOM on the first line, no final newline needed). */
export async function* splitJsonl(chunks: Chunks, limit = maxRecordBytes()): AsyncGenerator<RawRecord> {
  const pending = new Pieces(limit);
  let line = 1;
  const finish = (): RawRecord | null => {
    if (pending.over) {
      const size = pending.size;
      pending.take();
      return { line, text: "", tooLarge: size };
    }
    let b = pending.take();
    if (line === 1 && hasBom(b)) b = b.subarray(3);
    if (b.length > 0 && b[b.length - 1] === CR) b = b.subarray(0, b.length - 1);
    const rec = decode(b, line);
    return rec.text.trim() === "" ? null : rec;
  };
  for await (const chunk of chunks) {
    const bytes = toBytes(chunk);
    let start = 0;
    for (let nl = bytes.indexOf(NL); nl >= 0; nl = bytes.indexOf(NL, start)) {
      pending.push(bytes.subarray(start, nl));
      const rec = finish();
      if (rec) yield rec;
      line += 1;
      start = nl + 1;
    }
    pending.push(bytes.subarray(start));
  }
  if (!pending.empty) {
    const rec = finish();
    if (rec) yield rec;
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const [QUOTE, BACKSLASH, COMMA, OPEN_ARR, CLOSE_ARR, OPEN_OBJ, CLOSE_OBJ] = [0x22, 0x5c, 0x2c, 0x5b, 0x5d, 0x7b, 0x7d];

/**
 * The elements of a top-level JSON array, as text, without parsing the whole file. Tracks strings,
 * escapes and nesting only (JSON.parse judges each element). Throws JsonStreamError for a file that
 * is not an array, has content after it, or ends before it closes; elements before that are yielded.
 */
export async function* splitJsonArray(chunks: Chunks, limit = maxRecordBytes()): AsyncGenerator<RawRecord> {
  let state: "start" | "array" | "done" = "start";
  let offset = 0; // bytes seen before the current chunk
  let index = 0;
  let inElement = false;
  let afterComma = false;
  let inString = false;
  let escaped = false;
  let depth = 0;
  const pending = new Pieces(limit);
  const emit = (): RawRecord => {
    if (pending.over) {
      const size = pending.size;
      pending.take();
      return { line: ++index, text: "", tooLarge: size };
    }
    const rec = decode(pending.take(), ++index);
    return { ...rec, text: rec.text.trim() };
  };
  for await (const chunk of chunks) {
    const bytes = toBytes(chunk);
    let from = inElement ? 0 : -1;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (state === "start") {
        if (WS.has(b) || (offset + i < 3 && (b === 0xef || b === 0xbb || b === 0xbf))) continue;
        if (b !== OPEN_ARR)
          throw new JsonStreamError(`the file is not a JSON array: it starts with ${JSON.stringify(String.fromCharCode(b))}, not "["`);
        state = "array";
        continue;
      }
      if (state === "done") {
        if (WS.has(b)) continue;
        throw new JsonStreamError(`unexpected content after the array closed, at byte ${offset + i}`);
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
        continue;
      }
      if (!inElement) {
        if (WS.has(b)) continue;
        if (b === CLOSE_ARR || b === COMMA) {
          // "[1,,2]" or "[1,]": an empty element, reported as one so the caller can say which.
          if (b === COMMA || afterComma) yield { line: ++index, text: "" };
          if (b === CLOSE_ARR) state = "done";
          afterComma = b === COMMA;
          continue;
        }
        inElement = true;
        from = i;
        depth = 0;
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_ARR || b === OPEN_OBJ) depth++;
      else if ((b === CLOSE_ARR || b === CLOSE_OBJ) && depth > 0) depth--;
      else if (depth === 0 && (b === COMMA || b === CLOSE_ARR)) {
        pending.push(bytes.subarray(from, i));
        yield emit();
        inElement = false;
        afterComma = b === COMMA;
        if (b === CLOSE_ARR) state = "done";
      }
    }
    if (inElement) pending.push(bytes.subarray(from));
    offset += bytes.length;
  }
  if (state === "start")
    throw new JsonStreamError(offset === 0 ? "the file is empty; expected a JSON array" : "the file is blank; expected a JSON array");
  if (state === "array")
    throw new JsonStreamError(`the file ends before the array closes (after ${index} complete element${index === 1 ? "" : "s"})`);
}

/** "json-array" when the text starts (after a BOM and whitespace) with "[", else "jsonl". BFCL's .json files are JSONL. */
export function sniffFileKind(head: string | Uint8Array): "jsonl" | "json-array" {
  const text = typeof head === "string" ? head : lenient.decode(head.subarray(0, 1024));
  return text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .startsWith("[")
    ? "json-array"
    : "jsonl";
}
