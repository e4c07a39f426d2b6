// An eval report's failures turned back into data, on a hand-built eval (scored by the real scorer,
// stored as the worker stores answers): train examples with the gold decision, linked to the result
// they came from, duplicates skipped; and preference pairs in OpenAI's format (every line checked
// against the spec's FineTunePreferenceRequestInput) and TRL's. Then the same at 5,000 results.
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as addRoute from "@/app/api/projects/[projectId]/evals/[evalId]/add-to-training/route";
import * as pairsRoute from "@/app/api/projects/[projectId]/evals/[evalId]/preference-pairs/route";
import * as countsRoute from "@/app/api/projects/[projectId]/evals/[evalId]/preference-pairs/counts/route";
import * as exampleRoute from "@/app/api/projects/[projectId]/examples/[exampleId]/route";
import { db } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import type { Message } from "@/lib/schemas/example";
import { preferenceLineProblem } from "../support/openai-server/validate";
import { sessionCookie } from "../support/auth";
import { goldItems, handBuiltEval, routerAnswer, routerNoTool, type FixtureItem } from "./eval-fixtures";
import { call, routerExample } from "./helpers";

let seq = 0;
async function project(): Promise<string> {
  const pid = (await call(projects.POST, "POST", { body: { name: `Eval failures ${++seq}` } })).json.id;
  const author = await resolveAuthor("Failure tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  return pid;
}

type Gold = Parameters<typeof routerExample>[1];
/** Gold examples and what the model answered to each, with the verdict the scorer must give. */
const CASES: { request: string; gold: Gold; answer: FixtureItem["output"]; verdict: string }[] = [
  {
    request: "Where is ORD-10001?",
    gold: { tool: "track_order", args: { order_id: "ORD-10001" } },
    answer: routerAnswer("track_order", { order_id: "ORD-10001" }),
    verdict: "correct",
  },
  {
    request: "Track ORD-10002 please",
    gold: { tool: "track_order", args: { order_id: "ORD-10002" } },
    answer: routerAnswer("request_refund", { order_id: "ORD-10002", reason: "other" }),
    verdict: "wrong_tool",
  },
  {
    request: "Refund ORD-10003, it arrived broken",
    gold: { tool: "request_refund", args: { order_id: "ORD-10003", reason: "damaged" } },
    answer: routerAnswer("request_refund", { order_id: "ORD-10003", reason: "wrong_item" }),
    verdict: "wrong_arguments",
  },
  {
    request: "What are your opening hours?",
    gold: { noTool: "information request" },
    answer: routerAnswer("track_order", { order_id: "ORD-99999" }),
    verdict: "false_tool_call",
  },
  {
    request: "I want a refund",
    gold: { noTool: "underspecified: need order number" },
    answer: routerAnswer("request_refund", { order_id: "ORD-12345", reason: "other" }),
    verdict: "false_tool_call",
  },
  {
    request: "Refund ORD-10007, it never came",
    gold: { tool: "request_refund", args: { order_id: "ORD-10007", reason: "not_received" } },
    answer: routerNoTool("need more details"),
    verdict: "missed_call",
  },
  {
    request: "Where is my parcel ORD-10006?",
    gold: { tool: "track_order", args: { order_id: "ORD-10006" } },
    answer: { content: "Sure, let me check that for you." },
    verdict: "parse_failure",
  },
  {
    request: "Track order 10008",
    gold: { tool: "track_order", args: { order_id: "ORD-10008" } },
    answer: routerAnswer("track_order", { order_id: "10008" }),
    verdict: "invalid",
  },
];

async function smallEval() {
  const pid = await project();
  const author = await resolveAuthor("Failure tests");
  for (const c of CASES) await createExample(pid, { ...routerExample(c.request, c.gold), split: "gold" }, author);
  const { config, items } = await goldItems(pid);
  const evalId = await handBuiltEval(
    pid,
    config,
    items.map((it) => ({
      exampleId: it.exampleId,
      number: it.number,
      system: it.system,
      turns: it.turns,
      gold: it.gold,
      output: CASES.find((c) => c.request === it.request)!.answer,
    })),
  );
  const verdicts = await db().evalResult.findMany({ where: { evalId }, orderBy: { position: "asc" }, select: { verdict: true } });
  expect(verdicts.map((v) => v.verdict)).toEqual(CASES.map((c) => c.verdict));
  return { pid, evalId, author };
}

const add = (pid: string, evalId: string, body: unknown, role?: "editor" | "viewer") =>
  call(addRoute.POST, "POST", { params: { projectId: pid, evalId }, body, role });
const trainCopies = (pid: string) => db().example.findMany({ where: { projectId: pid, split: "train" }, orderBy: { number: "asc" } });

describe("adding an eval's failures to training data", () => {
  it("creates train examples with the gold decision per verdict, skips what the project has, links each to its result, and adds nothing twice", async () => {
    const { pid, evalId, author } = await smallEval();
    // The project already has the opening-hours conversation with its gold target in train.
    await createExample(
      pid,
      { ...routerExample("What are your opening hours?", { noTool: "information request" }), split: "train" },
      author,
    );

    expect((await add(pid, evalId, { verdict: "false_tool_call" }, "viewer")).status).toBe(403);
    const bad = await add(pid, evalId, { verdict: "correct" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field ?? JSON.stringify(bad.json)).toMatch(/verdict/);

    const first = await add(pid, evalId, { verdict: "false_tool_call" }, "editor");
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toMatchObject({ created: 1, skipped: 1, byVerdict: { false_tool_call: { created: 1, skipped: 1 } } });

    // One failing example on its own: the wrong-tool one.
    const wrongTool = await db().evalResult.findFirstOrThrow({ where: { evalId, verdict: "wrong_tool" } });
    const one = await add(pid, evalId, { resultIds: [wrongTool.id] });
    expect(one.json).toMatchObject({ created: 1, skipped: 0 });
    const made = await db().example.findUniqueOrThrow({ where: { id: one.json.examples[0].id } });
    expect(made).toMatchObject({
      split: "train",
      fromEvalId: evalId,
      fromEvalResultId: wrongTool.id,
      reviewState: "labelled",
      invalid: false,
    });
    const messages = JSON.parse(made.messages) as Message[];
    // The gold decision, not the model's wrong tool.
    expect(messages.at(-1)).toMatchObject({
      role: "assistant",
      decision: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-10002" } }] },
    });
    expect(JSON.parse(made.tags)).toEqual(["eval-failure", "wrong_tool"]);
    const dto = await call(exampleRoute.GET, "GET", { params: { projectId: pid, exampleId: made.id } });
    expect(dto.json.origin).toEqual({ evalId, evalName: "hand-built eval", exampleNumber: wrongTool.exampleNumber, verdict: "wrong_tool" });

    // Every verdict at once: the two already added are skipped, the other four are created.
    for (const v of ["wrong_arguments", "missed_call", "invalid", "parse_failure"]) {
      const r = await add(pid, evalId, { verdict: v });
      expect(r.json, v).toMatchObject({ created: 1, skipped: 0 });
    }
    for (const v of ["false_tool_call", "wrong_tool", "wrong_arguments", "missed_call"]) {
      const again = await add(pid, evalId, { verdict: v });
      expect(again.json.created, v).toBe(0);
      expect(again.json.skipped, v).toBe(v === "false_tool_call" ? 2 : 1);
    }
    const copies = await trainCopies(pid);
    expect(copies.filter((e) => e.fromEvalId === evalId)).toHaveLength(6);
    // The gold examples themselves are untouched and still in gold.
    expect(await db().example.count({ where: { projectId: pid, split: "gold" } })).toBe(CASES.length);
    const audit = await db().auditEvent.findFirst({ where: { projectId: pid, action: "evals.add_to_training" }, orderBy: { at: "desc" } });
    expect(audit?.outcome).toBe("ok");
  });

  it("adds 1,000 failures of a 5,000-result eval in one write, and a second time adds none", async () => {
    const pid = await project();
    const { config } = await goldItemsOf(pid);
    const items: FixtureItem[] = Array.from({ length: 5000 }, (_, i) => {
      const failing = i % 5 === 0;
      const request = failing ? `Is the shop open on holiday ${i}?` : `Where is ORD-${String(10000 + i).padStart(5, "0")}?`;
      const gold = failing
        ? { kind: "no_tool" as const, reason: "information request" }
        : {
            kind: "tool_calls" as const,
            calls: [{ name: "track_order", arguments: { order_id: [`ORD-${String(10000 + i).padStart(5, "0")}`] } }],
          };
      const output = failing
        ? routerAnswer("track_order", { order_id: "ORD-99999" })
        : routerAnswer("track_order", { order_id: `ORD-${String(10000 + i).padStart(5, "0")}` });
      return { exampleId: `gone-${i}`, number: i + 1, turns: [{ role: "user", content: request }], gold, output };
    });
    const evalId = await handBuiltEval(pid, config, items, "5,000 results");
    const started = Date.now();
    const r = await add(pid, evalId, { verdict: "false_tool_call" });
    const ms = Date.now() - started;
    expect(r.json).toMatchObject({ created: 1000, skipped: 0 });
    expect(ms, `adding 1,000 took ${ms} ms`).toBeLessThan(20_000);
    const rows = await db().example.findMany({
      where: { projectId: pid, fromEvalId: evalId },
      select: { number: true, targetKind: true, split: true },
    });
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((x) => x.number)).size).toBe(1000);
    expect(rows.every((x) => x.targetKind === "no_tool" && x.split === "train")).toBe(true);
    expect(await db().exampleRevision.count({ where: { example: { projectId: pid, fromEvalId: evalId } } })).toBe(1000);
    const again = await add(pid, evalId, { verdict: "false_tool_call" });
    expect(again.json).toMatchObject({ created: 0, skipped: 1000 });
  }, 120_000);
});

