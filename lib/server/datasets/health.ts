// The health report of a file or of a project's selection: both feed OpenAI training lines (as
// the export writes them) to the same accumulator, so the report describes what would be trained on.
import { createHealthAccumulator, type HealthReport } from "../../datasets/health";
import { estimateCost } from "../../datasets/cost";
import { getPricing } from "./pricing";
import { cachedByData } from "./data-cache";
import { db } from "../db";
import { TRAINABLE } from "../examples/filters";
import { getEncoding, type EncodingName } from "../../datasets/tokens";
import { FORMATS, detectFormat } from "../../formats";
import { write as writeOpenAI } from "../../formats/openai";
import type { FormatId } from "../../formats/types";
import { exportLines, SPLITS_OF, type ExportQuery } from "./export";
import { readRecords, recordTooLarge, sampleRecords, splitFile } from "../imports/records";
import { judgeRecord } from "../imports/verdict";
import { catalogueAfterPlan, ToolCollector } from "../../datasets/tool-plan";
import type { HealthErrorKey } from "../../datasets/health";
import type { RecordError } from "../../formats/types";

export interface HealthOptions {
  encoding: EncodingName;
  tokenLimit: number;
}

/** The health of a split with what training on it would cost, per model of the project's price table. */
export async function projectHealthWithCosts(projectId: string, split: ExportQuery["split"], opts: HealthOptions) {
  return withCosts(projectId, await projectHealth(projectId, split, opts));
}

/** A report with what training on it would cost, per model of the project's price table. */
export async function withCosts(projectId: string, report: HealthReport) {
  const { prices } = await getPricing(projectId);
  const costs = Object.keys(prices).map((model) => ({ model, ...estimateCost({ chargedTokens: report.chargedTokens, model, prices }) }));
  return { report, costs };
}

/** The report of a split, computed once per state of the project's data and catalogue (data-cache.ts). */
export async function projectHealth(projectId: string, split: ExportQuery["split"], opts: HealthOptions): Promise<HealthReport> {
  return cachedByData(projectId, healthScope(split, opts), () => computeProjectHealth(projectId, split, opts));
}

export const healthScope = (split: ExportQuery["split"], opts: HealthOptions) => `health|${split}|${opts.encoding}|${opts.tokenLimit}`;

/** How many lines the split exports (labelled, valid examples), counted once per state of the data. */
export async function healthLineCount(projectId: string, split: ExportQuery["split"]): Promise<number> {
  return cachedByData(projectId, `health-lines|${split}`, () =>
    db().example.count({ where: { projectId, ...TRAINABLE, split: { in: [...SPLITS_OF[split]] } } }),
  );
}

/** Exports the split as OpenAI lines into the accumulator; `onLine(done)` after every line (the worker's progress). */
export async function computeProjectHealth(projectId: string, split: ExportQuery["split"], opts: HealthOptions, onLine?: (done: number) => void): Promise<HealthReport> {
  const acc = createHealthAccumulator({ encoding: await getEncoding(opts.encoding), tokenLimit: opts.tokenLimit });
  let line = 0;
  for await (const chunk of exportLines(projectId, { format: "openai", split })) {
    for (const text of chunk.split("\n")) {
      if (!text) continue;
      acc.add(JSON.parse(text), ++line);
      onLine?.(line);
    }
  }
  return acc.report();
}

/** Health of a file without importing it. OpenAI files are checked as they are; other formats are read, then written as OpenAI lines. */
export async function fileHealth(filePath: string, format: FormatId | "auto", opts: HealthOptions): Promise<{ format: FormatId; report: HealthReport }> {
  const fmt = format === "auto" ? detectFormat(await sampleRecords(filePath)).format : format;
  const acc = createHealthAccumulator({ encoding: await getEncoding(opts.encoding), tokenLimit: opts.tokenLimit });
  const rejected = await importVerdicts(filePath, fmt);
  const verdictOf = (line: number) => {
    const e = rejected.get(line);
    return e && { key: VERDICT_KEYS[e.kind] ?? "not_importable", reason: e.reason };
  };
  for await (const { line, text, invalidUtf8, tooLarge } of splitFile(filePath).records) {
    if (tooLarge) {
      acc.addParseError(line, recordTooLarge(line, tooLarge).replace(/^line \d+: /, ""));
      continue;
    }
    if (invalidUtf8) {
      acc.addParseError(line, "not valid UTF-8");
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      acc.addParseError(line, `not valid JSON: ${(e as Error).message}`);
      continue;
    }
    if (fmt === "openai") {
      acc.add(value, line, verdictOf(line));
      continue;
    }
    const r = FORMATS[fmt].parse(value, line);
    if (!r.ok) acc.addParseError(line, r.error.reason);
    else {
      const style = fmt === "router" ? "router_json" : "native_tools";
      acc.add(writeOpenAI(r.value.example, r.value.tools, { style, system: r.value.example.system ?? "" }), line, verdictOf(line));
    }
  }
  return { format: fmt, report: acc.report() };
}

const VERDICT_KEYS: Record<string, HealthErrorKey> = { schema_violation: "schema_violation", unknown_tool: "unknown_tool" };

/**
 * The lines `tooltune import` would reject were the file imported into a new project that allows
 * parallel calls, by the import's own reader and verdict: the tools are the file's as its tool plan
 * takes them (the first declaration of a name), and every call is checked against them.
 */
async function importVerdicts(filePath: string, format: FormatId): Promise<Map<number, RecordError>> {
  const tools = new ToolCollector();
  for await (const { result } of readRecords(filePath, format)) if (result.ok) tools.add(result.value.tools);
  const ctx = {
    parallelToolCalls: true,
    outputStyle: format === "router" ? ("router_json" as const) : ("native_tools" as const),
    tools: catalogueAfterPlan([], tools.plan([])).map((t) => ({ name: t.name, parameters: t.parameters, archived: false })),
  };
  const rejected = new Map<number, RecordError>();
  for await (const { result } of readRecords(filePath, format)) {
    const verdict = result.ok ? judgeRecord(result.value, ctx) : result;
    if (!verdict.ok) rejected.set(verdict.error.line, verdict.error);
  }
  return rejected;
}

export function hasErrors(r: HealthReport): boolean {
  return r.linesWithErrors > 0;
}
