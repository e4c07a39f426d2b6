// The import plan's fix-ups, through the routes and the worker's functions: a Glaive-style file that
// declares one tool with different schemas is imported with "merge the variants", and an OpenAI file
// whose tools are BFCL-typed lands in the catalogue as valid JSON Schema.
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as toolsRoute from "@/app/api/projects/[projectId]/tools/route";
import * as statsRoute from "@/app/api/projects/[projectId]/stats/route";
import * as commitRoute from "@/app/api/projects/[projectId]/imports/[importId]/commit/route";
import * as importRoute from "@/app/api/projects/[projectId]/imports/[importId]/route";
import * as reanalyseRoute from "@/app/api/projects/[projectId]/imports/[importId]/reanalyse/route";
import { db, disconnectDb } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { analyseImport } from "@/lib/server/imports/analyse";
import { commitImport } from "@/lib/server/imports/commit";
import { registerImport } from "@/lib/server/imports/imports";
import { checkToolSchema } from "@/lib/validation/tool-schema";
import { call, testFilesDir } from "./helpers";

const TMP = testFilesDir();
afterAll(() => disconnectDb());

const fn = (name: string, parameters: object) => ({ type: "function", function: { name, description: `${name} tool`, parameters } });
const short = fn("get_forecast", { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false });
const long = fn("get_forecast", {
  type: "object",
  properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } },
  required: ["city", "days"],
  additionalProperties: false,
});
const callLine = (tool: object, args: object, i: number) =>
  JSON.stringify({
    messages: [
      { role: "user", content: `forecast request ${i}` },
      { role: "assistant", content: null, tool_calls: [{ id: `c${i}`, type: "function", function: { name: "get_forecast", arguments: JSON.stringify(args) } }] },
    ],
    tools: [tool],
  });

