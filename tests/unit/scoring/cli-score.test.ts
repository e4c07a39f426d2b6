// `tooltune score` on files: the run function directly, and once through the real command for exit codes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runScore, scoreFiles } from "@/cli/score";
import { firstAcceptable } from "@/lib/formats/bfcl";
import { DATASETS } from "../formats/data";

const dir = mkdtempSync(path.join(tmpdir(), "tooltune-score-"));
function file(name: string, lines: unknown[]): string {
  const p = path.join(dir, name);
  writeFileSync(p, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return p;
}
const BFCL_Q = path.join(DATASETS, "bfcl/BFCL_v4_simple_python.json");
const BFCL_A = path.join(DATASETS, "bfcl/possible_answer/BFCL_v4_simple_python.json");
const nativeCall = (name: string, args: object) => ({
  tool_calls: [{ id: "c1", type: "function", function: { name, arguments: JSON.stringify(args) } }],
});

afterEach(() => vi.restoreAllMocks());

describe("tooltune score on BFCL files", () => {
  it("scores BFCL predictions in bfcl mode, counting a missing prediction as a parse failure and reporting an extra one", async () => {
    const predictions = file("bfcl.jsonl", [
      { id: "simple_python_0", output: nativeCall("calculate_triangle_area", { base: 10, height: 5 }) },
      { id: "simple_python_1", output: nativeCall("math_factorial", { number: 6 }) },
      { id: "simple_python_2", output: "The hypotenuse is sqrt(41)." },
      { id: "not_in_gold", output: "?" },
    ]);
    const perExample = path.join(dir, "per-example.jsonl");
    const r = await scoreFiles({ predictions, bfclQuestions: BFCL_Q, bfclAnswers: BFCL_A, match: "bfcl", perExample });
    expect([r.style, r.mode, r.summary.total]).toEqual(["native_tools", "bfcl", 400]);
    expect(r.summary.exactMatch).toMatchObject({ n: 1, d: 400 });
    expect(r.summary.verdicts).toMatchObject({ correct: 1, wrong_arguments: 1, missed_call: 1, parse_failure: 397 });
    expect(r.missing).toHaveLength(397);
    expect(r.extra).toEqual(["not_in_gold"]);
    const lines = readFileSync(perExample, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(400);
    expect(lines[1]).toMatchObject({
      id: "simple_python_1",
      valid: true,
      tool_correct: true,
      args_correct: false,
      false_tool_call: false,
      missed_call: false,
      verdict: "wrong_arguments",
      reason: "number: expected 5, got 6",
    });
    expect(lines[3]).toMatchObject({ id: "simple_python_3", verdict: "parse_failure", reason: "no prediction for this id" });
  });

  it("never counts a missing prediction as right, even for BFCL irrelevance", async () => {
    const predictions = file("irrelevance.jsonl", [{ id: "irrelevance_0", output: "I can't compute that." }]);
    const r = await scoreFiles({ predictions, bfclQuestions: path.join(DATASETS, "bfcl/BFCL_v4_irrelevance.json"), match: "bfcl" });
    expect(r.summary.exactMatch).toMatchObject({ n: 1, d: 240 });
  });
});

describe("tooltune score on BFCL live questions that carry earlier turns", () => {
  const fixtures = path.join(__dirname, "../formats/fixtures");
  const LIVE_Q = path.join(fixtures, "BFCL_v4_live_multi_turn.json");
  const LIVE_A = path.join(fixtures, "BFCL_v4_live_multi_turn.answers.json");
  const jsonl = (f: string) => readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));

  it("scores them instead of refusing the assistant turns", async () => {
    const questions: { id: string }[] = jsonl(LIVE_Q);
    const answers = new Map<string, Record<string, Record<string, unknown[]>>[]>(jsonl(LIVE_A).map((a) => [a.id, a.ground_truth]));
    // The first answered question right, the second with a wrong value, the third left out; irrelevance answered in words.
    const answered = questions.filter((q) => answers.has(q.id));
    const irrelevant = questions.filter((q) => !answers.has(q.id));
    const [right, wrong, missing] = answered;
    const callOf = (id: string, edit: (args: Record<string, unknown>) => Record<string, unknown> = (a) => a) => {
      const [name, args] = Object.entries(answers.get(id)![0])[0];
      return nativeCall(name.replace(/\./g, "_"), edit(firstAcceptable(args)));
    };
    const predictions = file("live.jsonl", [
      { id: right.id, output: callOf(right.id) },
      { id: wrong.id, output: callOf(wrong.id, (a) => ({ ...a, unit: "fahrenheit" })) },
      ...irrelevant.map((q) => ({ id: q.id, output: "Why don't penguins fly? They can't afford plane tickets." })),
    ]);
    const r = await scoreFiles({ predictions, bfclQuestions: LIVE_Q, bfclAnswers: LIVE_A, match: "bfcl" });
    expect(r.summary.total).toBe(questions.length);
    expect(r.summary.exactMatch).toMatchObject({ n: 1 + irrelevant.length, d: questions.length });
    expect(r.summary.verdicts).toMatchObject({ correct: 1 + irrelevant.length, wrong_arguments: 1, parse_failure: 1 });
    expect(r.missing).toEqual([missing.id]);
  });
});

