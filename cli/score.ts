// `tooltune score`: scores a predictions file against a gold set (a gold JSONL, BFCL files, or a
// project's gold split) with the same library the evals use, and prints the numbers.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import {
  MATCH_MODES,
  scoreExample,
  summarise,
  type EvalSummary,
  type MatchMode,
  type OutputStyle,
  type Rate,
  type ScoredRow,
} from "../lib/scoring";
import { readBfcl, readGoldFile, readPredictions, UsageError, type GoldEntry, type Prediction } from "./score-input";

export interface ScoreOptions {
  predictions?: string;
  gold?: string;
  bfclQuestions?: string;
  bfclAnswers?: string;
  /** A resolved project id; its gold split is read from the database. */
  projectId?: string;
  split?: string;
  style?: string;
  match?: string;
  perExample?: string;
  json?: boolean;
}

export interface ScoreResult {
  summary: EvalSummary;
  style: OutputStyle;
  mode: MatchMode;
  /** Gold ids with no prediction (scored as parse failures). */
  missing: string[];
  /** Prediction ids with no gold (not scored). */
  extra: string[];
}

/** The command: prints the report, returns the exit code (2 for bad usage or input). */
export async function runScore(opts: ScoreOptions): Promise<number> {
  try {
    const r = await scoreFiles(opts);
    // Awaits the write: main.ts exits right after, which would cut a large summary piped to another program.
    // One line: the confusion matrix grows with the square of the number of tools.
    await print(opts.json ? JSON.stringify(r.summary) : formatReport(r));
    if (opts.json && (r.missing.length > 0 || r.extra.length > 0)) console.error(formatIds(r).join("\n"));
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`tooltune score: ${e.message}`);
    return 2;
  }
}

function print(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(`${text}\n`, (e) => (e ? reject(e) : resolve())));
}

async function loadGold(opts: ScoreOptions): Promise<{ entries: GoldEntry[]; style: OutputStyle | null }> {
  const sources = [opts.gold, opts.bfclQuestions, opts.projectId].filter(Boolean).length;
  if (sources !== 1)
    throw new UsageError(
      "give the gold as exactly one of --gold FILE, --bfcl-questions FILE [--bfcl-answers FILE], or --project ID --split gold",
    );
  if (opts.bfclAnswers && !opts.bfclQuestions) throw new UsageError("--bfcl-answers goes with --bfcl-questions");
  if (opts.gold) return { entries: await readGoldFile(opts.gold), style: null };
  if (opts.bfclQuestions) return { entries: await readBfcl(opts.bfclQuestions, opts.bfclAnswers), style: null };
  // Loaded on demand so that scoring files never touches the database client.
  const [{ loadGoldSet }, { AppError }] = await Promise.all([
    import("../lib/server/evals/gold"),
    import("../lib/server/errors"),
  ]);
  const set = await loadGoldSet(opts.projectId!, { split: opts.split ?? "gold" }).catch((e: unknown) => {
    throw e instanceof AppError ? new UsageError(e.message) : e; // an empty gold split is bad input, not a crash
  });
  const tools = set.tools;
  return {
    entries: set.items.map((i) => ({
      id: i.exampleId,
      alias: String(i.number),
      gold: i.gold,
      tools,
      native: set.style === "native_tools",
    })),
    style: set.style,
  };
}

function pickStyle(
  opts: ScoreOptions,
  projectStyle: OutputStyle | null,
  entries: GoldEntry[],
  predictions: Map<string, Prediction>,
): OutputStyle {
  if (opts.style !== undefined) {
    if (opts.style !== "router_json" && opts.style !== "native_tools")
      throw new UsageError(`--style must be router_json or native_tools; got ${opts.style}`);
    return opts.style;
  }
  if (projectStyle) return projectStyle;
  const hasToolCalls = [...predictions.values()].some((p) => typeof p.output !== "string" && (p.output.tool_calls?.length ?? 0) > 0);
  return entries.some((e) => e.native) || hasToolCalls ? "native_tools" : "router_json";
}

export async function scoreFiles(opts: ScoreOptions): Promise<ScoreResult> {
  if (!opts.predictions) throw new UsageError("--predictions FILE is required");
  const mode = (opts.match ?? "strict") as MatchMode;
  if (!MATCH_MODES.includes(mode)) throw new UsageError(`--match must be one of ${MATCH_MODES.join(", ")}; got ${opts.match}`);
  const { entries, style: projectStyle } = await loadGold(opts);
  const predictions = await readPredictions(opts.predictions);
  const style = pickStyle(opts, projectStyle, entries, predictions);

  const used = new Set<string>();
  const missing: string[] = [];
  const rows: (ScoredRow & { id: string })[] = entries.map((e) => {
    const p = predictions.get(e.id) ?? (e.alias !== undefined ? predictions.get(e.alias) : undefined);
    if (!p) {
      missing.push(e.id);
      const score = scoreExample({ output: "", gold: e.gold, tools: e.tools, style, mode });
      // Not even BFCL's irrelevance rule may count an absent answer as right.
      return { id: e.id, score: { ...score, correct: false, reason: "no prediction for this id" } };
    }
    used.add(p.id);
    const score = scoreExample({ output: p.output, gold: e.gold, tools: e.tools, style, mode });
    return { id: e.id, score, latencyMs: p.latencyMs, promptTokens: p.promptTokens, completionTokens: p.completionTokens };
  });
  const extra = [...predictions.keys()].filter((id) => !used.has(id));
  const tools = [...new Set(entries.flatMap((e) => e.tools.map((t) => t.name)))];
  if (opts.perExample) await writePerExample(opts.perExample, rows);
  return { summary: summarise(rows, { tools }), style, mode, missing, extra };
}

