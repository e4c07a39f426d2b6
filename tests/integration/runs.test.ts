// Training runs end to end: the real openai SDK in a real worker process, against the local OpenAI
// test server (tests/support/openai-server), with real Redis and the real database. Crash safety:
// the worker is SIGKILLed at the dangerous moments and restarted; exactly one remote job must exist
// per run and the run must reach its true terminal state with every metric point exactly once.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as runsRoute from "@/app/api/projects/[projectId]/runs/route";
import * as runRoute from "@/app/api/projects/[projectId]/runs/[runId]/route";
import * as cancelRoute from "@/app/api/projects/[projectId]/runs/[runId]/cancel/route";
import * as retryRoute from "@/app/api/projects/[projectId]/runs/[runId]/retry/route";
import { db } from "@/lib/server/db";
import { closeQueue } from "@/lib/server/queue";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { freezeRun } from "@/lib/server/runs/freeze-run";
import { runDir } from "@/lib/server/runs/snapshot";
import { call, openAIServerForFile, routerExample, runOf, startWorker, terminal, waitFor, withPrivateRedis, withWorker } from "./helpers";
import { insertExamples } from "./bulk-examples";

const openai = openAIServerForFile({
  TOOLTUNE_POLL_MIN_MS: "100",
  TOOLTUNE_POLL_MAX_MS: "400",
  TOOLTUNE_WORKER_LOCK_MS: "1500",
  TOOLTUNE_RECONCILE_MS: "1000",
  TOOLTUNE_RECONCILE_STALE_MS: "1500",
  TOOLTUNE_SUBMIT_LEASE_MS: "3000",
});

let seq = 0;
/** A router project with the demo examples split into train and validation. */
async function projectWithData(trainCount = 40): Promise<string> {
  const pid = (await call(projects.POST, "POST", { body: { name: `Runs ${++seq}` } })).json.id;
  const author = await resolveAuthor("Run tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  for (const [i, e] of customerSupport.examples.slice(0, trainCount + 8).entries()) {
    await createExample(pid, { messages: e.messages, split: i < trainCount ? "train" : "validation" }, author);
  }
  return pid;
}

async function startRun(pid: string, body: Record<string, unknown> = {}) {
  const r = await call(runsRoute.POST, "POST", { params: { projectId: pid }, body: { baseModel: "gpt-4o-mini-2024-07-18", hyperparameters: { n_epochs: 2, batch_size: "auto", learning_rate_multiplier: "auto" }, ...body } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

async function assertCompleteCurve(runId: string) {
  const run = await runOf(runId);
  const steps = (await db().metricPoint.findMany({ where: { runId }, orderBy: { step: "asc" }, select: { step: true } })).map((p) => p.step);
  expect(run.totalSteps).toBeGreaterThan(0);
  expect(steps).toEqual(Array.from({ length: run.totalSteps! }, (_, i) => i + 1));
}

describe("training runs on the OpenAI backend", () => {
  it("goes queued -> succeeded with every metric point, checkpoints, events and the model", async () => {
    const pid = await projectWithData();
    const before = openai.server.state().jobsCreated;
    const runId = await startRun(pid, { suffix: "support" });
    const row = await runOf(runId);
    expect(row.status).toBe("queued"); // the row exists before any worker runs
    await withWorker(async () => {
      const done = await waitFor("the run to end", terminal(runId));
      expect(done.status, done.error ?? "").toBe("succeeded");
      expect(done.fineTunedModel).toMatch(/^ft:gpt-4o-mini-2024-07-18:.*support-tt/);
      expect(done.trainedTokens).toBeGreaterThan(0);
      await assertCompleteCurve(runId);
      expect(await db().metricPoint.count({ where: { runId, validLoss: { not: null } } })).toBeGreaterThan(0);
      expect(await db().checkpoint.count({ where: { runId } })).toBeGreaterThanOrEqual(1);
      expect(await db().runEvent.count({ where: { runId, type: "message" } })).toBeGreaterThan(3);
      expect(openai.server.state().jobsCreated - before).toBe(1);
      const dto = (await call(runRoute.GET, "GET", { params: { projectId: pid, runId } })).json;
      expect(dto).toMatchObject({ status: "succeeded", progress: 1, config: { hyperparameters: { n_epochs: 2 } } });
      expect(dto.snapshot.train.examples).toBe(40);
    });
  }, 60_000); // a worker process starts and a whole job runs: 30 s was not enough on 2 loaded cores

  it("fails with the API's own message, and a retry is a new run with the same settings", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { suffix: "fail_at_3" });
    await withWorker(async () => {
      const done = await waitFor("the run to fail", terminal(runId));
      expect(done.status).toBe("failed");
      expect(done.error).toContain("(server_error)");
      const retried = await call(retryRoute.POST, "POST", { params: { projectId: pid, runId } });
      expect(retried.status).toBe(201);
      expect(retried.json).toMatchObject({ retryOfId: runId, config: { suffix: "fail_at_3" } });
    });
  });

  it("fails a run whose training file has fewer than 10 examples with invalid_n_examples", async () => {
    const pid = await projectWithData(5);
    const runId = await startRun(pid);
    await withWorker(async () => {
      const done = await waitFor("the run to fail", terminal(runId));
      expect(done.status).toBe("failed");
      expect(done.error).toContain("invalid_n_examples");
    });
  });

  it("rides out 429 rate limits, and shows a status it does not know (paused) as the backend's word", async () => {
    const pid = await projectWithData();
    const limited = await startRun(pid, { suffix: "rate_limit_2" });
    const paused = await startRun(pid, { suffix: "pause" });
    await withWorker(async () => {
      const done = await waitFor("the rate-limited run to end", terminal(limited));
      expect(done.status, done.error ?? "").toBe("succeeded");
      const p = await waitFor("the pause", async () => ((await runOf(paused)).remoteStatus === "paused" ? runOf(paused) : null));
      expect(p.status).toBe("running");
      const dto = (await call(runRoute.GET, "GET", { params: { projectId: pid, runId: paused } })).json;
      expect(dto).toMatchObject({ status: "running", remoteStatus: "paused" });
      await call(cancelRoute.POST, "POST", { params: { projectId: pid, runId: paused } });
      expect((await waitFor("the paused run to be cancelled", terminal(paused))).status).toBe("cancelled");
    });
  });

  it("cancels a running job remotely", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { hyperparameters: { n_epochs: 10, batch_size: 1, learning_rate_multiplier: "auto" } });
    await withWorker(async () => {
      await waitFor("the run to be running", async () => (await runOf(runId)).currentStep);
      const r = await call(cancelRoute.POST, "POST", { params: { projectId: pid, runId } });
      expect(r.status).toBe(200);
      const done = await waitFor("the run to be cancelled", terminal(runId));
      expect(done.status).toBe("cancelled");
      expect(openai.server.state().jobs.find((j: { id: string }) => j.id === done.remoteJobId)?.status).toBe("cancelled");
    });
  });
});

