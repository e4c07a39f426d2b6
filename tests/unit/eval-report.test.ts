import { describe, expect, it } from "vitest";
import { evalReportSettingsPatchSchema } from "@/lib/schemas/eval-report";
import type { EvalDto, EvalResultDto } from "@/lib/schemas/evals";
import type { EvalSummary, Rate, Verdict } from "@/lib/scoring/types";
import { checkThreshold, differenceInterval, headlineRows, intervalText, reportRate, verdict, wilson } from "@/components/evals/headline";
import { reportFileName, reportMarkdown, worstFailures } from "@/components/evals/report-markdown";
import { checkpointStep } from "@/components/evals/links";
import { DEFAULT_SORT, bestIds, nextSort, sortEvals } from "@/components/evals/evals-sort";
import { compareManyHref, parseCompareIds } from "@/components/evals/compare";

const rate = (n: number, d: number): Rate => ({ n, d, value: d === 0 ? null : n / d });

function summary(over: Partial<EvalSummary> = {}): EvalSummary {
  const verdicts: Record<Verdict, number> = { correct: 80, wrong_arguments: 5, wrong_tool: 4, false_tool_call: 3, missed_call: 4, invalid: 2, parse_failure: 2 };
  return {
    total: 100,
    validRate: rate(92, 100),
    toolNameAccuracy: rate(85, 100),
    argAccuracy: rate(76, 81),
    falseToolCallRate: rate(3, 40),
    missedCallRate: rate(4, 60),
    silentCorruptionRate: rate(9, 100),
    exactMatch: rate(80, 100),
    parse: { clean: 96, repaired: 2, failed: 2 },
    verdicts,
    perTool: [{ tool: "track_order", support: 40, predicted: 42, truePositive: 38, precision: 38 / 42, recall: 38 / 40, argAccuracy: rate(35, 38) }],
    confusion: { labels: [], counts: [] },
    argErrors: [],
    latency: null,
    tokens: null,
    cost: null,
    ...over,
  };
}

function evalDto(over: Partial<EvalDto> = {}): EvalDto {
  return {
    id: "ev1",
    projectId: "p1",
    name: "ft small on gold",
    backend: "gpu",
    endpointId: null,
    endpointName: null,
    model: "tt-run1:ckpt-step-1200",
    runId: "run1",
    status: "succeeded",
    matchMode: "strict",
    greedy: true,
    split: "gold",
    catalogueVersion: 3,
    followUps: null,
    concurrency: 8,
    maxTokens: 512,
    total: 100,
    done: 100,
    failedRequests: 0,
    progress: 1,
    summary: summary(),
    error: null,
    cancelRequested: false,
    createdBy: "Ada",
    createdAt: "2026-12-01T10:00:00.000Z",
    startedAt: "2026-12-01T10:00:01.000Z",
    finishedAt: "2026-12-01T10:05:00.000Z",
    ...over,
  };
}

function failure(number: number, v: Verdict, request = `request ${number}`): EvalResultDto {
  return {
    id: `r${number}`,
    exampleId: `e${number}`,
    exampleNumber: number,
    position: number,
    request,
    messages: [],
    gold: { kind: "tool_calls", calls: [{ name: "track_order", arguments: {} }] },
    status: "done",
    output: null,
    verdict: v,
    score: { parse: "clean", parsed: { kind: "tool_calls", calls: [{ name: "request_refund", arguments: {} }] }, reason: `reason ${number}` } as EvalResultDto["score"],
    latencyMs: 10,
    promptTokens: null,
    completionTokens: null,
    attempts: 1,
    error: null,
  };
}

describe("the Wilson score interval", () => {
  it("matches the textbook values for 8 of 10", () => {
    const ci = wilson(8, 10)!;
    expect(ci.low).toBeCloseTo(0.4902, 4);
    expect(ci.high).toBeCloseTo(0.9433, 4);
  });
  it("stays inside 0..1 at 0 of n and n of n, where the normal approximation collapses to a point", () => {
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
    expect(wilson(10, 10)).toEqual({ low: expect.closeTo(0.7225, 4), high: 1 });
  });
  it("has no interval when there is nothing to count or the counts are impossible", () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(5, 3)).toBeNull();
  });
  it("narrows as the sample grows", () => {
    const small = wilson(9, 10)!;
    const large = wilson(900, 1000)!;
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 5);
  });
});

