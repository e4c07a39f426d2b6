import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  analyzeJsonl,
  createHealthAccumulator,
  formatHealthReport,
  lastUserText,
  MAX_DUPLICATE_GROUPS,
  MAX_ERROR_LINES,
} from "@/lib/datasets/health";
import { getEncoding, type TokenEncoding } from "@/lib/datasets/tokens";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const TOY = fixture("toy_chat_fine_tuning.jsonl");
const DRONE = fixture("drone_training.first3.jsonl");

let cl: TokenEncoding;
beforeAll(async () => {
  cl = await getEncoding("cl100k_base");
});

// The notebook's printed output (examples/Chat_finetuning_data_prep.ipynb). Its code now says
// MAX_TOKENS_PER_EXAMPLE = 16385, but the stored "~4306"/"~86120" come from an earlier run with
// 4096 (26 + 28 + 45 + 111 + 4096 = 4306), so reproducing them needs that billing cap. Its
// "p5 / p95" line prints np.quantile(values, 0.1) and (values, 0.9), i.e. p10 and p90; Python
// shows 6.6000000000000005 and 4811.200000000001 where this prints 6.6 and 4811.2.
const NOTEBOOK_OUTPUT = `Num examples: 5
No errors found
Num examples missing system message: 1
Num examples missing user message: 1

#### Distribution of num_messages_per_example:
min / max: 2, 9
mean / median: 3.8, 3.0
p5 / p95: 2.0, 6.6

#### Distribution of num_total_tokens_per_example:
min / max: 26, 8032
mean / median: 1648.4, 45.0
p5 / p95: 26.8, 4863.6

#### Distribution of num_assistant_tokens_per_example:
min / max: 4, 8000
mean / median: 1610.2, 10.0
p5 / p95: 6.0, 4811.2

0 examples may be over the 16,385 token limit, they will be truncated during fine-tuning
Dataset has ~4306 tokens that will be charged for during training
By default, you'll train for 20 epochs on this dataset
By default, you'll be charged for ~86120 tokens`;

describe("the cookbook's toy file", () => {
  it("reproduces the notebook's printed report exactly", () => {
    const report = analyzeJsonl(TOY, { encoding: cl, tokenLimit: 16_385, maxTokensPerExample: 4096 });
    const text = formatHealthReport(report, { cookbook: true });
    expect(text.slice(0, NOTEBOOK_OUTPUT.length)).toBe(NOTEBOOK_OUTPUT);
  });

  it("reproduces the notebook's numbers, bit for bit where Python printed them", () => {
    const report = analyzeJsonl(TOY, { encoding: cl, maxTokensPerExample: 4096 });
    const pick = (d: typeof report.distributions.messages) =>
      d && { min: d.min, max: d.max, mean: d.mean, median: d.median, p10: d.p10, p90: d.p90 };
    expect({
      examples: report.examples,
      formatErrors: report.formatErrors,
      missingSystem: report.missingSystem,
      missingUser: report.missingUser,
      messages: pick(report.distributions.messages),
      totalTokens: pick(report.distributions.totalTokens),
      assistantTokens: pick(report.distributions.assistantTokens),
      overTokenLimit: report.overTokenLimit,
      billingTokens: report.billingTokens,
      defaultEpochs: report.defaultEpochs,
      chargedTokens: report.chargedTokens,
    }).toEqual({
      examples: 5,
      formatErrors: {},
      missingSystem: 1,
      missingUser: 1,
      messages: { min: 2, max: 9, mean: 3.8, median: 3, p10: 2, p90: 6.6000000000000005 },
      totalTokens: { min: 26, max: 8032, mean: 1648.4, median: 45, p10: 26.8, p90: 4863.6 },
      assistantTokens: { min: 4, max: 8000, mean: 1610.2, median: 10, p10: 6, p90: 4811.200000000001 },
      overTokenLimit: 0,
      billingTokens: 4306,
      defaultEpochs: 20,
      chargedTokens: 86_120,
    });
  });

  it("bills at the 16,385 cap by default, as the notebook's current code would", () => {
    const report = analyzeJsonl(TOY, { encoding: cl });
    expect([report.billingTokens, report.defaultEpochs, report.chargedTokens]).toEqual([8242, 20, 164_840]);
  });

  it("counts examples over a lower token limit, which also caps billing", () => {
    const report = analyzeJsonl(TOY, { encoding: cl, tokenLimit: 4096 });
    expect([report.overTokenLimit, report.billingTokens]).toEqual([1, 4306]);
    expect(formatHealthReport(report)).toContain("1 examples may be over the 4,096 token limit");
  });

  it("prints true p5/p95 and p10/p90 by default", () => {
    const text = formatHealthReport(analyzeJsonl(TOY, { encoding: cl }));
    expect(text).toContain("p5 / p95: 2.0, 7.8\np10 / p90: 2.0, 6.6");
    expect(text).toContain("p5 / p95: 26.4, 6447.8\np10 / p90: 26.8, 4863.6");
  });
});

