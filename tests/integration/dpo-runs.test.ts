// DPO runs end to end on the OpenAI backend: a real SFT run through the worker and the OpenAI test
// server, a hand-built eval of its model with failures, then "Start DPO run": the pairs are frozen in
// OpenAI's preference format, uploaded, and trained with method dpo on the SFT model; the DPO metrics
// land as points the run page charts, and the lineage shows parent, child and both runs' evals.
// Refusals: a supervised-format file for DPO and a beta out of range fail the run with the server's
// own message.
import { describe, expect, it } from "vitest";
import OpenAI from "openai";
import * as projects from "@/app/api/projects/route";
import * as runsRoute from "@/app/api/projects/[projectId]/runs/route";
import * as dpoRoute from "@/app/api/projects/[projectId]/runs/[runId]/dpo/route";
import * as lineageRoute from "@/app/api/projects/[projectId]/runs/[runId]/lineage/route";
import * as metricsRoute from "@/app/api/projects/[projectId]/runs/[runId]/metrics/route";
import * as retryRoute from "@/app/api/projects/[projectId]/runs/[runId]/retry/route";
import { db } from "@/lib/server/db";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import { jsonText, parseJsonText } from "@/lib/server/json-text";
import { prepareDpoChart } from "@/lib/training/dpo-chart";
import type { RunConfig } from "@/lib/schemas/runs";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { goldItems, handBuiltEval, routerAnswer, type FixtureItem } from "./eval-fixtures";
import { call, openAIServerForFile, runOf, terminal, waitFor, withWorker } from "./helpers";

const openai = openAIServerForFile({ TOOLTUNE_POLL_MIN_MS: "100", TOOLTUNE_POLL_MAX_MS: "400", TOOLTUNE_WORKER_LOCK_MS: "1500" });

