// Plain-text rendering of a HealthReport in the OpenAI cookbook notebook's words, then the
// tool-calling extras. Pure.
import type { HealthReport } from "./health";
import type { Distribution } from "./tokens";

export interface FormatOptions {
  /**
   * The notebook labels its percentile line "p5 / p95" but prints np.quantile(values, 0.1) and
   * (values, 0.9), i.e. p10 and p90. By default this prints both bands under their true names;
   * `cookbook: true` prints the notebook's single mislabelled line, for side-by-side comparison.
   */
  cookbook?: boolean;
  /** How many of the report's error lines to list (default 20). */
  maxErrorLines?: number;
}

/** A float as Python prints it for these stats (3.0, 1648.4), rounded to 2 places to hide float noise. */
export function formatStat(value: number): string {
  const rounded = Number(value.toFixed(2));
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

const withCommas = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function distributionLines(name: string, d: Distribution | null, cookbook: boolean): string[] {
  const lines = ["", `#### Distribution of ${name}:`];
  if (!d) return [...lines, "(no examples)"];
  lines.push(`min / max: ${d.min}, ${d.max}`, `mean / median: ${formatStat(d.mean)}, ${formatStat(d.median)}`);
  if (cookbook) lines.push(`p5 / p95: ${formatStat(d.p10)}, ${formatStat(d.p90)}`);
  else lines.push(`p5 / p95: ${formatStat(d.p5)}, ${formatStat(d.p95)}`, `p10 / p90: ${formatStat(d.p10)}, ${formatStat(d.p90)}`);
  return lines;
}

export function formatHealthReport(report: HealthReport, options: FormatOptions = {}): string {
  const cookbook = options.cookbook ?? false;
  const maxErrorLines = options.maxErrorLines ?? 20;
  const out: string[] = [`Num examples: ${report.examples}`];

  const errorEntries = Object.entries(report.formatErrors);
  if (errorEntries.length === 0) out.push("No errors found");
  else out.push("Found errors:", ...errorEntries.map(([key, count]) => `${key}: ${count}`));

  out.push(
    `Num examples missing system message: ${report.missingSystem}`,
    `Num examples missing user message: ${report.missingUser}`,
    ...distributionLines("num_messages_per_example", report.distributions.messages, cookbook),
    ...distributionLines("num_total_tokens_per_example", report.distributions.totalTokens, cookbook),
    ...distributionLines("num_assistant_tokens_per_example", report.distributions.assistantTokens, cookbook),
    "",
    `${report.overTokenLimit} examples may be over the ${withCommas(report.tokenLimit)} token limit, they will be truncated during fine-tuning`,
    `Dataset has ~${report.billingTokens} tokens that will be charged for during training`,
    `By default, you'll train for ${report.defaultEpochs} epochs on this dataset`,
    `By default, you'll be charged for ~${report.chargedTokens} tokens`,
  );

  const { tools, duplicates } = report;
  out.push("", "#### Tool calling:", `Examples with tool calls: ${tools.examplesWithToolCalls}`);
  const ratio = tools.noToolRatio === null ? "n/a" : `${(tools.noToolRatio * 100).toFixed(1)}%`;
  out.push(
    `Assistant decisions: ${tools.toolCallDecisions} with tool calls, ${tools.noToolDecisions} plain replies (no_tool ratio: ${ratio})`,
  );
  const perTool = Object.entries(tools.callsPerTool).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  out.push(`Calls per tool: ${perTool.length === 0 ? "none" : perTool.map(([n, c]) => `${n} ${c}`).join(", ")}`);

  out.push(
    "",
    "#### Duplicate requests:",
    `${plural(duplicates.duplicateExamples, "example repeats", "examples repeat")} an earlier last user message (${plural(duplicates.groupCount, "distinct request", "distinct requests")})`,
    ...duplicates.groups.slice(0, 10).map((g) => `  ${g.count}× on lines ${g.lines.join(", ")}${g.lines.length < g.count ? ", …" : ""}`),
  );

  if (report.errorLines.length > 0) {
    out.push("", "#### Lines with errors:");
    for (const e of report.errorLines.slice(0, maxErrorLines)) {
      out.push(`line ${e.line}: ${e.errors.join(", ")}${e.reason ? ` (${e.reason})` : ""}`);
    }
    if (report.linesWithErrors > maxErrorLines) out.push(`… and ${report.linesWithErrors - maxErrorLines} more`);
  }
  out.push(`\nToken counts use ${report.encoding}; billing caps each example at ${withCommas(report.maxTokensPerExample)} tokens.`);
  return out.join("\n");
}
