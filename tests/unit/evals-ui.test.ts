import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/api";
import type { EvalFlipDto, EvalTargetsDto } from "@/lib/schemas/evals";
import type { EvalSummary, Rate } from "@/lib/scoring/types";
import { buildEndpointBody, EMPTY_ENDPOINT_FORM, formFromEndpoint, keyWouldMove } from "@/components/endpoints/endpoint-form";
import { delta, formatPts, formatSigned, groupFlips, pairedDifference, rateDelta } from "@/components/evals/compare";
import { buildEvalCreate, EMPTY_EVAL_FORM, serverIssues } from "@/components/evals/eval-form";
import { cellColour, cellKind, prepareConfusion } from "@/components/evals/heatmap";
import { formatMs, formatNd, formatPct, formatUsd, goldCallText, goldLabel, predictedLabel } from "@/components/evals/labels";
import { newEvalHref } from "@/components/evals/links";
import { filtersForCell, resultFiltersFromParams, resultFiltersToSearch, verdictChips } from "@/components/evals/result-filters";
import { initialChoice, resolveTarget, secondChoice } from "@/components/evals/target-choice";

const rate = (n: number, d: number): Rate => ({ n, d, value: d === 0 ? null : n / d });

describe("number formats", () => {
  it("writes rates as percentages with one decimal, and unknown as a dash", () => {
    expect(formatPct(0.8734)).toBe("87.3%");
    expect(formatPct(1)).toBe("100%");
    expect(formatPct(0)).toBe("0%");
    expect(formatPct(null)).toBe("—");
  });
  it("says an empty denominator in words instead of 0 / 0", () => {
    expect(formatNd(rate(7, 8))).toBe("7 / 8");
    expect(formatNd(rate(0, 0))).toBe("none to count");
  });
  it("keeps two significant digits for sub-cent costs", () => {
    expect(formatUsd(0.004213)).toBe("$0.0042");
    expect(formatUsd(1.234)).toBe("$1.23");
    expect(formatUsd(null)).toBe("—");
  });
  it("switches latency from ms to seconds at one second", () => {
    expect(formatMs(840.4)).toBe("840 ms");
    expect(formatMs(1240)).toBe("1.24 s");
  });
});

describe("gold and predicted labels", () => {
  it("lists acceptable alternatives and optional arguments of a gold call", () => {
    expect(goldCallText({ name: "request_refund", arguments: { order_id: ["ORD-12345"], amount: [24.99, ""] } })).toBe(
      'request_refund(order_id="ORD-12345", amount=24.99 | omitted)',
    );
  });
  it("joins parallel calls and names no_tool", () => {
    expect(
      goldLabel({
        kind: "tool_calls",
        calls: [
          { name: "a", arguments: {} },
          { name: "b", arguments: {} },
        ],
      }),
    ).toBe("a + b");
    expect(goldLabel({ kind: "no_tool" })).toBe("no_tool");
  });
  it("says parse failure rather than a tool name when nothing parsed", () => {
    const score = { parse: "failed", parsed: null } as unknown as Parameters<typeof predictedLabel>[0];
    expect(predictedLabel(score)).toBe("parse failure");
  });
});

