// Training runs on Together AI, end to end: the real worker process and the product's Together
// backend (lib/server/runs/together-backend.ts, plain fetch) against the local Together test server
// (tests/support/together-server), which follows Together's published API. The same rules as the
// OpenAI runs: every loss point once, the API's own failure message, remote cancel, and a worker
// SIGKILLed at the dangerous moments still leaves exactly one remote job and a run that ends right.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as runsRoute from "@/app/api/projects/[projectId]/runs/route";
import * as runRoute from "@/app/api/projects/[projectId]/runs/[runId]/route";
import * as cancelRoute from "@/app/api/projects/[projectId]/runs/[runId]/cancel/route";
import { db, disconnectDb } from "@/lib/server/db";
import { closeQueue } from "@/lib/server/queue";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import { chatClient } from "@/lib/server/evals/clients";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { startTogetherServer, type TogetherServer } from "../support/together-server";
import { call, runOf, startWorker, terminal, waitFor, withWorker } from "./helpers";

const KEY = "together-test-key";
const saved = { ...process.env };
let server: TogetherServer;

beforeAll(async () => {
  server = await startTogetherServer({ key: KEY, tickMs: 40, retryAfterSeconds: 0, chat: { rules: [{ match: "hi", reply: { content: "Happy to help." } }] } });
  Object.assign(process.env, {
    TOGETHER_API_KEY: KEY,
    TOGETHER_BASE_URL: `${server.url}/v1`,
    TOOLTUNE_POLL_MIN_MS: "100",
    TOOLTUNE_POLL_MAX_MS: "400",
    TOOLTUNE_WORKER_LOCK_MS: "1500",
    TOOLTUNE_RECONCILE_MS: "1000",
    TOOLTUNE_RECONCILE_STALE_MS: "1500",
    TOOLTUNE_SUBMIT_LEASE_MS: "3000",
  });
});
afterAll(async () => {
  process.env = saved;
  await server?.close();
  await closeQueue();
  await disconnectDb();
});

let seq = 0;
async function projectWithData(trainCount = 40): Promise<string> {
  const pid = (await call(projects.POST, "POST", { body: { name: `Together runs ${++seq}` } })).json.id;
  const author = await resolveAuthor("Run tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  for (const [i, e] of customerSupport.examples.slice(0, trainCount + 8).entries()) {
    await createExample(pid, { messages: e.messages, split: i < trainCount ? "train" : "validation" }, author);
  }
  return pid;
}