describe("the change against a baseline", () => {
  it("gives Newcombe's interval for two independent rates (his worked example 56/70 vs 48/80)", () => {
    const ci = differenceInterval(rate(48, 80), rate(56, 70))!;
    expect(ci.low).toBeCloseTo(0.0524, 3);
    expect(ci.high).toBeCloseTo(0.3339, 3);
  });
  it("is unknown when either side has nothing to count", () => {
    expect(differenceInterval(rate(0, 0), rate(5, 10))).toBeNull();
  });
  it("headline rows carry the change in points, coloured by which way is better", () => {
    const now = summary({ falseToolCallRate: rate(2, 40) });
    const before = summary({ falseToolCallRate: rate(6, 40) });
    const row = headlineRows(now, before, []).find((r) => r.def.key === "falseToolCallRate")!;
    expect(row.change!.value).toBeCloseTo(-10, 6);
    expect(row.change!.tone).toBe("good");
    expect(row.changeInterval!.low).toBeLessThan(-0.1);
    expect(headlineRows(now, null, [])[0].change).toBeNull();
  });
  it("counts 'valid call, wrong tool' from the verdicts over all examples", () => {
    expect(reportRate(summary(), "wrongToolRate")).toEqual({ n: 4, d: 100, value: 0.04 });
  });
});

describe("thresholds", () => {
  it("passes a max threshold at exactly the limit despite floating-point noise (0.07 × 100)", () => {
    const s = summary({ falseToolCallRate: rate(7, 100) });
    expect(checkThreshold(s, { metric: "falseToolCallRate", op: "max", percent: 7 }).result).toBe("pass");
    expect(checkThreshold(s, { metric: "falseToolCallRate", op: "max", percent: 6.9 }).result).toBe("fail");
  });
  it("checks min thresholds the other way round", () => {
    const s = summary();
    expect(checkThreshold(s, { metric: "validRate", op: "min", percent: 90 }).result).toBe("pass");
    expect(checkThreshold(s, { metric: "validRate", op: "min", percent: 95 }).result).toBe("fail");
  });
  it("flags a pass whose 95% interval reaches past the limit as borderline, and a clear one not", () => {
    const s = summary({ falseToolCallRate: rate(3, 40) });
    expect(checkThreshold(s, { metric: "falseToolCallRate", op: "max", percent: 10 }).borderline).toBe(true);
    expect(checkThreshold(s, { metric: "falseToolCallRate", op: "max", percent: 30 }).borderline).toBe(false);
  });
  it("reports unknown, not pass, when a rate has nothing to count", () => {
    const s = summary({ falseToolCallRate: rate(0, 0) });
    const v = verdict(s, [
      { metric: "falseToolCallRate", op: "max", percent: 5 },
      { metric: "validRate", op: "min", percent: 90 },
    ]);
    expect(v.result).toBe("unknown");
    expect(v.passed).toBe(1);
  });
  it("fails the whole report when any threshold fails, and says none when there are none", () => {
    const s = summary();
    expect(verdict(s, [{ metric: "validRate", op: "min", percent: 99 }, { metric: "falseToolCallRate", op: "max", percent: 50 }])).toMatchObject({ result: "fail", failed: 1, passed: 1 });
    expect(verdict(s, []).result).toBe("none");
  });
});