describe("confusion heatmap", () => {
  // labels: tools, then no_tool, then invalid (as the summary orders them)
  const confusion: EvalSummary["confusion"] = {
    labels: ["track_order", "request_refund", "escalate", "no_tool", "invalid"],
    counts: [
      [8, 2, 0, 0, 0], // track_order: 2 mistaken for request_refund
      [0, 3, 0, 1, 0], // request_refund: 1 missed
      [0, 0, 0, 0, 0], // escalate: no gold examples
      [1, 0, 0, 3, 0], // no_tool: 1 false call
      [0, 0, 0, 0, 0], // invalid never is gold
    ],
  };
  const m = prepareConfusion(confusion);

  it("shows gold rows that occur, never an invalid row, and counts the hidden ones", () => {
    expect(m.rows.map((r) => r.gold)).toEqual(["track_order", "request_refund", "no_tool"]);
    expect(m.hiddenRows).toBe(1);
  });
  it("keeps a column for every shown row so the diagonal runs corner to corner", () => {
    expect(m.columns).toEqual(["track_order", "request_refund", "no_tool"]);
  });
  it("normalises each row by its own total", () => {
    const track = m.rows[0];
    expect(track.total).toBe(10);
    expect(track.cells.map((c) => c.share)).toEqual([0.8, 0.2, 0]);
  });
  it("marks hits, wrong tools (between two real tools) and other misses apart", () => {
    expect(cellKind("track_order", "track_order")).toBe("diagonal");
    expect(cellKind("track_order", "request_refund")).toBe("wrong_tool");
    expect(cellKind("request_refund", "no_tool")).toBe("other");
    expect(cellKind("no_tool", "track_order")).toBe("other");
    expect(cellKind("track_order", "invalid")).toBe("other");
    expect(m.rows[0].cells[1]).toMatchObject({ kind: "wrong_tool", count: 2 });
  });
  it("leaves empty cells transparent, makes any non-zero cell visible, and uses light text on dark cells", () => {
    expect(cellColour("wrong_tool", 0, 0)).toEqual({ background: "transparent", dark: false });
    expect(cellColour("wrong_tool", 1, 0.01).background).toBe("rgba(191, 51, 40, 0.13)");
    expect(cellColour("diagonal", 8, 0.8)).toEqual({ background: "rgba(30, 127, 71, 0.74)", dark: true });
  });
  it("adds a column for a predicted label no gold row has (invalid output)", () => {
    const withInvalid = prepareConfusion({
      labels: ["a", "no_tool", "invalid"],
      counts: [
        [1, 0, 2],
        [0, 1, 0],
        [0, 0, 0],
      ],
    });
    expect(withInvalid.columns).toEqual(["a", "no_tool", "invalid"]);
  });
});

describe("compare deltas", () => {
  it("colours a rise good when higher is better and bad when lower is better", () => {
    expect(rateDelta(rate(80, 100), rate(90, 100), "higher")).toEqual({ value: expect.closeTo(10, 6), tone: "good" });
    expect(rateDelta(rate(10, 100), rate(20, 100), "lower").tone).toBe("bad");
    expect(rateDelta(rate(20, 100), rate(10, 100), "lower").tone).toBe("good");
  });
  it("has no delta when either side has no denominator", () => {
    expect(rateDelta(rate(0, 0), rate(1, 2), "higher")).toEqual({ value: null, tone: null });
    expect(formatPts({ value: null, tone: null })).toBe("—");
  });
  it("writes signed points and units, with a real minus sign", () => {
    expect(formatPts({ value: 7.5, tone: "good" })).toBe("+7.5 pts");
    expect(formatPts({ value: -3, tone: "bad" })).toBe("\u22123.0 pts");
    expect(formatPts(delta(0.5, 0.5, "higher"))).toBe("±0 pts");
    expect(formatSigned(delta(900, 300, "lower"), formatMs)).toBe("\u2212600 ms");
  });
  it("gives the paired exact-match difference with an interval that narrows as examples agree", () => {
    const p = pairedDifference(6, 1, 100)!;
    expect(p.delta).toBeCloseTo(0.05);
    expect(p.low).toBeLessThan(p.delta);
    expect(p.high).toBeGreaterThan(p.delta);
    expect(pairedDifference(0, 0, 50)).toEqual({ delta: 0, low: 0, high: 0, n: 50 });
    expect(pairedDifference(1, 0, 0)).toBeNull();
  });
  it("groups flips by kind in example order", () => {
    const flip = (n: number, kind: EvalFlipDto["kind"]): EvalFlipDto => ({
      exampleId: `e${n}`,
      exampleNumber: n,
      request: "r",
      kind,
      a: { verdict: null, reason: "", output: null },
      b: { verdict: null, reason: "", output: null },
    });
    const g = groupFlips([flip(9, "fixed"), flip(2, "broken"), flip(3, "fixed")]);
    expect(g.fixed.map((f) => f.exampleNumber)).toEqual([3, 9]);
    expect(g.broken).toHaveLength(1);
    expect(g.changed).toEqual([]);
  });
});