async function finishedSftRun() {
  const pid = (await call(projects.POST, "POST", { body: { name: "DPO runs" } })).json.id as string;
  const author = await resolveAuthor("DPO tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  for (const e of customerSupport.examples.slice(0, 20)) await createExample(pid, { messages: e.messages, split: "train" }, author);
  await createExample(pid, { messages: customerSupport.examples[20].messages, split: "gold" }, author);
  const r = await call(runsRoute.POST, "POST", {
    params: { projectId: pid },
    body: {
      baseModel: "gpt-4o-mini-2024-07-18",
      hyperparameters: { n_epochs: 1, batch_size: 4, learning_rate_multiplier: "auto" },
      suffix: "sft",
    },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const sftId = r.json.id as string;
  await withWorker(async () => {
    const done = await waitFor("the SFT run to end", terminal(sftId));
    expect(done.status, done.error ?? "").toBe("succeeded");
  });
  // An eval of the SFT model: 12 false tool calls and 2 unparseable answers (14 pairs), 6 right.
  const { config } = await goldItems(pid);
  const items: FixtureItem[] = Array.from({ length: 20 }, (_, i) => {
    const failing = i < 14;
    return {
      exampleId: `x${i}`,
      number: i + 1,
      turns: [{ role: "user", content: failing ? `Are you open on holiday ${i}?` : `Where is ORD-1000${i % 10}?` }],
      gold: failing
        ? { kind: "no_tool", reason: "information request" }
        : { kind: "tool_calls", calls: [{ name: "track_order", arguments: { order_id: [`ORD-1000${i % 10}`] } }] },
      output:
        i < 12
          ? routerAnswer("track_order", { order_id: "ORD-99999" })
          : i < 14
            ? { content: "Let me look that up!" }
            : routerAnswer("track_order", { order_id: `ORD-1000${i % 10}` }),
    };
  });
  const evalId = await handBuiltEval(pid, config, items, "SFT on gold");
  await db().eval.update({ where: { id: evalId }, data: { runId: sftId, summary: jsonText(summaryOf(12, 14)) } });
  return { pid, sftId, evalId };
}

/** A minimal stored summary: what the lineage reads (exact match, false tool calls, wrong tools). */
function summaryOf(falseCalls: number, noToolGold: number) {
  const rate = (n: number, d: number) => ({ n, d, value: d ? n / d : null });
  const verdicts = {
    correct: 6,
    wrong_arguments: 0,
    wrong_tool: 0,
    false_tool_call: falseCalls,
    missed_call: 0,
    invalid: 0,
    parse_failure: 2,
  };
  return { total: 20, exactMatch: rate(6, 20), falseToolCallRate: rate(falseCalls, noToolGold), missedCallRate: rate(0, 6), verdicts };
}

const startDpo = (pid: string, sftId: string, body: Record<string, unknown>) =>
  call(dpoRoute.POST, "POST", { params: { projectId: pid, runId: sftId }, body });

describe("DPO runs on the OpenAI backend", () => {
  it("trains on the SFT model with method dpo, stores the DPO metrics, and links parent, child and evals; refusals surface on the run", async () => {
    const { pid, sftId, evalId } = await finishedSftRun();
    const sft = await runOf(sftId);

    const preview = await call(dpoRoute.GET, "GET", {
      params: { projectId: pid, runId: sftId },
      query: { evalIds: evalId, n_epochs: "2" },
    });
    expect(preview.status, JSON.stringify(preview.json)).toBe(200);
    expect(preview.json).toMatchObject({
      pairs: 14,
      byVerdict: { false_tool_call: 12, parse_failure: 2 },
      parent: { model: sft.fineTunedModel },
    });
    expect(preview.json.costUsd).toBeGreaterThan(0); // OpenAI prices the parent's base snapshot
    expect((await startDpo(pid, sftId, { evalIds: [evalId], beta: 3 })).json.error.field).toBe("beta");
    expect((await startDpo(pid, sftId, { evalIds: ["nope"] })).status).toBe(422);

    const ok = await startDpo(pid, sftId, {
      evalIds: [evalId],
      beta: 0.2,
      hyperparameters: { n_epochs: 1, batch_size: 2, learning_rate_multiplier: "auto" },
      name: "DPO on false calls",
    });
    expect(ok.status, JSON.stringify(ok.json)).toBe(201);
    expect(ok.json).toMatchObject({
      status: "queued",
      baseModel: sft.fineTunedModel,
      config: { method: { type: "dpo", beta: 0.2, evalIds: [evalId], parentRunId: sftId } },
    });
    const dpoId = ok.json.id as string;
    // Two more, refused by the server when submitted: a supervised-format file, and a beta the form would not send.
    const wrongFile = (await startDpo(pid, sftId, { evalIds: [evalId], suffix: "sftfile" })).json.id as string;
    await db().run.update({ where: { id: wrongFile }, data: { trainFilePath: sft.trainFilePath, snapshot: sft.snapshot } });
    const badBeta = (await startDpo(pid, sftId, { evalIds: [evalId], suffix: "badbeta" })).json.id as string;
    const c = parseJsonText<RunConfig>((await runOf(badBeta)).config);
    await db().run.update({ where: { id: badBeta }, data: { config: jsonText({ ...c, method: { ...c.method!, beta: 5 } }) } });

    await withWorker(async () => {
      const done = await waitFor("the DPO run to end", terminal(dpoId));
      expect(done.status, done.error ?? "").toBe("succeeded");
      expect(done.fineTunedModel).toMatch(/^ft:gpt-4o-mini-2024-07-18:/);
      expect(done.fineTunedModel).not.toBe(sft.fineTunedModel);
      const job = await new OpenAI({ apiKey: "sk-test", baseURL: `${openai.server.url}/v1` }).fineTuning.jobs.retrieve(done.remoteJobId!);
      expect(job.method).toMatchObject({ type: "dpo", dpo: { hyperparameters: { beta: 0.2, n_epochs: 1, batch_size: 2 } } });
      expect(job.model).toBe("gpt-4o-mini-2024-07-18");
      expect(parseJsonText<{ train: { examples: number } }>(done.snapshot).train.examples).toBe(14);

      const points = (await call(metricsRoute.GET, "GET", { params: { projectId: pid, runId: dpoId } })).json.points;
      expect(points.length).toBe(done.totalSteps);
      expect(
        points.every((p: Record<string, unknown>) => typeof p.rewardsMargins === "number" && typeof p.rewardsAccuracy === "number"),
      ).toBe(true);
      const chart = prepareDpoChart(points);
      expect(chart.rewards.length).toBe(points.length);
      expect(chart.rewards.at(-1)!.margins).toBeCloseTo(chart.rewards.at(-1)!.chosen! - chart.rewards.at(-1)!.rejected!, 4);
      expect(chart.accuracy.some((p) => p.accuracy !== null)).toBe(true);

      const refusedFile = await waitFor("the run with an SFT file to fail", terminal(wrongFile));
      expect(refusedFile.status).toBe("failed");
      expect(refusedFile.error).toMatch(/not a preference pair.*\(invalid_training_file\)/);
      const refusedBeta = await waitFor("the run with beta 5 to fail", terminal(badBeta));
      expect(refusedBeta.status).toBe("failed");
      expect(refusedBeta.error).toMatch(/beta/);
    });
    // A failed DPO run is retried as a DPO run on the same parent and pairs (not as an SFT run on the DPO base).
    const retried = await call(retryRoute.POST, "POST", { params: { projectId: pid, runId: wrongFile } });
    expect(retried.status, JSON.stringify(retried.json)).toBe(201);
    expect(retried.json).toMatchObject({
      retryOfId: wrongFile,
      parentRunId: sftId,
      baseModel: sft.fineTunedModel,
      config: { method: { type: "dpo", evalIds: [evalId], parentRunId: sftId } },
    });

    const lineage = (await call(lineageRoute.GET, "GET", { params: { projectId: pid, runId: dpoId }, role: "viewer" })).json;
    expect(lineage.parent).toMatchObject({ id: sftId, method: "sft", model: sft.fineTunedModel });
    expect(lineage.parent.evals).toEqual([expect.objectContaining({ id: evalId, falseToolCallRate: { n: 12, d: 14, value: 12 / 14 } })]);
    const children = (await call(lineageRoute.GET, "GET", { params: { projectId: pid, runId: sftId } })).json.children;
    expect(children.map((r: { id: string }) => r.id).sort()).toEqual([dpoId, wrongFile, badBeta, retried.json.id].sort());
  }, 120_000);
});