describe("tooltune score on a ToolTune gold file", () => {
  const tools = [
    {
      type: "function",
      function: {
        name: "track_order",
        description: "",
        parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
      },
    },
  ];
  const gold = file("gold.jsonl", [
    {
      messages: [
        { role: "user", content: "where is A-1?" },
        {
          role: "assistant",
          tool_calls: [{ id: "x", type: "function", function: { name: "track_order", arguments: '{"order_id":"A-1"}' } }],
        },
      ],
      tools,
    },
    {
      id: "hello",
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "Hello! How can I help?" },
      ],
      tools,
    },
    {
      id: 7,
      messages: [
        { role: "user", content: "track a1 please" },
        {
          role: "assistant",
          tool_calls: [{ id: "y", type: "function", function: { name: "track_order", arguments: '{"order_id":"A1"}' } }],
        },
      ],
      tools,
      gold: [{ name: "track_order", arguments: { order_id: ["A1", "A-01"] } }],
    },
  ]);
  const predictions = file("gold-predictions.jsonl", [
    {
      id: "1",
      output: nativeCall("track_order", { order_id: "a-1" }),
      latency_ms: 120,
      usage: { prompt_tokens: 50, completion_tokens: 10 },
    },
    { id: "hello", output: nativeCall("track_order", { order_id: "A-1" }), latency_ms: 80 },
    { id: 7, output: { content: '<tool_call>{"name": "track_order", "arguments": {"order_id": "A-01"}}</tool_call>' } },
  ]);

  it("reads ids (default: the line number) and alternatives, and scores in native style by default", async () => {
    const r = await scoreFiles({ predictions, gold });
    expect([r.style, r.mode, r.missing, r.extra]).toEqual(["native_tools", "strict", [], []]);
    expect(r.summary.exactMatch).toMatchObject({ n: 2, d: 3 });
    expect(r.summary.falseToolCallRate).toMatchObject({ n: 1, d: 1 });
    expect(r.summary.parse).toEqual({ clean: 2, repaired: 1, failed: 0 });
    expect(r.summary.latency).toEqual({ p50: 80, p95: 120, mean: 100 });
  });

  it("prints a readable table, or the summary as JSON with --json", async () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      printed.push(String(chunk));
      (rest.find((x) => typeof x === "function") as (() => void) | undefined)?.();
      return true;
    });
    expect(await runScore({ predictions, gold })).toBe(0);
    expect(printed[0]).toMatch(/^3 examples, strict match, native_tools\n {2}exact match +66\.7% {2}\(2\/3\)/);
    expect(await runScore({ predictions, gold, json: true })).toBe(0);
    expect(JSON.parse(printed[1])).toMatchObject({ total: 3, exactMatch: { n: 2, d: 3 } });
  });

  it("reads a router-style gold file and scores in router style by default", async () => {
    const routerGold = file("router-gold.jsonl", [
      {
        messages: [
          { role: "user", content: "where is A-1?" },
          { role: "assistant", content: '{"tool": "track_order", "arguments": {"order_id": "A-1"}}' },
        ],
      },
    ]);
    const routerPredictions = file("router-predictions.jsonl", [
      { id: 1, output: '{"tool": "track_order", "arguments": {"order_id": "A-1"}}' },
    ]);
    const r = await scoreFiles({ predictions: routerPredictions, gold: routerGold });
    expect([r.style, r.summary.exactMatch.n]).toEqual(["router_json", 1]);
  });
});

describe("tooltune score input errors", () => {
  async function usage(opts: Parameters<typeof runScore>[0]): Promise<string> {
    const err = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await runScore(opts)).toBe(2);
    return String(err.mock.calls.at(-1)?.[0]);
  }
  const predictions = file("ok.jsonl", [{ id: "irrelevance_0", output: "no" }]);
  const questions = path.join(DATASETS, "bfcl/BFCL_v4_irrelevance.json");

  it("names the file and line of a prediction that is not JSON or lacks id or output", async () => {
    expect(await usage({ predictions: file("bad.jsonl", ['{"id": "a", "output": "x"}', "{oops"]), bfclQuestions: questions })).toMatch(
      /bad\.jsonl:2: not valid JSON/,
    );
    expect(await usage({ predictions: file("noid.jsonl", ['{"output": "x"}']), bfclQuestions: questions })).toMatch(
      /noid\.jsonl:1: "id" is missing/,
    );
    expect(await usage({ predictions: file("noout.jsonl", ['{"id": 1}']), bfclQuestions: questions })).toMatch(
      /noout\.jsonl:1: "output" must be/,
    );
  });

  it("asks for exactly one gold source and valid --style and --match values", async () => {
    expect(await usage({ predictions })).toMatch(/exactly one of --gold/);
    expect(await usage({ predictions, gold: "a", bfclQuestions: "b" })).toMatch(/exactly one of --gold/);
    expect(await usage({ predictions, bfclQuestions: questions, match: "fuzzy" })).toMatch(/--match must be one of strict, bfcl/);
    expect(await usage({ predictions, bfclQuestions: questions, style: "xml" })).toMatch(/--style must be router_json or native_tools/);
  });

  it("names the question line whose answer is missing", async () => {
    expect(await usage({ predictions, bfclQuestions: BFCL_Q })).toMatch(
      /BFCL_v4_simple_python\.json:1: no possible answer for "simple_python_0"/,
    );
  });

  it("exits 2 from the real command and lists score in the help", () => {
    const run = (...args: string[]) => spawnSync("node_modules/.bin/tsx", ["cli/main.ts", ...args], { encoding: "utf8", timeout: 60_000 });
    const bad = run("score", "--predictions", path.join(dir, "missing.jsonl"), "--bfcl-questions", questions);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/missing\.jsonl: ENOENT/)]);
    expect(run("--help").stdout).toMatch(/tooltune score --predictions F/);
  }, 120_000); // two real processes, each compiling the CLI with tsx: seconds on a loaded 2-core machine
});
