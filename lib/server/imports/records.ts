// Streams the records of an uploaded file as parse results, one at a time: memory stays flat.
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { FORMATS, bfcl, sniffFileKind, splitJsonArray, splitJsonl, type FormatId, type GoldAnswer, type RecordResult } from "../../formats";

/** JSONL or one JSON array, from the file's first bytes (BFCL's .json files are JSONL; ShareGPT may be either). */
export function fileKindOf(filePath: string): "jsonl" | "json-array" {
  const fd = openSync(filePath, "r");
  try {
    const buf = Buffer.alloc(1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return sniffFileKind(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/** The records of a file, as raw text, whichever of the two layouts it has. */
export function splitFile(filePath: string) {
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
  for await (const { line, text } of splitFile(answersPath).records) {
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
  for await (const { line, text, invalidUtf8 } of records) {
    const bytesRead = stream.bytesRead;
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

/** The first records of a file, for format detection. */
export async function sampleRecords(filePath: string, n = 20): Promise<unknown[]> {
  const { stream, records } = splitFile(filePath);
  const out: unknown[] = [];
  try {
    for await (const { text } of records) {
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