describe("freezing the dataset in the submit job", () => {
  it("creates a run over 5,000 examples without writing files in the request; the worker freezes and submits them", async () => {
    const pid = (await call(projects.POST, "POST", { body: { name: `Runs ${++seq} at scale` } })).json.id;
    const author = await resolveAuthor("Run tests");
    for (const t of customerSupport.tools) await createTool(pid, t, author);
    await insertExamples(pid, 5_000, (i) => ({
      ...routerExample(`where is order ORD-${String(i).padStart(5, "0")}?`, i % 7 === 0 ? { noTool: "no order number given" } : { tool: "track_order", args: { order_id: `ORD-${String(i % 100_000).padStart(5, "0")}` } }),
      split: i % 10 === 0 ? "validation" : "train",
    }));
    const runId = await startRun(pid, { hyperparameters: { n_epochs: 1, batch_size: 256, learning_rate_multiplier: "auto" } });
    const created = await runOf(runId);
    expect(created.trainFilePath).toBe(""); // nothing was exported inside the request
    expect(existsSync(runDir(runId))).toBe(false);
    const dto = (await call(runRoute.GET, "GET", { params: { projectId: pid, runId } })).json;
    expect(dto).toMatchObject({ status: "queued", snapshot: null, preparing: { written: 0 } });
    await withWorker(async (w) => {
      const submitted = await waitFor("the remote job", async () => ((await runOf(runId)).remoteJobId ? runOf(runId) : null), 150_000).catch(async (e) => {
        throw new Error(`${e.message}; run ${JSON.stringify(await runOf(runId))}\n${w.output()}`);
      });
      const frozen = (await call(runRoute.GET, "GET", { params: { projectId: pid, runId } })).json;
      expect(frozen.preparing).toBeNull();
      expect(frozen.snapshot.train).toMatchObject({ examples: 4_500 });
      expect(frozen.snapshot.validation).toMatchObject({ examples: 500 });
      expect(frozen.snapshot.trainTokens).toBeGreaterThan(4_500 * 20);
      const train = readFileSync(submitted.trainFilePath);
      expect(train.toString().trim().split("\n")).toHaveLength(4_500);
      expect(createHash("sha256").update(train).digest("hex")).toBe(frozen.snapshot.train.sha256);
      expect(openai.server.state().jobs.find((j: { id: string }) => j.id === submitted.remoteJobId)).toBeTruthy();
      await call(cancelRoute.POST, "POST", { params: { projectId: pid, runId } });
      await waitFor("the run to end", terminal(runId));
    });
  }, 240_000); // 5,000 examples are generated, exported and uploaded

  it("fails the run with a clear message when the train split is empty by the time the worker freezes it", async () => {
    const pid = await projectWithData(12);
    const before = openai.server.state().jobsCreated;
    const runId = await startRun(pid);
    await db().example.updateMany({ where: { projectId: pid }, data: { split: "unassigned" } }); // after creation, before the worker
    await withWorker(async () => {
      const done = await waitFor("the run to fail", terminal(runId));
      expect(done.status).toBe("failed");
      const dto = (await call(runRoute.GET, "GET", { params: { projectId: pid, runId } })).json;
      expect(dto.error).toBe("preparing the files failed: the train split is empty: assign a split under Data first");
      expect(dto.snapshot).toBeNull();
      expect(openai.server.state().jobsCreated - before).toBe(0);
      expect(existsSync(runDir(runId)) ? readdirSync(runDir(runId)) : []).toEqual([]); // no half-written files left
    });
  }, 60_000);

  it("freezes once: two submitters racing record one snapshot, both upload the same files, and stray attempts are removed", async () => {
    const pid = await projectWithData(12);
    const runId = await startRun(pid);
    const row = await runOf(runId);
    mkdirSync(path.join(runDir(runId), "dead0000"), { recursive: true }); // an attempt whose worker died mid-way
    writeFileSync(path.join(runDir(runId), "dead0000", "train.jsonl"), '{"messages":');
    const [a, b] = await Promise.all([freezeRun(row), freezeRun(row)]);
    expect(a).toEqual(b);
    const stored = await runOf(runId);
    expect(stored.trainFilePath).toBe(a.trainFilePath);
    expect(readdirSync(runDir(runId))).toEqual([path.basename(path.dirname(a.trainFilePath))]); // the loser's and the dead attempt's files are gone
    // A later retry (the row already frozen) writes nothing new, even after the data changed.
    await db().example.updateMany({ where: { projectId: pid }, data: { split: "train" } });
    expect(await freezeRun(await runOf(runId))).toEqual(a);
    expect((await runOf(runId)).snapshot).toBe(stored.snapshot);
    // Its submit job is still queued in Redis: end the run so the next test's worker does not train it.
    await db().run.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } });
  });
});