describe("example list filters", () => {
  it("round-trips through the URL and ignores verdicts the API would reject", () => {
    const f = resultFiltersFromParams(new URLSearchParams("verdict=wrong&tool=escalate&page=2&example=r9&q=refund"));
    expect(f).toEqual({ verdict: "wrong", tool: "escalate", q: "refund", page: 2, example: "r9" });
    expect(resultFiltersToSearch(f)).toBe("?verdict=wrong&tool=escalate&q=refund&page=2&example=r9");
    expect(resultFiltersFromParams(new URLSearchParams("verdict=bogus&page=-1"))).toEqual({ page: 1 });
    expect(resultFiltersToSearch({ page: 1 })).toBe("");
  });
  it("offers All, Wrong (every scored non-correct), the verdicts that occur and request errors", () => {
    const verdicts = { correct: 7, wrong_arguments: 1, wrong_tool: 1, false_tool_call: 0, missed_call: 0, invalid: 0, parse_failure: 1 };
    const chips = verdictChips({ verdicts } as EvalSummary, 2, 0, 12);
    expect(chips.map((c) => [c.label, c.count])).toEqual([
      ["All", 12],
      ["Wrong", 3],
      ["correct", 7],
      ["wrong arguments", 1],
      ["wrong tool", 1],
      ["parse failure", 1],
      ["Request errors", 2],
    ]);
  });
  it("turns a confusion cell into the verdict and gold tool behind it", () => {
    expect(filtersForCell("track_order", "escalate")).toEqual({ verdict: "wrong_tool", tool: "track_order" });
    expect(filtersForCell("track_order", "no_tool")).toEqual({ verdict: "missed_call", tool: "track_order" });
    expect(filtersForCell("no_tool", "escalate")).toEqual({ verdict: "false_tool_call", tool: "escalate" });
    expect(filtersForCell("track_order", "invalid")).toEqual({ verdict: "invalid", tool: "track_order" });
    expect(filtersForCell("track_order", "track_order")).toEqual({ tool: "track_order" });
  });
});

const targets: EvalTargetsDto = {
  backends: [
    { id: "openai", label: "OpenAI", configured: true, missing: [], models: ["gpt-4o-mini", "gpt-4.1-mini"] },
    { id: "gpu", label: "GPU agent", configured: false, missing: ["TOOLTUNE_GPU_URL"], models: [] },
  ],
  endpoints: [
    {
      id: "ep1",
      name: "vLLM box",
      baseUrl: "http://gpu:8000/v1",
      hasKey: false,
      defaultModel: "qwen",
      inputPerMillionUsd: null,
      outputPerMillionUsd: null,
      createdAt: "",
    },
  ],
  trained: [{ runId: "run1", backend: "openai", model: "ft:gpt-4o-mini:org:router:abc", label: "router (run abc)" }],
};

describe("model picker", () => {
  it("opens on the trained model a run page linked to", () => {
    const c = initialChoice(targets, { runId: "run1", model: "ft:gpt-4o-mini:org:router:abc", backend: "openai" });
    expect(resolveTarget(c, targets)).toMatchObject({
      target: { backend: "openai", model: "ft:gpt-4o-mini:org:router:abc" },
      runId: "run1",
    });
  });
  it("takes a free-text OpenAI model, and names the missing setting of an unconfigured backend", () => {
    const c = initialChoice(targets, { model: "gpt-4.1-mini", backend: "openai" });
    expect(resolveTarget(c, targets).target).toEqual({ backend: "openai", model: "gpt-4.1-mini" });
    expect(resolveTarget({ ...c, group: "gpu", gpu: "x" }, targets)).toMatchObject({
      target: null,
      problem: expect.stringContaining("TOOLTUNE_GPU_URL"),
    });
  });
  it("uses an endpoint's default model until the user types another", () => {
    const c = { ...initialChoice(targets), group: "endpoint" as const };
    expect(resolveTarget(c, targets).target).toEqual({ backend: "endpoint", endpointId: "ep1", model: "qwen" });
    expect(resolveTarget({ ...c, endpointModel: "llama" }, targets).target?.model).toBe("llama");
    expect(resolveTarget({ ...c, endpointModel: " " }, targets).target).toBeNull();
  });
});