async function startRun(pid: string, body: Record<string, unknown> = {}) {
  const r = await call(runsRoute.POST, "POST", {
    params: { projectId: pid },
    body: { backend: "together", baseModel: "Qwen/Qwen3-8B", hyperparameters: { n_epochs: 2, batch_size: 8, learning_rate_multiplier: "auto" }, ...body },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

/** The jobs on the server whose model name carries this run's tag. */
const jobsOf = (runId: string) => server.state().jobs.filter((j) => j.model_output_name.includes(`tt${runId.slice(-8)}`));

async function assertCompleteCurve(runId: string) {
  const run = await runOf(runId);
  const steps = (await db().metricPoint.findMany({ where: { runId, trainLoss: { not: null } }, orderBy: { step: "asc" }, select: { step: true } })).map((p) => p.step);
  expect(run.totalSteps).toBeGreaterThan(0);
  expect(steps).toEqual(Array.from({ length: run.totalSteps! }, (_, i) => i + 1));
}

describe("training runs on Together AI", () => {
  it("goes queued -> succeeded with every loss point, validation losses, events, the final model, and that model answers", async () => {
    const pid = await projectWithData();
    const before = server.state().jobsCreated;
    const runId = await startRun(pid, { suffix: "support", lora: { r: 8, lora_alpha: 16, learning_rate: 0.0002 } });
    await withWorker(async () => {
      const done = await waitFor("the run to end", terminal(runId));
      expect(done.status, done.error ?? "").toBe("succeeded");
      expect(done.remoteStatus).toBe("completed");
      expect(done.fineTunedModel).toMatch(new RegExp(`^tooltune-test/Qwen3-8B-support-tt${runId.slice(-8)}-[0-9a-f]{8}$`));
      expect(done.trainedTokens).toBeGreaterThan(0);
      await assertCompleteCurve(runId);
      expect(await db().metricPoint.count({ where: { runId, validLoss: { not: null } } })).toBeGreaterThan(0);
      expect(await db().runEvent.count({ where: { runId, type: "epoch_complete" } })).toBe(2);
      expect(await db().checkpoint.findMany({ where: { runId }, select: { model: true } })).toEqual([{ model: done.fineTunedModel }]);
      expect(server.state().jobsCreated - before).toBe(1);
      const dto = (await call(runRoute.GET, "GET", { params: { projectId: pid, runId } })).json;
      expect(dto).toMatchObject({ backend: "together", status: "succeeded", progress: 1, config: { lora: { r: 8 } } });
      // Evals reach the trained model through Together's OpenAI-compatible chat completions.
      const chat = await chatClient({ backend: "together", model: done.fineTunedModel! });
      const answer = await chat.chat.completions.create({ model: done.fineTunedModel!, messages: [{ role: "user", content: "hi" }] });
      expect(answer.choices[0].message.content).toBe("Happy to help.");
    });
  });

  it("fails with Together's own message from the job's error event", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { suffix: "fail_at-3" });
    await withWorker(async () => {
      const done = await waitFor("the run to fail", terminal(runId));
      expect([done.status, done.remoteStatus]).toEqual(["failed", "error"]);
      const event = await db().runEvent.findFirstOrThrow({ where: { runId, level: "error" } });
      expect(done.error).toBe(event.message);
    });
  });

  it("rides out 429 rate limits and 500s from the API", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { suffix: "rate_limit_2-server_error-1" });
    await withWorker(async () => {
      const done = await waitFor("the run to end", terminal(runId));
      expect(done.status, done.error ?? "").toBe("succeeded");
      expect(jobsOf(runId)).toHaveLength(1);
    });
  });

  it("cancels a running job remotely", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { hyperparameters: { n_epochs: 10, batch_size: 8, learning_rate_multiplier: "auto" } });
    await withWorker(async () => {
      await waitFor("the run to be running", async () => (await runOf(runId)).currentStep);
      expect((await call(cancelRoute.POST, "POST", { params: { projectId: pid, runId } })).status).toBe(200);
      const done = await waitFor("the run to be cancelled", terminal(runId));
      expect(done.status).toBe("cancelled");
      expect(jobsOf(runId).map((j) => j.status)).toEqual(["cancelled"]);
    });
  });
});

describe("crash safety on Together AI", () => {
  const moments: [string, (runId: string) => Promise<unknown>][] = [
    ["after the upload", async (runId) => (await runOf(runId)).trainFileId],
    ["after the job was created", async (runId) => (await runOf(runId)).remoteJobId],
    ["during monitoring", async (runId) => (await db().metricPoint.count({ where: { runId } })) > 3],
  ];
  for (const [when, reached] of moments) {
    it(`a worker killed ${when} creates exactly one remote job and the run still ends right`, async () => {
      const pid = await projectWithData();
      const runId = await startRun(pid, { hyperparameters: { n_epochs: 3, batch_size: 8, learning_rate_multiplier: "auto" } });
      const first = startWorker();
      await waitFor(when, () => reached(runId), 30_000);
      first.child.kill("SIGKILL");
      await first.exited;
      const second = startWorker();
      try {
        const done = await waitFor("the run to end after the restart", terminal(runId), 60_000);
        expect(done.status, done.error ?? "").toBe("succeeded");
        expect(jobsOf(runId)).toHaveLength(1);
        await assertCompleteCurve(runId);
      } finally {
        second.child.kill("SIGTERM");
        await second.exited;
      }
    });
  }
});
