// The eval report as one Markdown file a lead can forward or paste into a ticket: what was
// evaluated, the headline rates with intervals, the change against the baseline, pass/fail per
// threshold, the per-tool table and the worst failures by example number. Pure and unit-tested.
import type { Threshold } from "@/lib/schemas/eval-report";
import type { EvalDto, EvalResultDto } from "@/lib/schemas/evals";
import type { Verdict } from "@/lib/scoring/types";
import { formatPts } from "./compare";
import { REPORT_METRICS } from "@/lib/schemas/eval-report";
import { headlineRows, intervalText, pointsIntervalText, ruleText, verdict } from "./headline";
import { VERDICT_LABEL, clip, formatCount, formatPct, goldLabel, predictedLabel, whereText } from "./labels";
import { checkpointStep } from "./links";

export interface ReportMarkdownInput {
  ev: EvalDto;
  /** The project's pinned baseline eval, when there is one and it is not this eval. */
  baseline: EvalDto | null;
  thresholds: readonly Threshold[];
  /** Wrong answers to list (any order: they are ranked here). */
  failures: readonly EvalResultDto[];
  /** How many wrong answers the eval has in all (the list may hold fewer). */
  failureTotal: number;
  /** Where the report lives, when known. */
  url?: string | null;
  /** ISO time the file was made. */
  generatedAt: string;
}

/** The failures a reader should see first: an application would act on these. */
export const SEVERITY: readonly Verdict[] = ["wrong_tool", "false_tool_call", "wrong_arguments", "invalid", "missed_call", "parse_failure"];
export const FAILURE_LIMIT = 20;

/** Wrong answers ranked by how dangerous their verdict is, then by example number. */
export function worstFailures(results: readonly EvalResultDto[], limit = FAILURE_LIMIT): EvalResultDto[] {
  const rank = (r: EvalResultDto) => (r.verdict ? SEVERITY.indexOf(r.verdict) : -1);
  return results
    .filter((r) => r.verdict !== null && r.verdict !== "correct" && rank(r) >= 0)
    .sort((x, y) => rank(x) - rank(y) || x.exampleNumber - y.exampleNumber)
    .slice(0, limit);
}

