import { describe, expect, it } from "vitest";
import { firstBadOffset, formatJsonText, lineColumn, parseJsonText } from "@/lib/forms/json-text";

function errorOf(text: string) {
  const r = parseJsonText(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} not to parse`);
  return r.error;
}

describe("parseJsonText", () => {
  it("returns the value of valid JSON", () => {
    expect(parseJsonText('{"a": [1, true, null]}')).toEqual({ ok: true, value: { a: [1, true, null] } });
  });

  it("points at a trailing comma by line and column", () => {
    const e = errorOf('{\n  "a": 1,\n}');
    expect([e.line, e.column]).toEqual([3, 1]);
    expect(e.message).not.toMatch(/position/);
  });

  it("points at a misspelled literal even when the engine gives no position", () => {
    const e = errorOf('{\n  "a": tru\n}');
    expect(e.line).toBe(2);
    expect(e.column).toBe(11); // the line break right after "tru"
  });

  it("points at the end for unfinished JSON", () => {
    const e = errorOf('{"a": [1, 2');
    expect([e.line, e.column]).toEqual([1, 12]);
  });

  it("handles empty text", () => {
    expect(errorOf("")).toMatchObject({ line: 1, column: 1 });
  });
});

describe("helpers", () => {
  it("converts offsets to 1-based lines and columns", () => {
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });

  it("finds the first character that cannot continue valid JSON", () => {
    expect(firstBadOffset('[1, 2 3]')).toBe(6);
    expect(firstBadOffset("{}")).toBe(2);
  });
});

describe("formatJsonText (the JSON view's Format button)", () => {
  it("pretty-prints with two spaces and keeps the property order", () => {
    expect(formatJsonText('{"type":"object","properties":{"b":{"type":"string"},"a":{}}}')).toEqual({
      ok: true,
      text: '{\n  "type": "object",\n  "properties": {\n    "b": {\n      "type": "string"\n    },\n    "a": {}\n  }\n}',
    });
  });

  it("says the line and column of the first error instead of formatting", () => {
    const r = formatJsonText('{\n  "type": "object",\n  "properties": {,}\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.line, r.error.column]).toEqual([3, 18]);
  });
});
