// Evaluations end to end: a real worker process asks the local OpenAI-compatible test server
// (tests/support/openai-server, scripted chat replies) through the real openai SDK, with real Redis and
// the real database. Every number of the report is checked against a hand-computed set; a worker killed
// mid-eval must be resumed by another without re-asking the examples already answered.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as evalsRoute from "@/app/api/projects/[projectId]/evals/route";
import * as evalRoute from "@/app/api/projects/[projectId]/evals/[evalId]/route";
import * as cancelRoute from "@/app/api/projects/[projectId]/evals/[evalId]/cancel/route";
import * as resultsRoute from "@/app/api/projects/[projectId]/evals/[evalId]/results/route";
import * as compareRoute from "@/app/api/projects/[projectId]/evals/compare/route";
import * as playgroundRoute from "@/app/api/projects/[projectId]/playground/route";
import * as endpointsRoute from "@/app/api/endpoints/route";
import { db } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import type { ChatRule } from "../support/openai-server/types";
import { call, cliArgs, openAIServerForFile, routerExample, startWorker, waitFor, withWorker } from "./helpers";

const openai = openAIServerForFile({
  TOOLTUNE_WORKER_LOCK_MS: "1500",
  TOOLTUNE_RECONCILE_MS: "700",
  TOOLTUNE_EVAL_LEASE_MS: "1500",
  TOOLTUNE_EVAL_BACKOFF_MS: "20",
});

const router = (tool: string, args: Record<string, unknown>) => JSON.stringify({ tool, arguments: args });
const noTool = (reason: string) => JSON.stringify({ tool: "no_tool", reason });

/** The hand-computed set: request, gold, and what the scripted model answers. */
const CASES: { request: string; gold: { tool: string; args: Record<string, unknown> } | { noTool: string }; rule: Omit<ChatRule, "match"> }[] = [
  { request: "Where is order ORD-10001?", gold: { tool: "track_order", args: { order_id: "ORD-10001" } }, rule: { reply: { content: router("track_order", { order_id: "ORD-10001" }) } } },
  // valid call to the wrong tool: the dangerous failure
  { request: "Track ORD-10002 please", gold: { tool: "track_order", args: { order_id: "ORD-10002" } }, rule: { reply: { content: router("request_refund", { order_id: "ORD-10002", reason: "other" }) } } },
  // right tool, wrong argument
  { request: "Refund ORD-10003, it arrived broken", gold: { tool: "request_refund", args: { order_id: "ORD-10003", reason: "damaged" } }, rule: { reply: { content: router("request_refund", { order_id: "ORD-10003", reason: "wrong_item" }) } } },
  { request: "Hello there", gold: { noTool: "greeting" }, rule: { reply: { content: noTool("greeting") } } },
  // gold no_tool, the model calls a tool
  { request: "What are your opening hours?", gold: { noTool: "info request" }, rule: { reply: { content: router("track_order", { order_id: "ORD-99999" }) } } },
  // prose: nothing to parse
  { request: "Where is my parcel ORD-10006?", gold: { tool: "track_order", args: { order_id: "ORD-10006" } }, rule: { reply: { content: "Sure, let me check that for you." } } },
  // gold call, the model says no_tool
  { request: "Refund ORD-10007, it never came", gold: { tool: "request_refund", args: { order_id: "ORD-10007", reason: "not_received" } }, rule: { reply: { content: noTool("need more details") } } },
  // parses, names the right tool, but fails the schema (pattern)
  { request: "Track order 10008", gold: { tool: "track_order", args: { order_id: "ORD-10008" } }, rule: { reply: { content: router("track_order", { order_id: "10008" }) } } },
  // right, inside a code fence: a parse repair
  { request: "Status of ORD-10009?", gold: { tool: "track_order", args: { order_id: "ORD-10009" } }, rule: { reply: { content: "```json\n" + router("track_order", { order_id: "ORD-10009" }) + "\n```" } } },
  // right after two 429s
  { request: "Check ORD-10010", gold: { tool: "track_order", args: { order_id: "ORD-10010" } }, rule: { fail: { status: 429, times: 2 }, reply: { content: router("track_order", { order_id: "ORD-10010" }) } } },
  // right, slowly
  { request: "Slowly: where is ORD-10011?", gold: { tool: "track_order", args: { order_id: "ORD-10011" } }, rule: { delayMs: 300, reply: { content: router("track_order", { order_id: "ORD-10011" }) } } },
  // invalid JSON (cut off mid-object): nothing to parse, not even by repair
  { request: "Broken: where is ORD-10012?", gold: { tool: "track_order", args: { order_id: "ORD-10012" } }, rule: { reply: { content: '{"tool": "track_order", "arguments": {"order_id": "ORD-10012"' } } },
];

