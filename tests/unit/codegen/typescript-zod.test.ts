// The generated zod modules are written under .tmp/, compiled with the project's TypeScript in strict
// mode (as an ES module resolving `zod` from node_modules), then imported and run on every sample.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTypescriptZod } from "@/lib/codegen/typescript-zod";
import { corpus } from "./corpus";
import { customerSupport, edge, taskManagement, type Catalogue } from "./fixtures";
import { judge } from "./oracle";
import { quietUnknownFormats, workdir } from "./workdir";

const CATALOGUES = [customerSupport, taskManagement, edge, corpus];
type ParseResult = { ok: true; value: unknown; repaired: boolean } | { ok: false; error: string; repaired: boolean };
interface Generated {
  SYSTEM_PROMPT: string;
  PROJECT_NAME: string;
  OUTPUT_STYLE: string;
  TOOLS: { type: string; function: { name: string; description: string; parameters: unknown } }[];
  TOOL_ARGUMENTS: Record<string, { safeParse(v: unknown): { success: boolean } }>;
  parseRouterOutput(text: string): ParseResult;
  parseToolCall(name: string, args: string | Record<string, unknown>): ParseResult;
}

const work = workdir("zod");
const modules = new Map<string, Generated>();
const sources = new Map<string, string>();
let tsc: { status: number | null; output: string };
let restoreWarn = () => {};

beforeAll(async () => {
  restoreWarn = quietUnknownFormats();
  const files = CATALOGUES.map((cat) => {
    const code = generateTypescriptZod(cat.input);
    sources.set(cat.id, code);
    return work.write(`${cat.id}/tooltune_catalogue.ts`, code);
  });
  const flags = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck"];
  const extra = ["--noUnusedLocals", "--noUnusedParameters", "--noImplicitReturns", "--noFallthroughCasesInSwitch", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes", "--types", "node"];
  const r = spawnSync(path.join(work.root, "node_modules/.bin/tsc"), [...flags, ...extra, ...files], { cwd: work.root, encoding: "utf8" });
  tsc = { status: r.status, output: `${r.stdout}${r.stderr}` };
  for (const [i, cat] of CATALOGUES.entries()) modules.set(cat.id, (await import(/* @vite-ignore */ files[i])) as Generated);
}, 120_000);

afterAll(() => {
  restoreWarn();
  work.remove();
});

describe("generateTypescriptZod", () => {
  it("compiles with tsc --strict (nodenext, no unused locals) for the seed, edge-case and corpus catalogues", () => {
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  });

  for (const cat of CATALOGUES) {
    it(`accepts and rejects exactly what the evaluation does: ${cat.id} (${cat.samples.length} replies)`, () => {
      const m = modules.get(cat.id)!;
      const wrong: string[] = [];
      for (const sample of cat.samples) {
        const want = sample.lenient?.includes("ts") ? true : judge(sample.text, cat.input.tools);
        const got = m.parseRouterOutput(sample.text);
        if (got.ok !== want) wrong.push(`${sample.label}: zod says ${got.ok}, evaluation ${want}${got.ok ? "" : ` (${got.error})`}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("exports the prompt, style and OpenAI tools exactly", () => {
    for (const cat of CATALOGUES) {
      const m = modules.get(cat.id)!;
      expect(m.SYSTEM_PROMPT).toBe(cat.input.systemPrompt);
      expect(m.PROJECT_NAME).toBe(cat.input.projectName);
      expect(m.OUTPUT_STYLE).toBe(cat.input.outputStyle);
      expect(m.TOOLS).toEqual(cat.input.tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } })));
    }
  });

  it("returns typed values, marks fence repairs and explains failures", () => {
    const m = modules.get("customer_support")!;
    expect(m.parseRouterOutput('{"tool":"track_order","arguments":{"order_id":"ORD-12345"}}')).toEqual({
      ok: true,
      value: { tool: "track_order", arguments: { order_id: "ORD-12345" } },
      repaired: false,
    });
    expect(m.parseRouterOutput('```json\n{"tool":"no_tool","reason":"hi"}\n```')).toMatchObject({ ok: true, repaired: true });
    const bad = m.parseRouterOutput('{"tool":"track_order","arguments":{"order_id":"ORD-1"}}');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/order_id/);
    const notJson = m.parseRouterOutput("Hello!");
    expect(!notJson.ok && notJson.error).toMatch(/^not valid JSON/);
  });

  it("validates native tool calls by name, from the arguments string or object", () => {
    const m = modules.get("task_management")!;
    expect(m.parseToolCall("complete_task", '{"task_id": 4}')).toMatchObject({ ok: true, value: { tool: "complete_task", arguments: { task_id: 4 } } });
    expect(m.parseToolCall("complete_task", { task_id: 0 }).ok).toBe(false);
    expect(m.parseToolCall("complete_task", "{task_id: 4}").ok).toBe(false);
    expect(m.parseToolCall("archive_task", {}).ok).toBe(false);
    expect(m.TOOL_ARGUMENTS.create_task.safeParse({ title: "x", tags: ["a", "a"] }).success).toBe(false);
  });

  it("keeps extra arguments where the schema allows them, and JSON names as keys", () => {
    const m = modules.get("edge")!;
    const r = m.parseRouterOutput(JSON.stringify({ tool: "class", arguments: { from: "a", "user-name": "u", anything: [1] } }));
    expect(r).toMatchObject({ ok: true, value: { arguments: { from: "a", "user-name": "u", anything: [1] } } });
  });

  it("names every untranslated keyword in the header and inline, and nothing else", () => {
    const code = sources.get("edge")!;
    const header = code.slice(0, code.indexOf("import {"));
    expect(header).toContain("// NOT TRANSLATED");
    expect(header).toContain("hard.arguments.headers: patternProperties");
    expect(header).toContain("hard.arguments.pair: items (tuple form)");
    expect(header.match(/^\/\/ {3}- /gm)).toHaveLength(2); // prefixItems in a draft-07 tool: ignored by the evaluation too
    expect(code).toContain("z.unknown() /* not translated: patternProperties */");
    expect(sources.get("customer_support")).not.toContain("NOT TRANSLATED");
    expect(sources.get("task_management")).not.toContain("z.unknown()");
  });

  it("gives tools whose names collide as identifiers distinct exports", () => {
    const code = sources.get("edge")!;
    expect(code).toContain("export const GetWeatherArgumentsSchema");
    expect(code).toContain("export const GetWeather2ArgumentsSchema");
    expect(code).toContain('"get-weather": GetWeatherArgumentsSchema');
  });

  it("generates a module for a catalogue without tools", async () => {
    const empty: Catalogue = { id: "empty", input: { ...edge.input, tools: [] }, samples: [] };
    const file = work.write("empty/tooltune_catalogue.ts", generateTypescriptZod(empty.input));
    const m = (await import(/* @vite-ignore */ file)) as Generated;
    expect(m.parseRouterOutput('{"tool":"no_tool","reason":"x"}').ok).toBe(true);
    expect(m.parseRouterOutput('[{"tool":"x","arguments":{}}]').ok).toBe(false);
    expect(m.parseToolCall("x", {}).ok).toBe(false);
  });
});