describe("new eval form", () => {
  const resolved = { target: { backend: "openai" as const, model: "gpt-4o-mini" }, label: "" };
  it("builds the request body with numbers and the run it came from", () => {
    const { body, errors } = buildEvalCreate(EMPTY_EVAL_FORM, { ...resolved, runId: "run1" });
    expect(errors).toEqual({});
    expect(body).toEqual({ target: resolved.target, runId: "run1", split: "gold", matchMode: "strict", concurrency: 8, maxTokens: 512 });
  });
  it("sends a slice of the split: one tool, or only no_tool targets", () => {
    expect(buildEvalCreate({ ...EMPTY_EVAL_FORM, only: "tool:track_order" }, resolved).body).toMatchObject({ split: "gold", only: { tool: "track_order" } });
    expect(buildEvalCreate({ ...EMPTY_EVAL_FORM, only: "kind:no_tool" }, resolved).body).toMatchObject({ only: { kind: "no_tool" } });
    expect(buildEvalCreate({ ...EMPTY_EVAL_FORM, only: "" }, resolved).body).not.toHaveProperty("only");
  });
  it("puts the schema's limits next to the fields", () => {
    const { body, errors } = buildEvalCreate({ ...EMPTY_EVAL_FORM, concurrency: "500", maxTokens: "" }, resolved);
    expect(body).toBeNull();
    expect(errors.concurrency).toMatch(/at most 64/);
    expect(errors.maxTokens).toBe("enter a whole number");
  });
  it("says what is wrong with the model choice", () => {
    expect(buildEvalCreate(EMPTY_EVAL_FORM, { target: null, problem: "name the model", label: "" }).errors).toEqual({
      target: "name the model",
    });
  });
  it("places the server's issues on fields and keeps the rest for the list", () => {
    const err = new ApiError(400, "invalid", "bad input", {
      issues: [
        { path: "target.model", message: "unknown model" },
        { path: "exampleIds", message: "too many" },
      ],
    });
    expect(serverIssues(err)).toEqual({ byField: { "target.model": "unknown model" }, other: ["exampleIds: too many"] });
  });
});

describe("endpoint form", () => {
  const ep = {
    id: "e",
    name: "Box",
    baseUrl: "http://box:8000/v1",
    hasKey: true,
    defaultModel: "m",
    inputPerMillionUsd: 0.1,
    outputPerMillionUsd: null,
    createdAt: "",
  };
  it("leaves the key out when keeping it, sends an empty key to remove it", () => {
    const keep = buildEndpointBody(formFromEndpoint(ep), true);
    expect(keep.body).not.toHaveProperty("apiKey");
    expect(keep.body).toMatchObject({ inputPerMillionUsd: 0.1, outputPerMillionUsd: null });
    expect(buildEndpointBody({ ...formFromEndpoint(ep), keyMode: "remove" }, true).body?.apiKey).toBe("");
    expect(buildEndpointBody({ ...formFromEndpoint(ep), keyMode: "replace" }, true).errors.apiKey).toMatch(/paste/);
  });
  it("rejects a URL without a scheme and a price that is not a number", () => {
    const { errors } = buildEndpointBody({ ...EMPTY_ENDPOINT_FORM, name: "x", baseUrl: "gpu-box:8000", inputPrice: "cheap" }, false);
    expect(errors.baseUrl).toBeDefined();
    expect(errors.inputPerMillionUsd).toMatch(/number/);
  });
  it("warns before a saved key would move to another host: scheme, host or port, not the path", () => {
    expect(keyWouldMove(ep.baseUrl, "http://box:8000/openai/v1")).toBe(false);
    expect(keyWouldMove(ep.baseUrl, "http://other:8000/v1")).toBe(true);
    expect(keyWouldMove(ep.baseUrl, "http://box:8001/v1")).toBe(true);
    expect(keyWouldMove(ep.baseUrl, "https://box:8000/v1")).toBe(true);
    expect(keyWouldMove(ep.baseUrl, "not a url yet")).toBe(false);
  });
});

it("links a run's model to a pre-filled new eval", () => {
  expect(newEvalHref("p 1", { runId: "r1", model: "ft:x:y", backend: "openai" })).toBe(
    "/projects/p%201/evals?new=1&runId=r1&model=ft%3Ax%3Ay&backend=openai",
  );
});

describe("a second model in the playground", () => {
  it("starts on another group than the first pick", () => {
    const first = initialChoice(targets, { runId: "run1", model: "ft:gpt-4o-mini:org:router:abc" });
    expect(secondChoice(targets, first).group).toBe("openai");
  });
});