let seq = 0;
async function project(): Promise<string> {
  const pid = (await call(projects.POST, "POST", { body: { name: `Evals ${++seq}` } })).json.id;
  const author = await resolveAuthor("Eval tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  return pid;
}

async function goldProject(cases: typeof CASES): Promise<string> {
  const pid = await project();
  const author = await resolveAuthor("Eval tests");
  for (const c of cases) await createExample(pid, { ...routerExample(c.request, c.gold), split: "gold" }, author);
  return pid;
}

async function startEval(pid: string, body: Record<string, unknown> = {}) {
  const r = await call(evalsRoute.POST, "POST", { params: { projectId: pid }, body: { target: { backend: "openai", model: "gpt-4o-mini" }, concurrency: 4, ...body } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

const evalOf = (id: string) => db().eval.findUniqueOrThrow({ where: { id } });
const ended = (id: string) => async () => {
  const e = await evalOf(id);
  return ["succeeded", "failed", "cancelled"].includes(e.status) ? e : null;
};

describe("eval runs against an OpenAI-compatible endpoint", () => {
  it("scores every scripted outcome and reports each number as computed by hand", async () => {
    const pid = await goldProject(CASES);
    openai.server.reset();
    openai.server.setChat({ rules: CASES.map((c) => ({ match: c.request, ...c.rule })) });
    const evalId = await startEval(pid, { concurrency: 3 });
    expect((await evalOf(evalId)).status).toBe("queued"); // the row exists before any worker runs
    await withWorker(async (w) => {
      const done = await waitFor("the eval to end", ended(evalId));
      expect(done.status, `${done.error ?? ""}\n${w.output()}`).toBe("succeeded");
    });
    const dto = (await call(evalRoute.GET, "GET", { params: { projectId: pid, evalId } })).json;
    expect(dto).toMatchObject({ status: "succeeded", total: 12, done: 12, failedRequests: 0, progress: 1, greedy: true });
    const s = dto.summary;
    expect(s.total).toBe(12);
    expect(s.validRate).toMatchObject({ n: 9, d: 12 }); // all but the prose (6), the schema failure (8) and the broken JSON (12)
    expect(s.toolNameAccuracy).toMatchObject({ n: 7, d: 12 }); // 1, 3, 4, 8, 9, 10, 11
    expect(s.argAccuracy).toMatchObject({ n: 4, d: 5 }); // valid + right tool: 1, 3, 9, 10, 11; 3 has the wrong reason
    expect(s.falseToolCallRate).toMatchObject({ n: 1, d: 2 });
    expect(s.missedCallRate).toMatchObject({ n: 1, d: 10 });
    expect(s.silentCorruptionRate).toMatchObject({ n: 3, d: 12 }); // wrong tool (2), wrong argument (3), valid call on a no_tool (5)
    expect(s.exactMatch).toMatchObject({ n: 5, d: 12 });
    expect(s.parse).toEqual({ clean: 9, repaired: 1, failed: 2 });
    expect(s.verdicts).toEqual({ correct: 5, wrong_arguments: 1, wrong_tool: 1, false_tool_call: 1, missed_call: 1, invalid: 1, parse_failure: 2 });
    const labels: string[] = s.confusion.labels;
    const cell = (g: string, p: string) => s.confusion.counts[labels.indexOf(g)][labels.indexOf(p)];
    expect(cell("track_order", "request_refund")).toBe(1);
    expect(cell("no_tool", "track_order")).toBe(1);
    expect(cell("request_refund", "no_tool")).toBe(1);
    expect(s.argErrors).toContainEqual(expect.objectContaining({ tool: "request_refund", argument: "reason", kind: "value", count: 1 }));
    expect(s.latency.p95).toBeGreaterThanOrEqual(300); // the slow example
    expect(s.tokens.prompt).toBeGreaterThan(0);
    expect(s.cost.per1000Calls).toBeGreaterThan(0); // gpt-4o-mini list price

    // Greedy decoding, bounded output, the catalogue's prompt; each example asked once (the 429s are retries).
    const chat = openai.server.state().chat;
    expect(chat.last.every((r) => r.temperature === 0 && r.max_completion_tokens === 512)).toBe(true);
    for (const c of CASES) expect(chat.byRequest[c.request], c.request).toBe(1);
    const retried = await db().evalResult.findFirstOrThrow({ where: { evalId, request: "Check ORD-10010" } });
    expect(retried.attempts).toBe(3);

    // The example list filters by verdict and shows what differed.
    const wrong = (await call(resultsRoute.GET, "GET", { params: { projectId: pid, evalId }, query: { verdict: "wrong" } })).json;
    expect(wrong.total).toBe(7);
    const wrongTool = (await call(resultsRoute.GET, "GET", { params: { projectId: pid, evalId }, query: { verdict: "wrong_tool" } })).json;
    expect(wrongTool.results).toHaveLength(1);
    expect(wrongTool.results[0]).toMatchObject({ request: "Track ORD-10002 please", output: { content: expect.stringContaining("request_refund") } });
    expect(wrongTool.results[0].score.reason).toMatch(/request_refund/);
    const fenced = await db().evalResult.findFirstOrThrow({ where: { evalId, request: "Status of ORD-10009?" } });
    expect(JSON.parse(fenced.score!)).toMatchObject({ parse: "repaired", parseNote: expect.stringMatching(/fence/i) });
    // The tool filter matches whole tool names in the gold or the prediction: 8 gold track_order + the false call.
    const track = (await call(resultsRoute.GET, "GET", { params: { projectId: pid, evalId }, query: { tool: "track_order" } })).json;
    expect(track.total).toBe(9);
    const partial = (await call(resultsRoute.GET, "GET", { params: { projectId: pid, evalId }, query: { tool: "order" } })).json;
    expect(partial.total).toBe(0);
  });

  it("scores native tool calls: arguments that are not JSON are a parse failure, a plain reply is no_tool", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: `Evals native ${++seq}`, outputStyle: "native_tools" } })).json.id;
    const author = await resolveAuthor("Eval tests");
    for (const t of customerSupport.tools) await createTool(pid, t, author);
    const cases = [CASES[0], CASES[1], CASES[3]];
    for (const c of cases) await createExample(pid, { ...routerExample(c.request, c.gold), split: "gold" }, author);
    openai.server.setChat({
      rules: [
        { match: CASES[0].request, reply: { content: null, tool_calls: [{ name: "track_order", arguments: '{"order_id": "ORD-10001"}' }] } },
        { match: CASES[1].request, reply: { content: null, tool_calls: [{ name: "track_order", arguments: '{"order_id": "ORD-10002"' }] } },
        { match: CASES[3].request, reply: { content: "Hello! How can I help?" } },
      ],
    });
    const evalId = await startEval(pid);
    await withWorker(async () => {
      expect((await waitFor("the eval to end", ended(evalId))).status).toBe("succeeded");
    });
    // The request carried the catalogue as tools.
    expect(openai.server.state().chat.last.at(-1)?.tools).toBe(customerSupport.tools.length);
    const s = (await call(evalRoute.GET, "GET", { params: { projectId: pid, evalId } })).json.summary;
    expect(s.verdicts).toMatchObject({ correct: 2, parse_failure: 1 });
    expect(s.parse).toEqual({ clean: 2, repaired: 0, failed: 1 });
  });

  it("resumes after the worker is killed mid-eval without re-asking answered examples", async () => {
    const cases = Array.from({ length: 40 }, (_, i) => {
      const id = `ORD-${String(20000 + i)}`;
      return { request: `Resume test: where is ${id}?`, gold: { tool: "track_order", args: { order_id: id } }, rule: { reply: { content: router("track_order", { order_id: id }) } } };
    });
    const pid = await goldProject(cases);
    openai.server.setChat({ rules: cases.map((c) => ({ match: c.request, ...c.rule })), latencyMs: 150 });
    const evalId = await startEval(pid, { concurrency: 4 });
    const first = startWorker();
    await waitFor("some answers", async () => (await evalOf(evalId)).done >= 8);
    first.child.kill("SIGKILL");
    await first.exited;
    const answered = (await db().evalResult.findMany({ where: { evalId, status: "done" }, select: { request: true } })).map((r) => r.request);
    expect(answered.length).toBeGreaterThanOrEqual(8);
    const second = startWorker();
    try {
      const done = await waitFor("the resumed eval to end", ended(evalId));
      expect(done.status, second.output()).toBe("succeeded");
      expect(done.done).toBe(40);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
    const byRequest = openai.server.state().chat.byRequest;
    for (const r of answered) expect(byRequest[r], r).toBe(1); // finished before the kill: never asked again
    const asked = cases.reduce((n, c) => n + (byRequest[c.request] ?? 0), 0);
    expect(asked).toBeLessThanOrEqual(40 + 4); // at most the in-flight requests were lost and re-asked
    const s = (await call(evalRoute.GET, "GET", { params: { projectId: pid, evalId } })).json.summary;
    expect(s.exactMatch).toMatchObject({ n: 40, d: 40 });
  });

  it("cancels a running eval and keeps the answers it has", async () => {
    const cases = Array.from({ length: 30 }, (_, i) => ({ request: `Cancel test ${i}: hello`, gold: { noTool: "greeting" }, rule: { reply: { content: noTool("greeting") } } }));
    const pid = await goldProject(cases);
    openai.server.setChat({ rules: [], defaultReply: { content: noTool("greeting") }, latencyMs: 250 });
    const evalId = await startEval(pid, { concurrency: 2 });
    await withWorker(async () => {
      await waitFor("some answers", async () => (await evalOf(evalId)).done >= 2);
      const r = await call(cancelRoute.POST, "POST", { params: { projectId: pid, evalId } });
      expect(r.status).toBe(200);
      const done = await waitFor("the eval to stop", ended(evalId));
      expect(done.status).toBe("cancelled");
      expect(done.done).toBeLessThan(30);
      expect(JSON.parse(done.summary!).exactMatch.d).toBe(done.done);
    });
  });

  it("asks OpenAI reasoning models without a temperature, which they refuse, and says the eval is not greedy", async () => {
    const pid = await goldProject(CASES.slice(0, 2));
    openai.server.setChat({ rules: CASES.slice(0, 2).map((c) => ({ match: c.request, ...c.rule })) });
    const evalId = await startEval(pid, { target: { backend: "openai", model: "gpt-5-mini" } });
    await withWorker(async () => {
      const done = await waitFor("the eval to end", ended(evalId));
      expect(done.status, done.error ?? "").toBe("succeeded");
      expect(done.failedRequests).toBe(0);
    });
    expect((await call(evalRoute.GET, "GET", { params: { projectId: pid, evalId } })).json.greedy).toBe(false);
  });

  it("fails at once with the endpoint's own message when the model does not exist", async () => {
    const pid = await goldProject(CASES.slice(0, 3));
    openai.server.setChat({ rules: [] });
    const evalId = await startEval(pid, { target: { backend: "openai", model: "gpt-nonexistent" } });
    await withWorker(async () => {
      const done = await waitFor("the eval to fail", ended(evalId));
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/refused the requests: 404.*gpt-nonexistent/);
    });
  });

  it("fails with what is missing when the worker has no credentials for the backend", async () => {
    const pid = await goldProject(CASES.slice(0, 1));
    const evalId = await startEval(pid);
    await withWorker(async () => {
      const done = await waitFor("the eval to fail", ended(evalId));
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/could not run: .*OPENAI_API_KEY/);
    }, { ...process.env, OPENAI_API_KEY: "" });
  });

  it("evaluates through a saved endpoint whose key never leaves the server, and compares two evals", async () => {
    const pid = await goldProject(CASES.slice(0, 4));
    const ep = await call(endpointsRoute.POST, "POST", { body: { name: `local vLLM ${seq}`, baseUrl: `${openai.server.url}/v1`, apiKey: "sk-test", defaultModel: "gpt-4.1-mini", inputPerMillionUsd: 0, outputPerMillionUsd: 0 } });
    expect(ep.status, JSON.stringify(ep.json)).toBe(201);
    expect(ep.json).toMatchObject({ hasKey: true });
    expect(JSON.stringify(ep.json)).not.toContain("sk-test");
    // Model A gets example 2 wrong; model B gets it right but breaks example 1.
    openai.server.setChat({
      rules: [
        { match: CASES[0].request, model: "gpt-4.1-mini", reply: { content: router("escalate", { summary: "customer wants an update on ORD-10001", priority: "normal" }) } },
        { match: CASES[1].request, model: "gpt-4.1-mini", reply: { content: router("track_order", { order_id: "ORD-10002" }) } },
        ...CASES.slice(0, 4).map((c) => ({ match: c.request, ...c.rule })),
      ],
    });
    const a = await startEval(pid);
    const b = await startEval(pid, { target: { backend: "endpoint", endpointId: ep.json.id, model: "gpt-4.1-mini" } });
    await withWorker(async () => {
      for (const id of [a, b]) expect((await waitFor("the eval to end", ended(id))).status).toBe("succeeded");
    });
    const cmp = (await call(compareRoute.GET, "GET", { params: { projectId: pid }, query: { a, b } })).json;
    expect(cmp).toMatchObject({ shared: 4, onlyA: 0, onlyB: 0, sameGold: true, counts: { fixed: 1, broken: 1, still_wrong: 1, still_right: 1 } });
    expect(cmp.flips.map((f: { kind: string; request: string }) => [f.kind, f.request])).toEqual([
      ["broken", CASES[0].request],
      ["fixed", CASES[1].request],
      ["still_wrong", CASES[2].request],
    ]);
    expect(cmp.b.summary.cost).toMatchObject({ total: 0 });
  });

  it("answers the playground with the raw output, the parsed call and its validity", async () => {
    const pid = await project();
    openai.server.setChat({ rules: [{ match: "ORD-55555", reply: { content: router("track_order", { order_id: "ORD-55555" }) } }], defaultReply: { content: router("track_order", { order_id: "55" }) } });
    const r = await call(playgroundRoute.POST, "POST", {
      params: { projectId: pid },
      body: { request: "Where is ORD-55555?", targets: [{ backend: "openai", model: "gpt-4o-mini" }, { backend: "openai", model: "gpt-4o" }] },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json[0]).toMatchObject({ parse: "clean", valid: true, parsed: { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: "ORD-55555" } }] }, error: null });
    expect(r.json[0].latencyMs).toBeGreaterThanOrEqual(0);
    const bad = await call(playgroundRoute.POST, "POST", { params: { projectId: pid }, body: { request: "where is 55", targets: [{ backend: "openai", model: "gpt-4o-mini" }] } });
    expect(bad.json[0]).toMatchObject({ parse: "clean", valid: false });
    expect(bad.json[0].validationErrors.join(" ")).toMatch(/order_id/);
    const none = await call(playgroundRoute.POST, "POST", { params: { projectId: pid }, body: { request: "x", targets: [{ backend: "openai", model: "nope-model" }] } });
    expect(none.json[0].error).toMatch(/404/);
  });

  it("runs an eval from the command line and prints the report's numbers", async () => {
    const pid = await goldProject(CASES.slice(0, 4));
    openai.server.setChat({ rules: CASES.slice(0, 4).map((c) => ({ match: c.request, ...c.rule })) });
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, cliArgs("eval", ...args), { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout!.on("data", (d) => (out += d));
        child.stderr!.on("data", (d) => (err += d));
        child.on("exit", (code) => resolve({ code, out, err }));
      });
    const ok = await run(["--project", pid, "--model", "gpt-4o-mini", "--here", "--json"]);
    expect(ok.code, ok.err).toBe(0);
    const dto = JSON.parse(ok.out);
    expect(dto).toMatchObject({ status: "succeeded", total: 4, summary: { exactMatch: { n: 2, d: 4 }, verdicts: { wrong_tool: 1, wrong_arguments: 1 } } });
    const bad = await run(["--project", pid, "--model", "gpt-4o-mini", "--backend", "endpoint"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--endpoint is required/);
  });

  it("evaluates a slice of the gold split: one tool, or only the no_tool examples", async () => {
    const pid = await goldProject(CASES);
    const oneTool = (await call(evalsRoute.POST, "POST", { params: { projectId: pid }, body: { target: { backend: "openai", model: "gpt-4o-mini" }, only: { tool: "request_refund" } } })).json;
    expect(oneTool).toMatchObject({ total: 2, split: "gold · request_refund" });
    const noTools = (await call(evalsRoute.POST, "POST", { params: { projectId: pid }, body: { target: { backend: "openai", model: "gpt-4o-mini" }, only: { kind: "no_tool" } } })).json;
    expect(noTools).toMatchObject({ total: 2, split: "gold · no_tool only" });
    const none = await call(evalsRoute.POST, "POST", { params: { projectId: pid }, body: { target: { backend: "openai", model: "gpt-4o-mini" }, only: { tool: "escalate" } } });
    expect(none.status).toBe(422);
    expect(none.json.error.message).toMatch(/no example calling escalate/);
  });

  it("refuses an eval of an empty gold split with a message that says what to do", async () => {
    const pid = await project();
    const r = await call(evalsRoute.POST, "POST", { params: { projectId: pid }, body: { target: { backend: "openai", model: "gpt-4o-mini" } } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/gold split has no example/);
    expect(await db().eval.count({ where: { projectId: pid } })).toBe(0);
  });
});
