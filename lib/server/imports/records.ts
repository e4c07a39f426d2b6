// Streams the records of an uploaded file as parse results, one at a time: memory stays flat.
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { FORMATS, bfcl, maxRecordBytes, sniffFileKind, splitJsonArray, splitJsonl, type FormatId, type GoldAnswer, type RecordResult } from "../../formats";

/** JSONL or one JSON array, from the file's first bytes (BFCL's .json files are JSONL; ShareGPT may be either). */
export function fileKindOf(filePath: string): "jsonl" | "json-array" {
  return sniffFileKind(headOf(filePath));
}

/**
 * What makes a whole file unreadable as UTF-8 JSON, from its first bytes (null when nothing does):
 * a compressed archive, or text in UTF-16/UTF-32 (a BOM, or the NUL bytes of ASCII text in them).
 */
export function fileProblem(head: Uint8Array): string | null {
  const b = head;
  if (b[0] === 0x1f && b[1] === 0x8b) return "it is gzip-compressed; decompress it first (gunzip) and import the .jsonl inside";
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return "it is a zip archive; extract it and import the file inside";
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return "it is UTF-16 text; save it as UTF-8 and import it again";
  const sample = b.subarray(0, 1024);
  const nuls = sample.reduce((n, x) => n + (x === 0 ? 1 : 0), 0);
  if (sample.length >= 4 && nuls * 4 >= sample.length) return "it looks like UTF-16 or UTF-32 text (every other byte is zero); save it as UTF-8 and import it again";
  return null;
}

function headOf(filePath: string, bytes = 1024): Uint8Array {
  const fd = openSync(filePath, "r");
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** Throws, naming the file's problem, when it cannot be read as UTF-8 JSON at all. */
export function checkFileReadable(filePath: string, fileName = filePath): void {
  const problem = fileProblem(headOf(filePath));
  if (problem) throw new Error(`${fileName} cannot be read: ${problem}`);
}

/** The records of a file, as raw text, whichever of the two layouts it has. */
export function splitFile(filePath: string) {
  checkFileReadable(filePath);
  const stream = createReadStream(filePath);
  const records = fileKindOf(filePath) === "json-array" ? splitJsonArray(stream) : splitJsonl(stream);
  return { stream, records };
}

export interface StreamedRecord {
  result: RecordResult;
  /** Bytes of the file read so far, for progress. */
  bytesRead: number;
}

/** BFCL possible_answer lines by question id (a few thousand lines at most, so held in memory). */
export async function loadBfclAnswers(answersPath: string): Promise<Map<string, GoldAnswer[]>> {
  const out = new Map<string, GoldAnswer[]>();
  for await (const { line, text, tooLarge } of splitFile(answersPath).records) {
    if (tooLarge) throw new Error(`answers file ${recordTooLarge(line, tooLarge)}`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new Error(`answers file line ${line} is not valid JSON: ${(e as Error).message}`);
    }
    const r = bfcl.parseAnswer(value, line);
    if (!r.ok) throw new Error(`answers file line ${line}: ${r.error.reason}`);
    out.set(r.value.id, r.value.answers);
  }
  return out;
}

export async function* readRecords(filePath: string, format: FormatId, answersPath?: string | null): AsyncGenerator<StreamedRecord> {
  const spec = FORMATS[format];
  // BFCL questions with their answers file become labelled gold records with acceptable alternatives.
  const answers = format === "bfcl" && answersPath ? await loadBfclAnswers(answersPath) : null;
  const parse = answers ? (value: unknown, line: number) => bfcl.mergeGold(value, answers.get(bfcl.bfclId(value) ?? ""), line) : spec.parse;
  const { stream, records } = splitFile(filePath);
  for await (const { line, text, invalidUtf8, tooLarge } of records) {
    const bytesRead = stream.bytesRead;
    if (tooLarge) {
      yield { bytesRead, result: { ok: false, error: { line, kind: "record_too_large", reason: recordTooLarge(line, tooLarge) } } };
      continue;
    }
    if (invalidUtf8) {
      yield { bytesRead, result: { ok: false, error: { line, kind: "invalid_utf8", reason: `line ${line}: not valid UTF-8` } } };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { bytesRead, result: { ok: false, error: { line, kind: "bad_json", reason: `line ${line}: not valid JSON: ${(e as Error).message}` } } };
      continue;
    }
    const result = parse(value, line);
    if (!result.ok && !result.error.reason.startsWith("line ")) result.error.reason = `line ${line}: ${result.error.reason}`;
    yield { bytesRead, result };
  }
}

export function recordTooLarge(line: number, bytes: number): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `line ${line}: the record is ${mb(bytes)}, over the ${mb(maxRecordBytes())} limit for one record (TOOLTUNE_MAX_RECORD_MB); it was skipped`;
}

/** The first records of a file, for format detection (at most `scan` records are read, so it is quick on any file). */
export async function sampleRecords(filePath: string, n = 20, scan = 500): Promise<unknown[]> {
  const out: unknown[] = [];
  if (fileProblem(headOf(filePath))) return out;
  const { stream, records } = splitFile(filePath);
  let seen = 0;
  try {
    for await (const { text, tooLarge } of records) {
      if (++seen > scan) break;
      if (tooLarge) continue;
      try {
        out.push(JSON.parse(text));
      } catch {
        /* detection skips lines that are not JSON */
      }
      if (out.length >= n) break;
    }
  } catch {
    /* a file that is not an array yields no samples */
  } finally {
    stream.destroy();
  }
  return out;
}
