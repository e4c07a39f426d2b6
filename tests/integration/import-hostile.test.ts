// Hostile files: each gets a clear per-file or per-line error, nothing is half-stored, and the
// records around a bad one still import.
import { gzipSync } from "node:zlib";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as importsRoute from "@/app/api/projects/[projectId]/imports/route";
import { db } from "@/lib/server/db";
import { uploadsDir } from "@/lib/server/imports/storage";
import { analyseImport } from "@/lib/server/imports/analyse";
import { getImport } from "@/lib/server/imports/imports";

const line = (i: number) => JSON.stringify({ messages: [{ role: "user", content: `hello ${i}` }, { role: "assistant", content: `Hi ${i}! How can I help?` }] });

async function project() {
  const r = await projects.POST(new Request("http://t/api", { method: "POST", headers: { "content-type": "application/json", "x-tooltune-author": "Fuzzer" }, body: JSON.stringify({ name: `hostile ${Date.now()}`, outputStyle: "native_tools" }) }), { params: Promise.resolve({}) as Promise<never> });
  return (await r.json()).id as string;
}

async function upload(pid: string, fileName: string, body: Uint8Array) {
  const res = await importsRoute.POST(
    new Request(`http://t/api?fileName=${encodeURIComponent(fileName)}`, { method: "POST", headers: { "x-tooltune-author": "Fuzzer" }, body: Buffer.from(body) }),
    { params: Promise.resolve({ projectId: pid }) as Promise<never> },
  );
  return { status: res.status, json: await res.json() };
}

describe("hostile import files", () => {
  it("refuses a gzip file named .jsonl and a UTF-16 file, naming each, and keeps nothing", async () => {
    const pid = await project();
    const before = readdirSync(uploadsDir()).length;
    const text = [line(1), line(2)].join("\n") + "\n";
    const gz = await upload(pid, "train.jsonl", gzipSync(text));
    expect(gz.status).toBe(422);
    expect(gz.json.error.message).toMatch(/^train\.jsonl cannot be read: it is gzip-compressed/);
    const utf16 = await upload(pid, "excel-export.jsonl", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(utf16.status).toBe(422);
    expect(utf16.json.error.message).toMatch(/UTF-16 text; save it as UTF-8/);
    expect(await db().importJob.count({ where: { projectId: pid } })).toBe(0);
    expect(readdirSync(uploadsDir()).length).toBe(before);
  });

  it("reports a 100,000-level nested record and a record over the size cap on their lines, and judges the rest", async () => {
    const pid = await project();
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const deepObject = '{"messages":' + '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000) + "}";
    const huge = JSON.stringify({ messages: [{ role: "user", content: "x".repeat(2 * 1024 * 1024) }] });
    const text = [line(1), deep, deepObject, huge, line(5)].join("\n") + "\n";
    process.env.TOOLTUNE_MAX_RECORD_MB = "1";
    try {
      const up = await upload(pid, "nested.jsonl", new TextEncoder().encode(text));
      expect(up.status, JSON.stringify(up.json)).toBe(201);
      await analyseImport(up.json.id);
      const report = await getImport(pid, up.json.id);
      expect(report).toMatchObject({ status: "ready", total: 5, validCount: 2, errorCount: 3 });
      const byLine = Object.fromEntries(report.errorSample.map((e) => [e.line, e]));
      expect(Object.keys(byLine).map(Number)).toEqual([2, 3, 4]);
      expect(byLine[4]).toMatchObject({ kind: "record_too_large" });
      expect(byLine[4].reason).toMatch(/^line 4: the record is 2\.0 MB, over the 1\.0 MB limit/);
    } finally {
      delete process.env.TOOLTUNE_MAX_RECORD_MB;
    }
  });
});
