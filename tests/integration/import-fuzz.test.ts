// Malformed files: every bad record is reported at its line, and no good record is lost.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { getImport, registerImport } from "@/lib/server/imports/imports";
import { call, testFilesDir } from "./helpers";

const TMP = testFilesDir();
afterAll(() => disconnectDb());

/** Four valid Glaive records, made unique per use so duplicates never hide a loss. */
const base = readFileSync(path.resolve("../shared/datasets/glaive_toolcall_en_demo.openai.jsonl"), "utf8").split("\n").filter(Boolean).slice(0, 4);
let serial = 0;
function good(): string {
  const r = JSON.parse(base[serial % base.length]);
  r.messages[0].content += ` (variant ${serial++})`;
  return JSON.stringify(r);
}

async function importBytes(name: string, bytes: Buffer, keepValid = true) {
  const file = path.join(TMP, name);
  writeFileSync(file, bytes);
  const projectId = (await call(projects.POST, "POST", { body: { name: `fuzz ${name}`, outputStyle: "native_tools" } })).json.id;
  const author = await resolveAuthor("Fuzzer");
  const id = await registerImport(projectId, { fileName: name, filePath: file, fileBytes: statSync(file).size, format: "openai" }, author);
  await analyseImport(id);
  const analysed = await getImport(projectId, id);
  if (analysed.validCount > 0) {
    await db().importJob.update({ where: { id }, data: { status: "importing", options: JSON.stringify({ keepValid, skipDuplicates: false, split: "train" }) } });
    await commitImport(id);
  }
  return { projectId, job: await getImport(projectId, id) };
}

describe("importing malformed files", () => {
  it("reports every bad line by number and imports every good one", async () => {
    const lines: (string | Buffer)[] = [];
    const goodLines: number[] = [];
    const badLines = new Map<number, string>();
    const add = (l: string | Buffer, bad?: string) => {
      lines.push(l);
      if (bad) badLines.set(lines.length, bad);
      else goodLines.push(lines.length);
    };
    add(good());
    add(good().slice(0, 80), "bad_json"); // truncated
    add(good());
    add(Buffer.concat([Buffer.from('{"messages": [{"role": "user", "content": "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]}')]), "invalid_utf8");
    add(good());
    add(JSON.stringify({ messages: "not a list" }), "missing_messages");
    add(JSON.stringify({ messages: [{ role: "user", content: 42 }, { role: "assistant", content: "x" }] }), "bad_content");
    add("null", "unknown_shape");
    add("[1, 2, 3]", "unknown_shape");
    add(JSON.stringify({ messages: [{ role: "user", content: "hi" }] }), "missing_assistant");
    add(JSON.stringify({ messages: [{ role: "user", content: "x".repeat(10 * 1024 * 1024) }, { role: "assistant", content: "ok" }] }), "unsupported_conversation");
    add(good());
    const body = Buffer.concat([Buffer.from("\uFEFF"), ...lines.flatMap((l, i) => [Buffer.isBuffer(l) ? l : Buffer.from(l), Buffer.from(i % 2 ? "\r\n" : "\n")]), Buffer.from("\n\n")]);
    const { projectId, job } = await importBytes("fuzz.jsonl", body);

    const reported = new Map(job.errorSample.map((e) => [e.line, e.kind]));
    for (const [line, kind] of badLines) expect(reported.get(line), `line ${line}`).toBe(kind);
    expect(reported.get(2)).toBe("bad_json");
    expect(reported.get(4)).toBe("invalid_utf8");
    expect(job.errorCount).toBe(badLines.size);
    expect(job.total).toBe(lines.length);
    expect(job.importedCount).toBe(goodLines.length);
    expect(await db().example.count({ where: { projectId } })).toBe(goodLines.length);
    for (const e of job.errorSample) expect(e.reason).toMatch(new RegExp(`^line ${e.line}:`));
  }, 60_000);

  it("says an empty file is empty, and stores nothing", async () => {
    const { projectId, job } = await importBytes("empty.jsonl", Buffer.from("\n\n"));
    expect(job.total).toBe(0);
    expect(job.message).toBe("the file has no records");
    expect(await db().example.count({ where: { projectId } })).toBe(0);
  });
});
