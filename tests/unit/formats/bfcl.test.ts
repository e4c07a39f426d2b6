import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bfcl, type GoldAnswer } from "@/lib/formats";
import { error, jsonlRecords, parseAll, value } from "./data";

const questions = jsonlRecords("bfcl/BFCL_v4_simple_python.json");
const answerLines = jsonlRecords("bfcl/possible_answer/BFCL_v4_simple_python.json");
const irrelevance = jsonlRecords("bfcl/BFCL_v4_irrelevance.json");

function answersById(): Map<string, GoldAnswer[]> {
  const map = new Map<string, GoldAnswer[]>();
  answerLines.forEach((a, i) => {
    const r = bfcl.parseAnswer(a, i + 1);
    if (!r.ok) throw new Error(r.error.reason);
    map.set(r.value.id, r.value.answers);
  });
  return map;
}

describe("bfcl.parseQuestion", () => {
  it("reads every simple_python question with an unlabelled final turn and JSON Schema tools", () => {
    const { ok, errors } = parseAll(questions, bfcl.parseQuestion);
    expect(errors).toEqual([]);
    expect(ok).toHaveLength(400);
    expect(ok[0].example.messages).toEqual([
      { role: "user", content: "Find the area of a triangle with a base of 10 units and height of 5 units." },
      { role: "assistant", decision: { kind: "unlabelled" }, weight: 1 },
    ]);
    const types = JSON.stringify(ok.map((r) => r.tools));
    expect(types).not.toMatch(/"type":"(dict|float|tuple|any)"/);
  });

  it("converts BFCL types recursively and dots in names to underscores", () => {
    const tuple = value(bfcl.parseQuestion(questions[83], 84)).tools[0];
    expect(tuple.parameters).toMatchObject({
      type: "object",
      properties: { coord1: { type: "array", items: { type: "number" } } },
      required: ["coord1", "coord2", "unit"],
    });
    const any = value(bfcl.parseQuestion(questions[109], 110)).tools[0];
    expect(any.name).toBe("random_forest_train");
    expect(any.parameters.properties).toMatchObject({ data: { description: "The training data for the model." } });
    expect((any.parameters.properties as Record<string, object>).data).not.toHaveProperty("type");
  });

  it("rejects multi-turn questions and a line without functions", () => {
    expect(
      error(
        bfcl.parseQuestion({ id: "m", question: [[{ role: "user", content: "a" }], [{ role: "user", content: "b" }]], function: [] }, 1),
      ).kind,
    ).toBe("unsupported_shape");
    expect(error(bfcl.parseQuestion({ id: "m", question: [[{ role: "user", content: "a" }]] }, 1)).kind).toBe("bad_tools");
  });
});