describe("crash safety", () => {
  const moments: [string, (runId: string) => Promise<unknown>][] = [
    ["after the upload", async (runId) => (await runOf(runId)).trainFileId],
    ["after the job was created", async (runId) => (await runOf(runId)).remoteJobId],
    ["during monitoring", async (runId) => (await db().metricPoint.count({ where: { runId } })) > 3],
  ];

  for (const [when, reached] of moments) {
    it(`a worker killed ${when} creates exactly one remote job and the run still ends right`, async () => {
      const pid = await projectWithData();
      const before = openai.server.state().jobsCreated;
      const runId = await startRun(pid, { hyperparameters: { n_epochs: 3, batch_size: 2, learning_rate_multiplier: "auto" } });
      const first = startWorker();
      await waitFor(when, () => reached(runId), 30_000);
      first.child.kill("SIGKILL");
      await first.exited;
      const second = startWorker();
      try {
        const done = await waitFor("the run to end after the restart", terminal(runId), 60_000);
        expect(done.status, done.error ?? "").toBe("succeeded");
        expect(openai.server.state().jobsCreated - before).toBe(1);
        expect(openai.server.state().jobs.filter((j) => j.metadata?.tooltune_run === runId)).toHaveLength(1);
        await assertCompleteCurve(runId);
      } finally {
        second.child.kill("SIGTERM");
        await second.exited;
      }
    });
  }

  it("recovers when Redis restarts during monitoring (queued jobs are lost; the reconciler picks the run up)", async () => {
    const pid = await projectWithData();
    // A Redis of its own: restarting the shared one would wipe the other database run's queues and counters.
    await withPrivateRedis(async (redis) => {
      const runId = await startRun(pid, { hyperparameters: { n_epochs: 3, batch_size: 2, learning_rate_multiplier: "auto" } });
      await withWorker(async () => {
        await waitFor("monitoring", async () => ((await db().metricPoint.count({ where: { runId } })) > 2 ? true : null));
        await redis.restart();
        await closeQueue();
        const done = await waitFor("the run to end after Redis restarted", terminal(runId), 60_000);
        expect(done.status, done.error ?? "").toBe("succeeded");
        await assertCompleteCurve(runId);
      });
    });
  });
});
