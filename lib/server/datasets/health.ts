// The health report of a file or of a project's selection: both feed OpenAI training lines (as
// the export writes them) to the same accumulator, so the report describes what would be trained on.
import { createHealthAccumulator, type HealthReport } from "../../datasets/health";
import { estimateCost } from "../../datasets/cost";
import { getPricing } from "./pricing";
import { cachedByData } from "./data-cache";
import { getEncoding, type EncodingName } from "../../datasets/tokens";
import { FORMATS, detectFormat } from "../../formats";
import { write as writeOpenAI } from "../../formats/openai";
import type { FormatId } from "../../formats/types";
import { exportLines, type ExportQuery } from "./export";
import { recordTooLarge, sampleRecords, splitFile } from "../imports/records";

export interface HealthOptions {
  encoding: EncodingName;
  tokenLimit: number;
}

/** The health of a split with what training on it would cost, per model of the project's price table. */
export async function projectHealthWithCosts(projectId: string, split: ExportQuery["split"], opts: HealthOptions) {
  const report = await projectHealth(projectId, split, opts);
  const { prices } = await getPricing(projectId);
  const costs = Object.keys(prices).map((model) => ({ model, ...estimateCost({ chargedTokens: report.chargedTokens, model, prices }) }));
  return { report, costs };
}

/** The report of a split, computed once per state of the project's data and catalogue (data-cache.ts). */
export async function projectHealth(projectId: string, split: ExportQuery["split"], opts: HealthOptions): Promise<HealthReport> {
  return cachedByData(projectId, `health|${split}|${opts.encoding}|${opts.tokenLimit}`, () => computeProjectHealth(projectId, split, opts));
}

async function computeProjectHealth(projectId: string, split: ExportQuery["split"], opts: HealthOptions): Promise<HealthReport> {
  const acc = createHealthAccumulator({ encoding: await getEncoding(opts.encoding), tokenLimit: opts.tokenLimit });
  let line = 0;
  for await (const chunk of exportLines(projectId, { format: "openai", split })) {
    for (const text of chunk.split("\n")) if (text) acc.add(JSON.parse(text), ++line);
  }
  return acc.report();
}

/** Health of a file without importing it. OpenAI files are checked as they are; other formats are read, then written as OpenAI lines. */
export async function fileHealth(filePath: string, format: FormatId | "auto", opts: HealthOptions): Promise<{ format: FormatId; report: HealthReport }> {
  const fmt = format === "auto" ? detectFormat(await sampleRecords(filePath)).format : format;
  const acc = createHealthAccumulator({ encoding: await getEncoding(opts.encoding), tokenLimit: opts.tokenLimit });
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
      acc.add(value, line);
      continue;
    }
    const r = FORMATS[fmt].parse(value, line);
    if (!r.ok) acc.addParseError(line, r.error.reason);
    else {
      const style = fmt === "router" ? "router_json" : "native_tools";
      acc.add(writeOpenAI(r.value.example, r.value.tools, { style, system: r.value.example.system ?? "" }), line);
    }
  }
  return { format: fmt, report: acc.report() };
}

export function hasErrors(r: HealthReport): boolean {
  return r.linesWithErrors > 0;
}