describe("the settings schema", () => {
  it("names the field of a percentage out of range", () => {
    const r = evalReportSettingsPatchSchema.safeParse({ thresholds: [{ metric: "validRate", op: "min", percent: 120 }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["thresholds", 0, "percent"]);
    expect(r.error!.issues[0].message).toBe("the percentage is above 100");
  });
  it("rejects an unknown metric and two max thresholds on one metric", () => {
    expect(evalReportSettingsPatchSchema.safeParse({ thresholds: [{ metric: "speed", op: "min", percent: 1 }] }).success).toBe(false);
    const twice = evalReportSettingsPatchSchema.safeParse({
      thresholds: [
        { metric: "validRate", op: "max", percent: 1 },
        { metric: "validRate", op: "max", percent: 2 },
      ],
    });
    expect(twice.error!.issues[0]).toMatchObject({ path: ["thresholds", 1, "metric"], message: "validRate already has a max threshold" });
  });
});

describe("the Markdown report", () => {
  const thresholds = [
    { metric: "falseToolCallRate" as const, op: "max" as const, percent: 5 },
    { metric: "validRate" as const, op: "min" as const, percent: 90 },
  ];
  const baseline = evalDto({ id: "base", name: "base model on gold", model: "qwen2.5-1.5b", runId: null, summary: summary({ validRate: rate(80, 100) }) });
  const md = reportMarkdown({
    ev: evalDto(),
    baseline,
    thresholds,
    failures: [failure(7, "missed_call"), failure(3, "wrong_arguments"), failure(12, "wrong_tool", "Track | ORD-1\nplease"), failure(5, "wrong_tool")],
    failureTotal: 20,
    url: "http://localhost:3000/projects/p1/evals/ev1",
    generatedAt: "2026-12-02T09:30:00.000Z",
  });

  it("starts with the title and what was evaluated: model, run and checkpoint, date and n", () => {
    expect(md.startsWith("# Eval report: ft small on gold\n")).toBe(true);
    expect(md).toContain("| Model | `tt-run1:ckpt-step-1200` |");
    expect(md).toContain("| Training run | `run1`, checkpoint at step 1,200 |");
    expect(md).toContain("| Examples (n) | 100 scored of 100 in the gold split |");
    expect(md).toContain("| Date | 2026-12-01 10:05 UTC |");
    expect(md).toContain("| Baseline | base model on gold (`qwen2.5-1.5b`) |");
  });
  it("gives each headline rate with its interval, counts and change against the baseline", () => {
    expect(md).toContain(`| Valid tool-call rate | 92.0% | ${intervalText(wilson(92, 100))} | 92 / 100 | +12.0 pts (better) |`);
    expect(md).toContain("| Valid call, wrong tool (lower is better) | 4.0% |");
  });
  it("says pass or fail per threshold, and the overall result", () => {
    expect(md).toContain("**Result: FAIL** (1 of 2 thresholds missed)");
    expect(md).toMatch(/\| False-tool-call rate \| at most 5% \| 7\.5% \| FAIL/);
    expect(md).toMatch(/\| Valid tool-call rate \| at least 90% \| 92\.0% \| PASS/);
  });
  it("has the per-tool table", () => {
    expect(md).toContain("| `track_order` | 40 | 42 | 90.5% | 95.0% | 92.1% |");
  });
  it("lists the worst failures by example number, wrong tool first, with table-safe text", () => {
    const section = md.slice(md.indexOf("## Worst failures"));
    expect(section.indexOf("| #5 |")).toBeLessThan(section.indexOf("| #12 |"));
    expect(section.indexOf("| #12 |")).toBeLessThan(section.indexOf("| #3 |"));
    expect(section.indexOf("| #3 |")).toBeLessThan(section.indexOf("| #7 |"));
    expect(section).toContain("Track \\| ORD-1 please");
    expect(section).toContain("The 4 most serious of 20 wrong answers");
  });
  it("says there is no pass/fail without thresholds and leaves out the baseline columns without a baseline", () => {
    const plain = reportMarkdown({ ev: evalDto(), baseline: null, thresholds: [], failures: [], failureTotal: 0, generatedAt: "2026-12-02T09:30:00.000Z" });
    expect(plain).toContain("no thresholds, so there is no pass/fail");
    expect(plain).not.toContain("Change vs baseline");
    expect(plain).not.toContain("## Thresholds");
  });
  it("does not compare an eval with itself when it is the pinned baseline", () => {
    const self = reportMarkdown({ ev: evalDto(), baseline: evalDto(), thresholds: [], failures: [], failureTotal: 0, generatedAt: "2026-12-02T09:30:00.000Z" });
    expect(self).not.toContain("Change vs baseline");
  });
});

describe("report helpers", () => {
  it("ranks failures by danger and drops correct answers", () => {
    const ranked = worstFailures([failure(1, "parse_failure"), failure(2, "correct"), failure(3, "false_tool_call"), failure(4, "wrong_tool")]);
    expect(ranked.map((r) => r.exampleNumber)).toEqual([4, 3, 1]);
  });
  it("makes a safe file name and reads the checkpoint step of a model id", () => {
    expect(reportFileName({ name: "GPU · qwen/2.5 on gold!" })).toBe("eval-report-gpu-qwen-2-5-on-gold.md");
    expect(checkpointStep("ft:gpt-4o-mini:acme::ckpt-step-102")).toBe(102);
    expect(checkpointStep("gpt-4o-mini")).toBeNull();
  });
});

describe("the evals list's sorting and best marks", () => {
  const a = evalDto({ id: "a", name: "Bravo", createdAt: "2026-12-01T10:00:00.000Z", summary: summary({ validRate: rate(90, 100), falseToolCallRate: rate(4, 40) }) });
  const b = evalDto({ id: "b", name: "alpha", createdAt: "2026-12-02T10:00:00.000Z", summary: summary({ validRate: rate(95, 100), falseToolCallRate: rate(4, 40) }) });
  const live = evalDto({ id: "c", name: "charlie", status: "running", createdAt: "2026-12-03T10:00:00.000Z", summary: summary({ validRate: rate(99, 100), falseToolCallRate: rate(0, 40) }) });
  const none = evalDto({ id: "d", name: "delta", status: "failed", createdAt: "2026-11-30T10:00:00.000Z", summary: null });

  it("puts the best first on a number column's first click, whichever way better points", () => {
    expect(nextSort(DEFAULT_SORT, "validRate")).toEqual({ key: "validRate", dir: "desc" });
    expect(nextSort(DEFAULT_SORT, "falseToolCallRate")).toEqual({ key: "falseToolCallRate", dir: "asc" });
    expect(nextSort({ key: "validRate", dir: "desc" }, "validRate")).toEqual({ key: "validRate", dir: "asc" });
  });
  it("sorts by a rate with evals without numbers last in both directions", () => {
    expect(sortEvals([a, none, b], { key: "validRate", dir: "desc" }).map((e) => e.id)).toEqual(["b", "a", "d"]);
    expect(sortEvals([a, none, b], { key: "validRate", dir: "asc" }).map((e) => e.id)).toEqual(["a", "b", "d"]);
  });
  it("sorts names case-insensitively and dates newest first by default", () => {
    expect(sortEvals([a, b], { key: "name", dir: "asc" }).map((e) => e.name)).toEqual(["alpha", "Bravo"]);
    expect(sortEvals([none, a, live, b], DEFAULT_SORT).map((e) => e.id)).toEqual(["c", "b", "a", "d"]);
  });
  it("marks the best finished eval per column, ties sharing it, and ignores a still-running one", () => {
    const worse = evalDto({ id: "e", summary: summary({ validRate: rate(50, 100), falseToolCallRate: rate(8, 40) }) });
    const best = bestIds([a, b, live, none, worse], ["validRate", "falseToolCallRate", "name"]);
    expect([...best.get("validRate")!]).toEqual(["b"]);
    expect([...best.get("falseToolCallRate")!].sort()).toEqual(["a", "b"]);
    expect(best.has("name")).toBe(false);
  });
  it("marks nothing when only one eval has a value, or when all are equal", () => {
    expect(bestIds([a, none], ["validRate"]).has("validRate")).toBe(false);
    expect(bestIds([a, b], ["exactMatch"]).has("exactMatch")).toBe(false);
  });
  it("reads a compare list from the URL without blanks or repeats, capped", () => {
    expect(parseCompareIds("x, y,,x,z")).toEqual(["x", "y", "z"]);
    expect(parseCompareIds(Array.from({ length: 12 }, (_, i) => `e${i}`).join(","))).toHaveLength(8);
    expect(compareManyHref("p 1", ["a", "b", "c"])).toBe("/projects/p%201/evals/compare?ids=a,b,c");
  });
});