/** Table cells: pipes and line breaks would break the row. */
const cell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const code = (s: string) => "`" + s.replace(/`/g, "'") + "`";
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
const day = (iso: string) => iso.replace("T", " ").slice(0, 16) + " UTC";

/** A file name for the download: "eval-report-gpt-4o-mini-on-gold.md". */
export function reportFileName(ev: Pick<EvalDto, "name">): string {
  const slug = ev.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `eval-report-${slug || "eval"}.md`;
}

export function reportMarkdown(input: ReportMarkdownInput): string {
  const { ev, thresholds } = input;
  const baseline = input.baseline && input.baseline.id !== ev.id ? input.baseline : null;
  const s = ev.summary;
  const out: string[] = [];
  out.push(`# Eval report: ${ev.name}`, "");
  const step = checkpointStep(ev.model);
  const facts: [string, string][] = [
    ["Model", code(ev.model)],
    ["Runs on", whereText(ev)],
    ["Training run", ev.runId ? `${code(ev.runId)}${step !== null ? `, checkpoint at step ${formatCount(step)}` : ""}` : "none (not a model trained here)"],
    ["Examples (n)", `${formatCount(s?.total ?? 0)} scored of ${formatCount(ev.total)} in the ${ev.split} split`],
    ["Matching", `${ev.matchMode}, catalogue v${ev.catalogueVersion}`],
    ["Status", ev.status],
    ["Date", day(ev.finishedAt ?? ev.createdAt)],
  ];
  if (baseline) facts.push(["Baseline", `${baseline.name} (${code(baseline.model)})`]);
  if (input.url) facts.push(["Link", input.url]);
  out.push(row(["", ""]), row(["---", "---"]), ...facts.map(([k, v]) => row([k, cell(v)])), "");

  if (!s) {
    out.push("No example was scored, so there are no numbers.", "", `_Generated ${day(input.generatedAt)} by ToolTune._`, "");
    return out.join("\n");
  }

  const v = verdict(s, thresholds);
  if (v.result === "pass") out.push(`**Result: PASS** (all ${v.checks.length} thresholds met)`, "");
  else if (v.result === "fail") out.push(`**Result: FAIL** (${v.failed} of ${v.checks.length} thresholds missed)`, "");
  else if (v.result === "unknown") out.push(`**Result: not decided** (${v.passed} of ${v.checks.length} thresholds met; the rest have nothing to count)`, "");
  else out.push("_The project sets no thresholds, so there is no pass/fail._", "");

  out.push("## Headline", "");
  const rows = headlineRows(s, baseline?.summary ?? null, thresholds, REPORT_METRICS);
  const head = ["Metric", "Value", "95% interval", "n / d"];
  if (baseline) head.push("Change vs baseline", "Change 95% interval");
  out.push(row(head), row(head.map((_, i) => (i === 0 ? "---" : "---:"))));
  for (const r of rows) {
    const cells = [
      `${r.def.label}${r.def.better === "lower" ? " (lower is better)" : ""}`,
      formatPct(r.rate.value),
      intervalText(r.interval),
      r.rate.d === 0 ? "none to count" : `${formatCount(r.rate.n)} / ${formatCount(r.rate.d)}`,
    ];
    if (baseline) cells.push(r.change ? `${formatPts(r.change)}${r.change.tone === "good" ? " (better)" : r.change.tone === "bad" ? " (worse)" : ""}` : "—", pointsIntervalText(r.changeInterval));
    out.push(row(cells.map(cell)));
  }
  out.push("", "Intervals are 95% Wilson score intervals; a change's interval treats the two evals as independent samples (conservative when they share examples).", "");

  if (v.checks.length > 0) {
    out.push("## Thresholds", "", row(["Metric", "Rule", "Value", "Result"]), row(["---", "---", "---:", "---"]));
    for (const c of v.checks)
      out.push(row([c.def.label, ruleText(c.threshold), formatPct(c.value), c.result === "unknown" ? "nothing to count" : `${c.result.toUpperCase()}${c.borderline ? " (within the 95% interval)" : ""}`].map(cell)));
    out.push("");
  }

  out.push("## Per tool", "");
  if (s.perTool.length === 0) out.push("No tool calls in the gold examples.", "");
  else {
    out.push(row(["Tool", "Gold calls", "Predicted", "Precision", "Recall", "Argument accuracy"]), row(["---", "---:", "---:", "---:", "---:", "---:"]));
    for (const t of s.perTool)
      out.push(row([code(t.tool), formatCount(t.support), formatCount(t.predicted), formatPct(t.precision), formatPct(t.recall), formatPct(t.argAccuracy.value)].map(cell)));
    out.push("");
  }

  out.push("## Worst failures", "");
  const counts = Object.entries(s.verdicts)
    .filter(([k, n]) => k !== "correct" && n > 0)
    .map(([k, n]) => `${VERDICT_LABEL[k as Verdict] ?? k} ${formatCount(n)}`);
  out.push(counts.length > 0 ? `Wrong answers by verdict: ${counts.join(", ")}.` : "No wrong answers.", "");
  const worst = worstFailures(input.failures);
  if (worst.length > 0) {
    out.push(row(["Example", "Verdict", "Request", "Expected", "Got", "What differed"]), row(["---:", "---", "---", "---", "---", "---"]));
    for (const r of worst)
      out.push(row([`#${r.exampleNumber}`, VERDICT_LABEL[r.verdict!], clip(r.request, 100), goldLabel(r.gold), predictedLabel(r.score), clip(r.score?.reason ?? "", 140)].map(cell)));
    out.push("");
    if (input.failureTotal > worst.length) out.push(`The ${formatCount(worst.length)} most serious of ${formatCount(input.failureTotal)} wrong answers, wrong tool first.`, "");
  }
  out.push(`_Generated ${day(input.generatedAt)} by ToolTune._`, "");
  return out.join("\n");
}