const LINES = 600;
/** Even lines declare and call the short variant, odd ones the long one (with `days`). */
const LONG_LINES = LINES / 2;
function writeVariantsFile(): string {
  const file = path.join(TMP, `glaive-variants-${process.pid}.jsonl`);
  const lines = Array.from({ length: LINES }, (_, i) => (i % 2 === 0 ? callLine(short, { city: `C${i}` }, i) : callLine(long, { city: `C${i}`, days: 1 + (i % 7) }, i)));
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

async function newProject(name: string) {
  return (await call(projects.POST, "POST", { body: { name, outputStyle: "native_tools" } })).json.id as string;
}
async function analysed(projectId: string, file: string) {
  const author = await resolveAuthor("Curator");
  const id = await registerImport(projectId, { fileName: path.basename(file), filePath: file, fileBytes: statSync(file).size, format: "auto" }, author);
  await analyseImport(id);
  return id;
}
const getImport = async (projectId: string, importId: string) => (await call(importRoute.GET, "GET", { params: { projectId, importId } })).json;

describe("a tool declared with different schemas (Glaive-style)", () => {
  it("keeps the first by default: records using the other variant are rejected, and the merge is offered beside it", async () => {
    const projectId = await newProject("Variants: first");
    const id = await analysed(projectId, writeVariantsFile());
    const job = await getImport(projectId, id);
    expect(job).toMatchObject({ status: "ready", total: LINES, validCount: LINES - LONG_LINES, errorCount: LONG_LINES });
    const [entry] = job.toolPlan;
    expect(entry).toMatchObject({ name: "get_forecast", action: "add", variants: 2, variantChoice: "first", imported: { parameters: short.function.parameters } });
    expect(entry.merge).toMatchObject({ ok: true, def: { parameters: { properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } }, required: ["city"] } } });
  });

  it("re-analysed with merge, every record is valid; imported, the merged schema is in the catalogue and no example is invalid", async () => {
    const projectId = await newProject("Variants: merge");
    const id = await analysed(projectId, writeVariantsFile());
    const r = await call(reanalyseRoute.POST, "POST", { params: { projectId, importId: id }, body: { format: "openai", toolChoices: { get_forecast: { variantChoice: "merge" } } } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    await analyseImport(id);
    const job = await getImport(projectId, id);
    expect(job).toMatchObject({ status: "ready", validCount: LINES, errorCount: 0 });
    expect(job.toolPlan[0]).toMatchObject({ variantChoice: "merge" });

    const c = await call(commitRoute.POST, "POST", { params: { projectId, importId: id }, body: { keepValid: false, skipDuplicates: false } });
    expect(c.status, JSON.stringify(c.json)).toBe(200);
    await commitImport(id);
    expect(await getImport(projectId, id)).toMatchObject({ status: "done", importedCount: LINES, skippedCount: 0 });

    const tools = (await call(toolsRoute.GET, "GET", { params: { projectId } })).json;
    expect(tools).toHaveLength(1);
    expect(tools[0].parameters).toEqual({
      type: "object",
      properties: { city: { type: "string" }, days: { type: "integer", minimum: 1 } },
      required: ["city"],
      additionalProperties: false,
    });
    expect(checkToolSchema(tools[0].parameters)).toEqual([]);
    expect(await db().example.count({ where: { projectId } })).toBe(LINES);
    expect(await db().example.count({ where: { projectId, invalid: true } })).toBe(0);
    expect((await call(statsRoute.GET, "GET", { params: { projectId } })).json.totals.invalid).toBe(0);
  });

  it("chosen only at commit, the merge is what records are judged against and what the catalogue gets", async () => {
    const projectId = await newProject("Variants: merge at commit");
    const id = await analysed(projectId, writeVariantsFile());
    const c = await call(commitRoute.POST, "POST", {
      params: { projectId, importId: id },
      body: { keepValid: true, skipDuplicates: false, toolChoices: { get_forecast: { variantChoice: "merge" } } },
    });
    expect(c.status, JSON.stringify(c.json)).toBe(200);
    await commitImport(id);
    expect(await getImport(projectId, id)).toMatchObject({ status: "done", importedCount: LINES, skippedCount: 0 });
    const tool = await db().tool.findFirstOrThrow({ where: { projectId } });
    expect(JSON.parse(tool.parameters).required).toEqual(["city"]);
  });

  it("refuses choices that do not fit the plan, naming the tool, and changes nothing", async () => {
    const projectId = await newProject("Variants: refused");
    const id = await analysed(projectId, writeVariantsFile());
    const bad = async (toolChoices: object) => (await call(commitRoute.POST, "POST", { params: { projectId, importId: id }, body: { keepValid: true, toolChoices } })).json.error.message;
    expect(await bad({ nope: { variantChoice: "merge" } })).toBe("toolChoices names nope, which the file does not declare");
    expect(await bad({ get_forecast: { schemaFix: "convert" } })).toBe("toolChoices.get_forecast.schemaFix: get_forecast has no BFCL types to convert");
    expect(await getImport(projectId, id)).toMatchObject({ status: "ready" });
  });
});

describe("BFCL-typed tools in an OpenAI file", () => {
  const bfclTool = fn("triangle_area", { type: "dict", properties: { base: { type: "float" }, height: { type: "float" }, unit: { type: "str", optional: true } }, required: ["base", "height", "unit"] });
  const file = path.join(TMP, `bfcl-typed-${process.pid}.jsonl`);
  writeFileSync(
    file,
    Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: "user", content: `area ${i}` },
          { role: "assistant", content: null, tool_calls: [{ id: `c${i}`, type: "function", function: { name: "triangle_area", arguments: JSON.stringify({ base: i + 0.5, height: 2 }) } }] },
        ],
        tools: [bfclTool],
      }),
    ).join("\n") + "\n",
  );

  it("converts them to JSON Schema by default: the catalogue gets a schema its own check accepts, every record valid", async () => {
    const projectId = await newProject("BFCL-typed");
    const id = await analysed(projectId, file);
    const job = await getImport(projectId, id);
    expect(job).toMatchObject({ validCount: 40, errorCount: 0 });
    expect(job.toolPlan[0]).toMatchObject({ schemaFix: "convert", bfclChanges: expect.arrayContaining(["type: dict → object", "properties.base.type: float → number"]) });
    expect((await call(commitRoute.POST, "POST", { params: { projectId, importId: id }, body: { keepValid: false, skipDuplicates: false } })).status).toBe(200);
    await commitImport(id);
    const tool = await db().tool.findFirstOrThrow({ where: { projectId } });
    const parameters = JSON.parse(tool.parameters);
    expect(parameters).toEqual({ type: "object", properties: { base: { type: "number" }, height: { type: "number" }, unit: { type: "string" } }, required: ["base", "height"] });
    expect(checkToolSchema(parameters)).toEqual([]);
    expect(await db().example.count({ where: { projectId, invalid: false } })).toBe(40);
  });

  it("refuses to add it as declared, naming the tool and what is not JSON Schema", async () => {
    const projectId = await newProject("BFCL-typed as declared");
    const id = await analysed(projectId, file);
    const r = await call(commitRoute.POST, "POST", { params: { projectId, importId: id }, body: { keepValid: true, toolChoices: { triangle_area: { schemaFix: "as_declared" } } } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/^triangle_area as declared is not valid JSON Schema \(.+\); choose "convert to JSON Schema"$/);
    expect(await db().tool.count({ where: { projectId } })).toBe(0);
  });
});
