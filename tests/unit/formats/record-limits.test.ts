// One huge record cannot exhaust memory: past the cap (16 MB by default) its bytes are counted and
// dropped as they stream, and it comes out as a record marked too large; the records after it are intact.
import { describe, expect, it } from "vitest";
import { splitJsonArray, splitJsonl } from "@/lib/formats";
import { fileProblem } from "@/lib/server/imports/records";

const MB = 1024 * 1024;

/** A stream of `mb` megabytes of one unbroken run of "a", between a line before and after it, without ever holding it. */
async function* hugeLine(mb: number, wrap: (inner: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>) {
  yield* wrap(
    (async function* () {
      const chunk = new Uint8Array(MB).fill(0x61);
      for (let i = 0; i < mb; i++) yield chunk;
    })(),
  );
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const enc = new TextEncoder();

describe("the record size cap", () => {
  it("reports a 100 MB JSONL line as too large, holds none of it, and reads the lines around it", async () => {
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const stream = hugeLine(100, async function* (inner) {
      yield enc.encode('{"a":1}\n"');
      for await (const c of inner) {
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
        yield c;
      }
      yield enc.encode('"\n{"b":2}\n');
    });
    const recs = await collect(splitJsonl(stream, 16 * MB));
    expect(recs.map((r) => [r.line, r.text, r.tooLarge])).toEqual([
      [1, '{"a":1}', undefined],
      [2, "", 100 * MB + 2],
      [3, '{"b":2}', undefined],
    ]);
    expect(peak, "memory held while streaming stays near the cap, not the line").toBeLessThan(40 * MB);
  });

  it("does the same for an element of a JSON array", async () => {
    const stream = hugeLine(20, async function* (inner) {
      yield enc.encode('[{"a":1}, "');
      yield* inner;
      yield enc.encode('", {"b":2}]');
    });
    const recs = await collect(splitJsonArray(stream, 8 * MB));
    expect(recs.map((r) => [r.line, r.tooLarge === undefined ? r.text : "too large"])).toEqual([
      [1, '{"a":1}'],
      [2, "too large"],
      [3, '{"b":2}'],
    ]);
  });

  it("keeps a record just under the cap whole", async () => {
    const body = "x".repeat(1000);
    const recs = await collect(splitJsonl((async function* () { yield enc.encode(`"${body}"\n`); })(), 1002));
    expect(recs[0]).toEqual({ line: 1, text: `"${body}"` });
  });
});

describe("files that are not UTF-8 JSON at all", () => {
  it("names gzip, zip and UTF-16 files, and leaves UTF-8 (with or without a BOM) alone", () => {
    expect(fileProblem(new Uint8Array([0x1f, 0x8b, 8, 0]))).toMatch(/gzip-compressed/);
    expect(fileProblem(new Uint8Array([0x50, 0x4b, 3, 4]))).toMatch(/zip archive/);
    expect(fileProblem(new Uint8Array([0xff, 0xfe, 0x7b, 0]))).toMatch(/UTF-16/);
    expect(fileProblem(Buffer.from('{"messages":[]}\n', "utf16le"))).toMatch(/UTF-16 or UTF-32/);
    expect(fileProblem(enc.encode('{"messages":[]}\n'))).toBeNull();
    expect(fileProblem(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode("{}")]))).toBeNull();
  });
});

describe("a million tiny lines", () => {
  it("are each read and reported on their own line, in one pass", async () => {
    const { readRecords } = await import("@/lib/server/imports/records");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tooltune-tiny-")), "tiny.jsonl");
    writeFileSync(file, "1\n".repeat(1_000_000));
    let n = 0;
    let last = "";
    for await (const { result } of readRecords(file, "openai")) {
      n++;
      if (!result.ok) last = result.error.reason;
    }
    expect(n).toBe(1_000_000);
    expect(last).toMatch(/^line 1000000: /);
  }, 120_000);
});