describe("bfcl live questions with the conversation so far", () => {
  const fixtures = path.join(__dirname, "fixtures");
  const lines = (f: string) => readFileSync(path.join(fixtures, f), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  const live = lines("BFCL_v4_live_multi_turn.json");
  const liveAnswers = new Map(lines("BFCL_v4_live_multi_turn.answers.json").map((a, i) => {
    const r = bfcl.parseAnswer(a, i + 1);
    if (!r.ok) throw new Error(r.error.reason);
    return [r.value.id, r.value.answers] as const;
  }));

  it("keeps earlier assistant replies and tool results as context turns that are never trained on", () => {
    const { ok, errors } = parseAll(live, bfcl.parseQuestion);
    expect(errors).toEqual([]);
    expect(ok[0].example.messages).toEqual([
      { role: "user", content: "I need a ride please." },
      {
        role: "assistant",
        decision: { kind: "no_tool", reason: "" },
        content: "Sure! Where should the driver pick you up, which ride type would you like (plus, comfort or black), and how long can you wait?",
        weight: 0,
      },
      { role: "user", content: "2150 Shattuck Ave, Berkeley, CA. Plus, and I can wait 10 minutes at most." },
      { role: "assistant", decision: { kind: "unlabelled" }, weight: 1 },
    ]);
    expect(ok[1].example.system).toMatch(/^Don't make assumptions/);
    expect(ok[2].example.messages[2]).toEqual({
      role: "tool",
      name: "ChaDri_get_drink",
      content: '{"drink_id": "1234", "size": "medium", "temperature": "cold"}',
    });
  });

  it("answers each question with its possible answer after the context, and irrelevance with no_tool", () => {
    const merged = live.map((q, i) => value(bfcl.mergeGold(q, liveAnswers.get(bfcl.bfclId(q)!), i + 1)));
    const finals = merged.map((r) => r.example.messages.at(-1));
    expect(finals[0]).toEqual({
      role: "assistant",
      decision: { kind: "tool_calls", calls: [{ name: "uber_ride", arguments: { loc: "2150 Shattuck Ave, Berkeley, CA", type: "plus", time: 10 } }] },
      weight: 1,
    });
    expect(finals[2]).toMatchObject({ decision: { calls: [{ name: "ChaDri_change_drink", arguments: { drink_id: "1234", new_preferences: { size: "large", temperature: "hot" } } }] } });
    expect(finals[3]).toEqual({ role: "assistant", decision: { kind: "no_tool", reason: bfcl.IRRELEVANT_REASON }, weight: 1 });
    // Every earlier turn is still there, in order.
    expect(merged.map((r) => r.example.messages.map((m) => m.role))).toEqual([
      ["user", "assistant", "user", "assistant"],
      ["user", "assistant", "user", "assistant"],
      ["user", "assistant", "tool", "user", "assistant"],
      ["user", "assistant", "user", "assistant"],
    ]);
  });

  it("names an unknown role and a question with no user message", () => {
    const bad = { id: "x", question: [[{ role: "user", content: "a" }, { role: "moderator", content: "b" }]], function: [] };
    expect(error(bfcl.parseQuestion(bad, 3))).toMatchObject({
      kind: "unknown_role",
      reason: 'question[0][1].role is "moderator"; expected user, assistant or tool (or a leading system)',
    });
    const noUser = { id: "y", question: [[{ role: "assistant", content: "hello" }]], function: [] };
    expect(error(bfcl.parseQuestion(noUser, 4))).toMatchObject({ kind: "missing_messages", reason: "question[0] has no user message" });
  });
});

describe("bfcl gold records", () => {
  const answers = answersById();

  it("merges every question with its answer: first acceptable values, alternatives kept in gold", () => {
    const merged = questions.map((q, i) => value(bfcl.mergeGold(q, answers.get(bfcl.bfclId(q)!), i + 1)));
    expect(merged).toHaveLength(400);
    expect(merged.every((r) => r.example.messages.at(-1)?.role === "assistant")).toBe(true);
    expect(merged[0].example.messages[1]).toEqual({
      role: "assistant",
      decision: { kind: "tool_calls", calls: [{ name: "calculate_triangle_area", arguments: { base: 10, height: 5, unit: "units" } }] },
      weight: 1,
    });
    expect(merged[0].gold).toEqual([{ name: "calculate_triangle_area", arguments: { base: [10], height: [5], unit: ["units", ""] } }]);
  });

  it("leaves out arguments whose first acceptable value is the optional marker", () => {
    const r = value(bfcl.mergeGold(questions[2], answers.get("simple_python_2"), 3));
    expect(r.example.messages[1]).toEqual({
      role: "assistant",
      decision: { kind: "tool_calls", calls: [{ name: "math_hypot", arguments: { x: 4, y: 5 } }] },
      weight: 1,
    });
    expect(r.gold?.[0].arguments.z).toEqual(["", 0]);
  });

  it("picks the first acceptable value inside dict answers and lists of dicts", () => {
    const dict = value(bfcl.mergeGold(questions[89], answers.get("simple_python_89"), 90));
    expect(dict.example.messages[1]).toMatchObject({
      decision: { calls: [{ arguments: { conditions: { department: "Science", school: "Bluebird High School" } } }] },
    });
    const list = value(bfcl.mergeGold(questions[96], answers.get("simple_python_96"), 97));
    expect(list.example.messages[1]).toMatchObject({
      decision: {
        calls: [
          {
            arguments: {
              conditions: [
                { field: "age", operation: ">", value: "25" },
                { field: "job", operation: "=", value: "engineer" },
              ],
            },
          },
        ],
      },
    });
    const nested = value(bfcl.mergeGold(questions[122], answers.get("simple_python_122"), 123));
    expect(nested.example.messages[1]).toMatchObject({
      decision: {
        calls: [
          {
            arguments: {
              table: [
                [10, 20],
                [30, 40],
              ],
            },
          },
        ],
      },
    });
  });

  it("gives irrelevance questions a no_tool decision", () => {
    const merged = irrelevance.map((q, i) => value(bfcl.mergeGold(q, undefined, i + 1)));
    expect(merged).toHaveLength(240);
    expect(new Set(merged.map((r) => JSON.stringify(r.example.messages.at(-1))))).toEqual(
      new Set([JSON.stringify({ role: "assistant", decision: { kind: "no_tool", reason: "irrelevant: no function fits" }, weight: 1 })]),
    );
    expect(merged[0].gold).toBeUndefined();
  });

  it("reports a relevance question whose answer is missing, and a malformed answer line", () => {
    expect(error(bfcl.mergeGold(questions[0], undefined, 1))).toMatchObject({
      kind: "missing_answer",
      reason: expect.stringContaining("simple_python_0"),
    });
    const bad = bfcl.parseAnswer({ id: "x", ground_truth: [{ f: { a: 1 } }] }, 9);
    expect(bad.ok ? null : bad.error).toMatchObject({
      line: 9,
      kind: "bad_answer",
      reason: "ground_truth[0].f.a is a number; expected a list",
    });
  });
});
