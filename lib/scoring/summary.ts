// The numbers of an evaluation, from its scored rows. Every rate carries its numerator and
// denominator; README.md in this folder says what each denominator is.
import {
  INVALID_LABEL,
  NO_TOOL_LABEL,
  VERDICTS,
  type EvalSummary,
  type ExampleScore,
  type PerToolRow,
  type Rate,
  type ScoredRow,
  type TokenPricing,
  type Verdict,
} from "./types";

export function rate(n: number, d: number): Rate {
  return { value: d === 0 ? null : n / d, n, d };
}

function count<T>(xs: readonly T[], pick: (x: T) => boolean): number {
  return xs.reduce((n, x) => (pick(x) ? n + 1 : n), 0);
}

/** The share of `xs` that `pick` accepts, as a Rate over xs. */
function share<T>(xs: readonly T[], pick: (x: T) => boolean): Rate {
  return rate(count(xs, pick), xs.length);
}

/** Gold is a call when some pair's gold side is a tool (older rows may lack goldKind). */
function goldIsCalls(s: ExampleScore): boolean {
  return s.goldKind ? s.goldKind === "tool_calls" : s.pairs.some(([g]) => g !== NO_TOOL_LABEL);
}

/** The nearest-rank percentile of sorted values: the ceil(p·n)-th smallest. */
export function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function summarise(rows: readonly ScoredRow[], opts: { tools: readonly string[]; pricing?: TokenPricing | null }): EvalSummary {
  const scores = rows.map((r) => r.score);
  const withCalls = scores.filter(goldIsCalls);
  const withoutCalls = scores.filter((s) => !goldIsCalls(s));
  const argsJudged = withCalls.filter((s) => s.valid && s.toolCorrect);
  const labels = confusionLabels(scores, opts.tools);
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const s of scores) for (const [g, p] of s.pairs) counts[index.get(g)!][index.get(p)!]++;

  return {
    total: rows.length,
    validRate: share(scores, (s) => s.valid),
    toolNameAccuracy: share(scores, (s) => s.toolCorrect),
    argAccuracy: share(argsJudged, (s) => s.argsCorrect === true),
    falseToolCallRate: share(withoutCalls, (s) => s.falseToolCall),
    missedCallRate: share(withCalls, (s) => s.missedCall),
    silentCorruptionRate: share(scores, (s) => s.silentCorruption),
    exactMatch: share(scores, (s) => s.correct),
    parse: {
      clean: count(scores, (s) => s.parse === "clean"),
      repaired: count(scores, (s) => s.parse === "repaired"),
      failed: count(scores, (s) => s.parse === "failed"),
    },
    verdicts: Object.fromEntries(VERDICTS.map((v) => [v, count(scores, (s) => s.verdict === v)])) as Record<Verdict, number>,
    perTool: labels.filter((l) => l !== NO_TOOL_LABEL && l !== INVALID_LABEL).map((tool) => perTool(tool, scores)),
    confusion: { labels, counts },
    argErrors: argErrors(scores),
    ...usage(rows, opts.pricing ?? null),
  };
}

/** The catalogue's tools in its order, then any other name seen (gold first, in order of appearance), then no_tool and invalid. */
function confusionLabels(scores: readonly ExampleScore[], tools: readonly string[]): string[] {
  const labels = [...new Set(tools)].filter((t) => t !== NO_TOOL_LABEL && t !== INVALID_LABEL);
  const seen = new Set(labels);
  const add = (l: string) => {
    if (l !== NO_TOOL_LABEL && l !== INVALID_LABEL && !seen.has(l)) {
      seen.add(l);
      labels.push(l);
    }
  };
  for (const s of scores) for (const [g] of s.pairs) add(g);
  for (const s of scores) for (const [, p] of s.pairs) add(p);
  return [...labels, NO_TOOL_LABEL, INVALID_LABEL];
}

function perTool(tool: string, scores: readonly ExampleScore[]): PerToolRow {
  let support = 0;
  let predicted = 0;
  let truePositive = 0;
  for (const s of scores) {
    for (const [g, p] of s.pairs) {
      if (g === tool) support++;
      if (p === tool) predicted++;
      if (g === tool && p === tool) truePositive++;
    }
  }
  const named = scores.filter((s) => s.argsCorrect !== null && s.pairs.some(([g, p]) => g === tool && p === tool));
  return {
    tool,
    support,
    predicted,
    truePositive,
    precision: predicted === 0 ? null : truePositive / predicted,
    recall: support === 0 ? null : truePositive / support,
    argAccuracy: share(named, (s) => s.argsCorrect === true),
  };
}

function argErrors(scores: readonly ExampleScore[]): EvalSummary["argErrors"] {
  const byKey = new Map<string, EvalSummary["argErrors"][number]>();
  for (const s of scores) {
    for (const e of s.argErrors) {
      const key = JSON.stringify([e.tool, e.argument, e.kind]);
      const hit = byKey.get(key);
      if (hit) hit.count++;
      else byKey.set(key, { tool: e.tool, argument: e.argument, kind: e.kind, count: 1 });
    }
  }
  return [...byKey.values()].sort(
    (a, b) => b.count - a.count || a.tool.localeCompare(b.tool) || a.argument.localeCompare(b.argument) || a.kind.localeCompare(b.kind),
  );
}

const known = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** Latency over the rows that have one; tokens when any row has them; cost per 1,000 calls over the rows with tokens. */
function usage(rows: readonly ScoredRow[], pricing: TokenPricing | null): Pick<EvalSummary, "latency" | "tokens" | "cost"> {
  const latencies = rows
    .map((r) => r.latencyMs)
    .filter(known)
    .sort((a, b) => a - b);
  const latency =
    latencies.length === 0
      ? null
      : {
          p50: nearestRank(latencies, 0.5),
          p95: nearestRank(latencies, 0.95),
          mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
        };
  const metered = rows.filter((r) => known(r.promptTokens) || known(r.completionTokens));
  const tokens =
    metered.length === 0
      ? null
      : {
          prompt: metered.reduce((n, r) => n + (known(r.promptTokens) ? r.promptTokens : 0), 0),
          completion: metered.reduce((n, r) => n + (known(r.completionTokens) ? r.completionTokens : 0), 0),
        };
  const cost = pricing && tokens ? priced(tokens, pricing, metered.length) : null;
  return { latency, tokens, cost };
}

function priced(tokens: { prompt: number; completion: number }, p: TokenPricing, calls: number): { total: number; per1000Calls: number } {
  const total = (tokens.prompt * p.inputPerMillion + tokens.completion * p.outputPerMillion) / 1_000_000;
  return { total, per1000Calls: (total / calls) * 1000 };
}