async function writePerExample(file: string, rows: (ScoredRow & { id: string })[]): Promise<void> {
  const out = createWriteStream(file);
  for (const { id, score: s } of rows) {
    const line = {
      id,
      valid: s.valid,
      tool_correct: s.toolCorrect,
      args_correct: s.argsCorrect,
      false_tool_call: s.falseToolCall,
      missed_call: s.missedCall,
      silent_corruption: s.silentCorruption,
      correct: s.correct,
      parse: s.parse,
      verdict: s.verdict,
      reason: s.reason,
    };
    if (!out.write(JSON.stringify(line) + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

function pct(r: Rate): string {
  const v = r.value === null ? "—" : `${(r.value * 100).toFixed(1)}%`;
  return `${v.padStart(7)}  (${r.n}/${r.d})`;
}

function formatIds(r: ScoreResult): string[] {
  const list = (ids: string[]) => ids.slice(0, 20).join(", ") + (ids.length > 20 ? `, ... ${ids.length - 20} more` : "");
  const lines: string[] = [];
  if (r.missing.length > 0) lines.push(`missing predictions (scored as parse failures): ${r.missing.length}: ${list(r.missing)}`);
  if (r.extra.length > 0) lines.push(`predictions without gold (not scored): ${r.extra.length}: ${list(r.extra)}`);
  return lines;
}

export function formatReport(r: ScoreResult): string {
  const ids = formatIds(r);
  return [
    formatSummary(r.summary, `${r.summary.total} examples, ${r.mode} match, ${r.style}`),
    ...(ids.length > 0 ? ["", ...ids] : []),
  ].join("\n");
}

/** The summary as a table a person reads (also used by `tooltune eval`). */
export function formatSummary(s: EvalSummary, header = `${s.total} examples`): string {
  const lines = [
    header,
    `  exact match          ${pct(s.exactMatch)}`,
    `  valid outputs        ${pct(s.validRate)}`,
    `  tool name accuracy   ${pct(s.toolNameAccuracy)}`,
    `  argument accuracy    ${pct(s.argAccuracy)}   of valid calls with the right tools`,
    `  false tool calls     ${pct(s.falseToolCallRate)}   of gold no_tool`,
    `  missed calls         ${pct(s.missedCallRate)}   of gold calls`,
    `  silent corruption    ${pct(s.silentCorruptionRate)}   valid but wrong calls, of all`,
    `  parse: ${s.parse.clean} clean, ${s.parse.repaired} repaired, ${s.parse.failed} failed`,
    `  verdicts: ${Object.entries(s.verdicts)
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${v} ${n}`)
      .join(", ")}`,
  ];
  const shown = s.perTool.filter((t) => t.support > 0 || t.predicted > 0);
  if (shown.length > 0) {
    const w = Math.max(4, ...shown.slice(0, 30).map((t) => t.tool.length));
    const f = (x: number | null) => (x === null ? "—" : x.toFixed(2)).padStart(9);
    lines.push("", `  ${"tool".padEnd(w)}  support  precision   recall  arguments`);
    for (const t of shown.slice(0, 30))
      lines.push(`  ${t.tool.padEnd(w)}  ${String(t.support).padStart(7)}  ${f(t.precision)}  ${f(t.recall)}  ${pct(t.argAccuracy)}`);
    if (shown.length > 30) lines.push(`  ... ${shown.length - 30} more tools (--json for all)`);
  }
  if (s.argErrors.length > 0) {
    lines.push("", "  most frequent argument errors:");
    for (const e of s.argErrors.slice(0, 10))
      lines.push(`    ${String(e.count).padStart(5)}  ${e.tool}.${e.argument || "(arguments)"}  ${e.kind}`);
  }
  if (s.latency) lines.push("", `  latency ms: p50 ${s.latency.p50}, p95 ${s.latency.p95}, mean ${s.latency.mean.toFixed(0)}`);
  if (s.tokens) lines.push(`  tokens: ${s.tokens.prompt} prompt, ${s.tokens.completion} completion`);
  if (s.cost) lines.push(`  cost: $${s.cost.total.toFixed(4)} ($${s.cost.per1000Calls.toFixed(4)} per 1,000 calls)`);
  return lines.join("\n");
}
