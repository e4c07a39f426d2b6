import { describe, expect, it } from "vitest";
import { JsonStreamError, sniffFileKind, splitJsonArray, splitJsonl, type RawRecord } from "@/lib/formats";

const enc = new TextEncoder();

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const p of parts) yield p;
}

/** The bytes of `text`, delivered `size` bytes at a time (splitting multi-byte characters too). */
async function* bytesOf(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const b = typeof text === "string" ? enc.encode(text) : text;
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function collect(gen: AsyncGenerator<RawRecord>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

async function failure(gen: AsyncGenerator<RawRecord>): Promise<{ yielded: RawRecord[]; error: unknown }> {
  const yielded: RawRecord[] = [];
  try {
    for await (const r of gen) yielded.push(r);
  } catch (error) {
    return { yielded, error };
  }
  throw new Error(`expected the splitter to throw; it yielded ${yielded.length} records`);
}

describe("splitJsonl", () => {
  it("yields each non-blank line with its 1-based line number", async () => {
    expect(await collect(splitJsonl(chunks('{"a":1}\n\n  \n{"b":2}\n')))).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":2}' },
    ]);
  });

  it("strips a BOM on the first line, even when it arrives split across chunks", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('{"a":1}\n{"b":2}')]);
    expect(await collect(splitJsonl(bytesOf(bytes, 1)))).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, text: '{"b":2}' },
    ]);
    expect((await collect(splitJsonl(chunks('\uFEFF{"a":1}'))))[0].text).toBe('{"a":1}');
  });

  it("handles CRLF line ends and a last line without a newline", async () => {
    expect(await collect(splitJsonl(chunks('{"a":1}\r\n{"b":', '2}\r\n{"c":3}')))).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, text: '{"b":2}' },
      { line: 3, text: '{"c":3}' },
    ]);
  });

  it("yields nothing for an empty file or one of blank lines", async () => {
    expect(await collect(splitJsonl(chunks()))).toEqual([]);
    expect(await collect(splitJsonl(chunks("", "\n\r\n  \n")))).toEqual([]);
  });

  it("decodes characters split across chunks and marks bytes that are not UTF-8", async () => {
    expect(await collect(splitJsonl(bytesOf('"é€😀"\n', 1)))).toEqual([{ line: 1, text: '"é€😀"' }]);
    const bad = new Uint8Array([...enc.encode('"ok"\n"'), 0xff, 0xfe, ...enc.encode('"\n')]);
    const out = await collect(splitJsonl(chunks(bad)));
    expect(out[0]).toEqual({ line: 1, text: '"ok"' });
    expect(out[1]).toMatchObject({ line: 2, invalidUtf8: true });
    expect(out[1].text).toContain("\uFFFD");
  });

  it("reads a 10 MB line delivered in 1 KB chunks in linear time", async () => {
    const big = `{"s":"${"x".repeat(10 * 1024 * 1024)}"}`;
    const started = performance.now();
    const out = await collect(splitJsonl(bytesOf(`{"a":1}\n${big}\n{"b":2}`, 1024)));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(out.map((r) => [r.line, r.text.length])).toEqual([
      [1, 7],
      [2, big.length],
      [3, 7],
    ]);
    expect(out[1].text === big).toBe(true);
  }, 20_000);
});

describe("splitJsonArray", () => {
  const tricky = '[ {"a":"]},[\\"x\\\\"}, {"b":[1,2,{"c":"\\\\\\""}]} ,"str,]" ,\n3, null,[[]]]';

  it("yields the elements of a top-level array, ignoring brackets, commas and escaped quotes inside strings", async () => {
    const out = await collect(splitJsonArray(chunks(tricky)));
    expect(out.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out.map((r) => JSON.parse(r.text))).toEqual(JSON.parse(tricky));
  });

  it("gives the same elements when the file arrives one byte at a time, with a BOM", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(`\r\n ${tricky}\n`)]);
    expect((await collect(splitJsonArray(bytesOf(bytes, 1)))).map((r) => JSON.parse(r.text))).toEqual(JSON.parse(tricky));
  });

  it("yields nothing for an empty array", async () => {
    expect(await collect(splitJsonArray(chunks(" [ ] \n")))).toEqual([]);
  });

  it("reports an empty element by its index so the caller can say which", async () => {
    expect(await collect(splitJsonArray(chunks("[1,,2,]")))).toEqual([
      { line: 1, text: "1" },
      { line: 2, text: "" },
      { line: 3, text: "2" },
      { line: 4, text: "" },
    ]);
  });

  it("throws for a file that is not an array, is empty, has content after it or never closes", async () => {
    const notArray = await failure(splitJsonArray(chunks('{"a":1}\n{"b":2}\n')));
    expect(notArray.error).toBeInstanceOf(JsonStreamError);
    expect(String(notArray.error)).toMatch(/not a JSON array/);
    expect(String((await failure(splitJsonArray(chunks()))).error)).toMatch(/empty/);
    expect((await failure(splitJsonArray(chunks("[1] [2]")))).yielded).toEqual([{ line: 1, text: "1" }]);
    const open = await failure(splitJsonArray(chunks('[{"a":1}, {"b":')));
    expect(open.yielded).toEqual([{ line: 1, text: '{"a":1}' }]);
    expect(String(open.error)).toMatch(/ends before the array closes/);
  });

  it("reads a 10 MB element delivered in 1 KB chunks", async () => {
    const unit = '[\\"],{'; // the characters [ \ " ] , { : brackets, an escaped quote and a comma inside a string
    const big = `{"s":"${unit.repeat(Math.ceil((10 * 1024 * 1024) / unit.length))}"}`;
    const out = await collect(splitJsonArray(bytesOf(`[${big},{"b":2}]`, 1024)));
    expect(out.map((r) => r.line)).toEqual([1, 2]);
    expect(out[0].text === big).toBe(true);
  }, 20_000);
});

describe("sniffFileKind", () => {
  it("tells a JSON array from JSONL by the first character", () => {
    expect(sniffFileKind("\uFEFF \n[{")).toBe("json-array");
    expect(sniffFileKind('{"id": "simple_python_0"}\n')).toBe("jsonl");
    expect(sniffFileKind(new Uint8Array([0xef, 0xbb, 0xbf, 0x5b]))).toBe("json-array");
  });
});
