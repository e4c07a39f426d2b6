// Hostile files: each gets a clear per-file or per-line error, nothing is half-stored, and the
// records around a bad one still import.
import { gzipSync } from "node:zlib";
import { readdirSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as importsRoute from "@/app/api/projects/[projectId]/imports/route";
import * as storageRoute from "@/app/api/projects/[projectId]/storage/route";
import { db } from "@/lib/server/db";
import { uploadsDir } from "@/lib/server/imports/storage";
import { analyseImport } from "@/lib/server/imports/analyse";
import { getImport } from "@/lib/server/imports/imports";
import { sessionCookie } from "../support/auth";

const line = (i: number) => JSON.stringify({ messages: [{ role: "user", content: `hello ${i}` }, { role: "assistant", content: `Hi ${i}! How can I help?` }] });

async function project() {
  const r = await projects.POST(new Request("http://t/api", { method: "POST", headers: { "content-type": "application/json", cookie: await sessionCookie("Fuzzer") }, body: JSON.stringify({ name: `hostile ${Date.now()}`, outputStyle: "native_tools" }) }), { params: Promise.resolve({}) as Promise<never> });
  return (await r.json()).id as string;
}

async function upload(pid: string, fileName: string, body: Uint8Array) {
  const res = await importsRoute.POST(
    new Request(`http://t/api?fileName=${encodeURIComponent(fileName)}`, { method: "POST", headers: { cookie: await sessionCookie("Fuzzer") }, body: Buffer.from(body) }),
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

describe("upload limits and the project's disk quota", () => {
  const storage = async (pid: string) => (await storageRoute.GET(new Request("http://t/api", { headers: { cookie: await sessionCookie("Fuzzer") } }), { params: Promise.resolve({ projectId: pid }) as Promise<never> })).json();

  it("refuses a file over the upload limit, streamed or declared, and keeps nothing", async () => {
    const pid = await project();
    const before = readdirSync(uploadsDir()).length;
    process.env.TOOLTUNE_MAX_UPLOAD_MB = "0.01"; // about 10 KB
    try {
      const body = new TextEncoder().encode(Array.from({ length: 400 }, (_, i) => line(i)).join("\n"));
      const r = await upload(pid, "big.jsonl", body);
      expect(r.status).toBe(413);
      expect(r.json.error.message).toBe("big.jsonl is larger than the 10 KB upload limit (TOOLTUNE_MAX_UPLOAD_MB)");
      expect(readdirSync(uploadsDir()).length).toBe(before);
      expect(await db().importJob.count({ where: { projectId: pid } })).toBe(0);
    } finally {
      delete process.env.TOOLTUNE_MAX_UPLOAD_MB;
    }
  });

  it("counts the project's files on disk, and refuses an upload that would pass its quota", async () => {
    const pid = await project();
    const body = new TextEncoder().encode(Array.from({ length: 200 }, (_, i) => line(i)).join("\n") + "\n");
    const first = await upload(pid, "one.jsonl", body);
    expect(first.status).toBe(201);
    const job = await db().importJob.findUniqueOrThrow({ where: { id: first.json.id } });
    const s = await storage(pid);
    expect(s.uploadsBytes).toBe(statSync(job.filePath).size);
    expect(s).toMatchObject({ usedBytes: s.uploadsBytes, runFilesBytes: 0, maxUploadBytes: 512 * 1024 * 1024 });
    process.env.TOOLTUNE_PROJECT_QUOTA_MB = String((body.length * 1.5) / 1024 / 1024);
    try {
      const second = await upload(pid, "two.jsonl", body);
      expect(second.status).toBe(413);
      expect(second.json.error.message).toMatch(/^two\.jsonl would take this project over its .* disk quota .*TOOLTUNE_PROJECT_QUOTA_MB/);
      expect(await db().importJob.count({ where: { projectId: pid } })).toBe(1);
    } finally {
      delete process.env.TOOLTUNE_PROJECT_QUOTA_MB;
    }
  });
});