describe("the drone rows (tool calls)", () => {
  it("counts tokens, tool use and the double-encoded row", () => {
    const report = analyzeJsonl(DRONE, { encoding: cl });
    // Per row: 3 messages → 118/115/121 message tokens, plus 1033 for JSON.stringify(tools).
    expect(report.distributions.totalTokens).toMatchObject({ min: 1148, max: 1154, mean: 1151, median: 1151 });
    expect(report.distributions.assistantTokens).toMatchObject({ min: 30, max: 36, mean: 32 });
    expect(report.billingTokens).toBe(1151 + 1148 + 1154);
    expect(report.defaultEpochs).toBe(25);
    expect(report.chargedTokens).toBe(3453 * 25);
    expect(report.formatErrors).toEqual({ tool_call_double_encoded_arguments: 1 });
    expect(report.errorLines).toEqual([{ line: 3, errors: ["tool_call_double_encoded_arguments"] }]);
    expect(report.tools).toEqual({
      examplesWithToolCalls: 3,
      toolCallDecisions: 3,
      noToolDecisions: 0,
      noToolRatio: 0,
      callsPerTool: { takeoff_drone: 2, land_drone: 1 },
    });
  });

  it("counts the tools with o200k_base too, differently", async () => {
    const report = analyzeJsonl(DRONE, { encoding: await getEncoding("o200k_base") });
    expect(report.encoding).toBe("o200k_base");
    expect(report.billingTokens).toBe(1168 + 1166 + 1171);
  });
});

const msg = (role: string, content: string, extra: Record<string, unknown> = {}) => ({ role, content, ...extra });
const toolCall = (name: string) => ({ id: `call_${name}`, type: "function", function: { name, arguments: "{}" } });

describe("createHealthAccumulator", () => {
  it("separates trained tool-call decisions from plain replies", () => {
    const acc = createHealthAccumulator({ encoding: cl });
    acc.add(
      {
        messages: [
          msg("user", "weather?"),
          { role: "assistant", tool_calls: [toolCall("get_weather")] },
          { role: "tool", tool_call_id: "call_get_weather", content: "18C" },
          msg("assistant", "It is 18C."),
        ],
      },
      1,
    );
    acc.add({ messages: [msg("user", "hi"), msg("assistant", "Hello!")] }, 2);
    acc.add(
      { messages: [msg("user", "time?"), { role: "assistant", tool_calls: [toolCall("get_time")], weight: 0 }, msg("assistant", "Noon.")] },
      3,
    );
    const { tools } = acc.report();
    expect(tools).toEqual({
      examplesWithToolCalls: 2,
      toolCallDecisions: 1,
      noToolDecisions: 3,
      noToolRatio: 0.75,
      callsPerTool: { get_weather: 1, get_time: 1 },
    });
  });

  it("groups requests whose last user message matches after lowercasing and collapsing spaces", () => {
    const acc = createHealthAccumulator({ encoding: cl });
    const ex = (text: string) => ({
      messages: [msg("user", "earlier turn"), msg("assistant", "ok"), msg("user", text), msg("assistant", "x")],
    });
    acc.add(ex("What's the weather in Paris?"), 1);
    acc.add(ex("Book a table"), 2);
    acc.add(ex("  what's the WEATHER\n in   paris? "), 3);
    acc.add(ex("what's the weather in paris?"), 4);
    acc.add(ex("book a table"), 7);
    expect(acc.report().duplicates).toEqual({
      duplicateExamples: 3,
      groupCount: 2,
      groups: [
        { count: 3, lines: [1, 3, 4] },
        { count: 2, lines: [2, 7] },
      ],
    });
    expect(lastUserText([msg("user", " A\tB "), msg("assistant", "c")])).toBe("a b");
  });

  it("lists line numbers for the first 100 duplicate groups and counts the rest", () => {
    const acc = createHealthAccumulator({ encoding: cl });
    let line = 0;
    for (let i = 0; i < 150; i++) {
      for (let copy = 0; copy < 2; copy++) acc.add({ messages: [msg("user", `request ${i}`), msg("assistant", "ok")] }, ++line);
    }
    const { duplicates } = acc.report();
    expect([duplicates.duplicateExamples, duplicates.groupCount, duplicates.groups.length]).toEqual([150, 150, MAX_DUPLICATE_GROUPS]);
  });

  it("counts lines that are not JSON, and keeps the first 1000 error lines", () => {
    const acc = createHealthAccumulator({ encoding: cl });
    acc.addParseError(1, "Unexpected token");
    for (let i = 2; i <= 1005; i++) acc.add({ messages: [msg("user", "hi")] }, i);
    const report = acc.report();
    expect(report.examples).toBe(1005);
    expect(report.formatErrors).toEqual({ invalid_json: 1, example_missing_assistant_message: 1004 });
    expect(report.linesWithErrors).toBe(1005);
    expect(report.errorLines).toHaveLength(MAX_ERROR_LINES);
    expect(report.errorLines[0]).toEqual({ line: 1, errors: ["invalid_json"], reason: "Unexpected token" });
  });

  it("leaves records without messages out of the statistics but counts them as examples", () => {
    const acc = createHealthAccumulator({ encoding: cl });
    acc.add([1, 2], 1);
    acc.add({ messages: [msg("user", "hi"), msg("assistant", "hello")] }, 2);
    const report = acc.report();
    expect([report.examples, report.analyzedExamples, report.formatErrors.data_type]).toEqual([2, 1, 1]);
    expect(report.distributions.messages?.count).toBe(1);
  });

  it("reports an empty dataset without throwing", () => {
    const report = createHealthAccumulator({ encoding: cl }).report();
    expect([report.examples, report.defaultEpochs, report.chargedTokens, report.distributions.totalTokens]).toEqual([0, 0, 0, null]);
    expect(formatHealthReport(report)).toContain("(no examples)");
  });
});

describe("analyzeJsonl", () => {
  it("numbers lines as an editor does, skipping blank ones", () => {
    const text = `${JSON.stringify({ messages: [msg("user", "a"), msg("assistant", "b")] })}\n\n{oops\r\n`;
    const report = analyzeJsonl(text, { encoding: cl });
    expect(report.examples).toBe(2);
    expect(report.errorLines.map((e) => [e.line, e.errors])).toEqual([[3, ["invalid_json"]]]);
    expect(formatHealthReport(report)).toMatch(/line 3: invalid_json \(.+\)/);
  });
});
