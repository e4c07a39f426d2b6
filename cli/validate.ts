import { formatHealthReport, type HealthReport } from "../lib/datasets/health";
import type { EncodingName } from "../lib/datasets/tokens";
import type { FormatId } from "../lib/formats/types";
import { fileHealth, hasErrors, projectHealth } from "../lib/server/datasets/health";

interface Opts {
  encoding: EncodingName;
  tokenLimit: number;
  json: boolean;
}

function print(report: HealthReport, opts: Opts, header: string): number {
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else console.log(`${header}\n${formatHealthReport(report)}`);
  return hasErrors(report) ? 1 : 0;
}

export async function validateFile(file: string, opts: Opts & { format: FormatId | "auto" }): Promise<number> {
  const { format, report } = await fileHealth(file, opts.format, opts);
  return print(report, opts, `${file} (${format}, ${opts.encoding})`);
}

export async function validateProject(projectId: string, opts: Opts & { split: "train" | "validation" | "all" }): Promise<number> {
  const report = await projectHealth(projectId, opts.split, opts);
  return print(report, opts, `project ${projectId}, split ${opts.split} (${opts.encoding})`);
}
