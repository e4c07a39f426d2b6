// The analysis judges a file in one pass and the commit reuses its verdicts: these check that the
// verdicts are still the ones the final tool plan and the project's current settings give.
import { existsSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as commitRoute from "@/app/api/projects/[projectId]/imports/[importId]/commit/route";
import * as importRoute from "@/app/api/projects/[projectId]/imports/[importId]/route";
import { disconnectDb, db } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { discardImport, registerImport } from "@/lib/server/imports/imports";
import { preparedPathOf } from "@/lib/server/imports/storage";
import { call, testFilesDir } from "./helpers";

const TMP = testFilesDir();

afterAll(() => disconnectDb());

const weather = {
  type: "function",
  function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

function line(request: string, cities: string[], tools: unknown[] = [weather]) {
  const tool_calls = cities.map((city, i) => ({ id: `c${i}`, type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city }) } }));
  return JSON.stringify({ messages: [{ role: "user", content: request }, { role: "assistant", tool_calls }], ...(tools.length ? { tools } : {}) });
}

async function analysed(name: string, lines: string[], settings: { parallelToolCalls?: boolean } = {}) {
  const pid = (await call(projects.POST, "POST", { body: { name, outputStyle: "native_tools" } })).json.id as string;
  if (settings.parallelToolCalls !== undefined) await db().project.update({ where: { id: pid }, data: { parallelToolCalls: settings.parallelToolCalls } });
  const file = path.join(TMP, `${Date.now()}-${name.replace(/\W/g, "-")}.jsonl`);
  writeFileSync(file, lines.join("\n") + "\n");
  const id = await registerImport(pid, { fileName: path.basename(file), filePath: file, fileBytes: statSync(file).size, format: "openai" }, await resolveAuthor("Importer"));
  await analyseImport(id);
  const report = (await call(importRoute.GET, "GET", { params: { projectId: pid, importId: id } })).json;
  return { pid, id, file, report };
}

async function commit(pid: string, id: string) {
  const r = await call(commitRoute.POST, "POST", { params: { projectId: pid, importId: id }, body: { keepValid: true, skipDuplicates: false } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  await commitImport(id);
  return (await call(importRoute.GET, "GET", { params: { projectId: pid, importId: id } })).json;
}

describe("import verdicts", () => {
  it("accepts a call to a tool that a later line declares, as when the declaration comes first", async () => {
    const { pid, id, report } = await analysed("Declared later", [line("Weather in Paris?", ["Paris"], []), line("Weather in Oslo?", ["Oslo"])]);
    expect(report.errorSample).toEqual([]);
    expect(report.validCount).toBe(2);
    const done = await commit(pid, id);
    expect(done.importedCount).toBe(2);
  });

  it("still rejects a call to a tool that no line declares, naming it", async () => {
    const lost = JSON.stringify({ messages: [{ role: "user", content: "Book a taxi" }, { role: "assistant", tool_calls: [{ id: "t", type: "function", function: { name: "book_taxi", arguments: "{}" } }] }] });
    const { report } = await analysed("Never declared", [lost, line("Weather in Rome?", ["Rome"])]);
    expect(report.validCount).toBe(1);
    expect(report.errorSample).toEqual([{ line: 1, kind: "unknown_tool", reason: 'line 1: messages.1.calls.0.name: unknown tool "book_taxi"' }]);
  });

  it("judges again at commit when the project's settings changed after the analysis", async () => {
    const { pid, id, report } = await analysed("Settings changed", [line("Weather in Paris and Oslo?", ["Paris", "Oslo"]), line("Weather in Lima?", ["Lima"])], { parallelToolCalls: true });
    expect(report.validCount).toBe(2);
    await db().project.update({ where: { id: pid }, data: { parallelToolCalls: false } });
    const done = await commit(pid, id);
    expect({ imported: done.importedCount, skipped: done.skippedCount }).toEqual({ imported: 1, skipped: 1 });
    const stored = await db().example.findMany({ where: { projectId: pid }, select: { request: true } });
    expect(stored.map((e) => e.request)).toEqual(["Weather in Lima?"]);
  });

  it("keeps the analysis's verdicts beside the file until the import is done or discarded", async () => {
    const done = await analysed("Cleanup", [line("Weather in Kyiv?", ["Kyiv"])]);
    expect(existsSync(preparedPathOf(done.file))).toBe(true);
    expect((await commit(done.pid, done.id)).importedCount).toBe(1);
    expect(existsSync(preparedPathOf(done.file))).toBe(false);

    const dropped = await analysed("Discarded", [line("Weather in Quito?", ["Quito"])]);
    expect(existsSync(preparedPathOf(dropped.file))).toBe(true);
    await discardImport(dropped.pid, dropped.id);
    expect(existsSync(preparedPathOf(dropped.file))).toBe(false);
  });
});