/** The config an eval of this project freezes, without gold examples (the 5,000 items are made up). */
async function goldItemsOf(pid: string) {
  const author = await resolveAuthor("Failure tests");
  await createExample(
    pid,
    { ...routerExample("Where is ORD-00001?", { tool: "track_order", args: { order_id: "ORD-00001" } }), split: "gold" },
    author,
  );
  return goldItems(pid);
}

const lines = async (pid: string, evalId: string, query: Record<string, string>) => {
  const req = new Request(`http://test.local/api?${new URLSearchParams(query)}`, {
    headers: { cookie: await sessionCookie("Test Author", "viewer") },
  });
  const res = await pairsRoute.GET(req, { params: Promise.resolve({ projectId: pid, evalId }) as Promise<never> });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="eval-.*-preference-.*\.jsonl"/);
  const text = (await res.text()).trim();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return text.split("\n").map((l) => JSON.parse(l) as any);
};

describe("preference pairs from an eval's failures", () => {
  it("counts pairs by verdict and writes every failure as a spec-valid OpenAI preference line, a parse failure included", async () => {
    const { pid, evalId } = await smallEval();
    const counts = await call(countsRoute.GET, "GET", { params: { projectId: pid, evalId }, role: "viewer" });
    expect(counts.json).toEqual({
      byVerdict: { wrong_tool: 1, wrong_arguments: 1, false_tool_call: 2, missed_call: 1, invalid: 1, parse_failure: 1 },
      total: 7,
    });
    const openai = await lines(pid, evalId, { format: "openai" });
    expect(openai).toHaveLength(7);
    for (const [i, line] of openai.entries()) expect(preferenceLineProblem(line)?.message ?? null, `line ${i + 1}`).toBeNull();
    const parseFailure = openai.find((l) => l.non_preferred_output[0].content === "Sure, let me check that for you.");
    expect(parseFailure).toBeDefined();
    expect(JSON.parse(parseFailure.preferred_output[0].content)).toEqual({ tool: "track_order", arguments: { order_id: "ORD-10006" } });
    expect(parseFailure.input.messages.at(-1)).toEqual({ role: "user", content: "Where is my parcel ORD-10006?" });
    expect(parseFailure.input.messages[0].role).toBe("system");
    // The model's answer as it was: the invalid call keeps its arguments exactly.
    const invalid = openai.find((l) => l.input.messages.at(-1).content === "Track order 10008");
    expect(invalid.non_preferred_output).toEqual([
      { role: "assistant", content: JSON.stringify({ tool: "track_order", arguments: { order_id: "10008" } }) },
    ]);

    const onlyFalse = await lines(pid, evalId, { format: "trl", verdict: "false_tool_call" });
    expect(onlyFalse).toHaveLength(2);
    for (const l of onlyFalse) {
      expect(Object.keys(l).sort()).toEqual(["chosen", "prompt", "rejected"]);
      expect(l.prompt.at(-1).role).toBe("user");
      expect(l.chosen).toHaveLength(1);
      expect(JSON.parse(l.chosen[0].content).tool).toBe("no_tool");
      expect(JSON.parse(l.rejected[0].content).tool).not.toBe("no_tool");
    }
    const badFormat = await call(pairsRoute.GET, "GET", { params: { projectId: pid, evalId }, query: { format: "csv" } });
    expect(badFormat.status).toBe(422);
  });
});
