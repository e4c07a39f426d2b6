// Reads the shared sample datasets for format tests (the readers themselves never touch files).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ExampleRecord, ParsedRecord, RecordError, RecordResult } from "@/lib/formats";

export const DATASETS = process.env.TOOLTUNE_DATASETS ?? "/work/shared/datasets";

export function jsonlRecords(file: string): unknown[] {
  return readFileSync(path.join(DATASETS, file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

export function arrayRecords(file: string): unknown[] {
  return JSON.parse(readFileSync(path.join(DATASETS, file), "utf8"));
}

export function parseAll(records: unknown[], parse: (r: unknown, line: number) => RecordResult) {
  const ok: ParsedRecord[] = [];
  const errors: RecordError[] = [];
  records.forEach((r, i) => {
    const res = parse(r, i + 1);
    if (res.ok) ok.push(res.value);
    else errors.push(res.error);
  });
  return { ok, errors };
}

export function value(res: RecordResult): ParsedRecord {
  if (!res.ok) throw new Error(`expected the record to parse, got ${res.error.kind}: ${res.error.reason}`);
  return res.value;
}

export function error(res: RecordResult): RecordError {
  if (res.ok) throw new Error(`expected an error, got ${JSON.stringify(res.value.example)}`);
  return res.error;
}

/** Call ids renumbered in order of appearance (files name calls differently; the links are what matter). */
export function normaliseIds(example: ExampleRecord): ExampleRecord {
  const ids = new Map<string, string>();
  const rename = (id: string) => ids.get(id) ?? (ids.set(id, `id${ids.size}`), ids.get(id)!);
  return {
    ...example,
    messages: example.messages.map((m) => {
      if (m.role === "assistant" && m.decision.kind === "tool_calls") {
        return {
          ...m,
          decision: {
            kind: "tool_calls",
            calls: m.decision.calls.map((c) => ({ ...c, id: c.id === undefined ? undefined : rename(c.id) })),
          },
        };
      }
      if (m.role === "tool" && m.toolCallId !== undefined) return { ...m, toolCallId: rename(m.toolCallId) };
      return m;
    }),
  };
}
