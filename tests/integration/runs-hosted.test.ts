// Training runs on every backend but OpenAI's (whose suite is runs.test.ts), end to end: the real worker
// process and the product's backend for each (lib/server/runs/*-backend.ts) against Together's and
// Fireworks' local test servers, which follow their published APIs (tests/support/*-server), and the
// real GPU agent with its trainer stand-in. The same rules as the
// OpenAI runs: every loss point once, the provider's own failure message, 429s and 500s ridden out,
// remote cancel, and a worker SIGKILLed at the dangerous moments still leaves exactly one remote job
// and a run that ends right.
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
import type { Run } from "@/generated/sqlite/client";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { startTogetherServer, type TogetherServer } from "../support/together-server";
import { startFireworksServer, type FireworksServer } from "../support/fireworks-server";
import { call, runOf, startWorker, terminal, waitFor, withPrivateRedis, withWorker } from "./helpers";
import { agentJobs, startAgent, type AgentProcess } from "./agents";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const CHAT = { rules: [{ match: "hi", reply: { content: "Happy to help." } }] };
const POLLING = {
  TOOLTUNE_POLL_MIN_MS: "100",
  TOOLTUNE_POLL_MAX_MS: "400",
  TOOLTUNE_WORKER_LOCK_MS: "1500",
  TOOLTUNE_RECONCILE_MS: "1000",
  TOOLTUNE_RECONCILE_STALE_MS: "1500",
  TOOLTUNE_SUBMIT_LEASE_MS: "3000",
};

/** What differs between the providers; everything else below is the same suite. */
interface Hosted {
  backend: "together" | "fireworks" | "gpu";
  baseModel: string;
  start(): Promise<{ env: Record<string, string>; close(): Promise<void> }>;
  /** The provider's jobs that belong to this run, with their state in the provider's words. */
  jobsOf(runId: string): Promise<{ state: string }[]>;
  jobsCreated(): Promise<number>;
  /** Whether the provider's test server can script 429s and 500s. */
  faults: boolean;
  /** The suffix that makes the provider's job fail. */
  failSuffix: string;
  /** The run settings the provider needs on top of the suite's (the GPU agent: a slower trainer, its batch setting). */
  adjust?(body: Record<string, unknown>): Record<string, unknown>;
  /** What the trained model answers "hi" with. */
  answer(content: string | null | undefined): void;
  model(runId: string): RegExp;
  /** The provider's word for a completed, failed and cancelled job, as the run shows it. */
  words: { completed: string; failed: string; cancelled: string };
  /** What else a finished run shows on this provider. */
  extra(runId: string, done: Run): Promise<void>;
  /** How the provider's failure reaches the run. */
  failure(runId: string, done: Run): Promise<void>;
}

let together: TogetherServer;
let agent: AgentProcess;
const AGENT_TOKEN = "hosted-suite-agent-token-0123456789";
const agentHome = mkdtempSync(path.join(tmpdir(), "tooltune-suite-agent-"));
let fireworks: FireworksServer;
const tag = (runId: string) => runId.slice(-8).toLowerCase();

const PROVIDERS: Hosted[] = [
  {
    backend: "together",
    baseModel: "Qwen/Qwen3-8B",
    async start() {
      together = await startTogetherServer({ key: "together-test-key", tickMs: 40, retryAfterSeconds: 0, chat: CHAT });
      return { env: { TOGETHER_API_KEY: "together-test-key", TOGETHER_BASE_URL: `${together.url}/v1` }, close: () => together.close() };
    },
    faults: true,
    failSuffix: "fail_at-3",
    answer: (content) => expect(content).toBe("Happy to help."),
    jobsOf: async (runId) =>
      together
        .state()
        .jobs.filter((j) => j.model_output_name.includes(`tt${runId.slice(-8)}`))
        .map((j) => ({ state: j.status })),
    jobsCreated: async () => together.state().jobsCreated,
    model: (runId) => new RegExp(`^tooltune-test/Qwen3-8B-support-tt${runId.slice(-8)}-[0-9a-f]{8}$`),
    words: { completed: "completed", failed: "error", cancelled: "cancelled" },
    async extra(runId, done) {
      expect(await db().runEvent.count({ where: { runId, type: "epoch_complete" } })).toBe(2);
      expect(await db().checkpoint.findMany({ where: { runId }, select: { model: true } })).toEqual([{ model: done.fineTunedModel }]);
    },
    async failure(runId, done) {
      const event = await db().runEvent.findFirstOrThrow({ where: { runId, level: "error" } });
      expect(done.error).toBe(event.message);
    },
  },
  {
    backend: "fireworks",
    baseModel: "accounts/fireworks/models/qwen3-8b",
    async start() {
      fireworks = await startFireworksServer({
        key: "fireworks-test-key",
        account: "tooltune-test",
        tickMs: 40,
        retryAfterSeconds: 0,
        chat: CHAT,
      });
      return {
        env: { FIREWORKS_API_KEY: "fireworks-test-key", FIREWORKS_ACCOUNT_ID: "tooltune-test", FIREWORKS_BASE_URL: fireworks.url },
        close: () => fireworks.close(),
      };
    },
    faults: true,
    failSuffix: "fail_at-3",
    answer: (content) => expect(content).toBe("Happy to help."),
    jobsOf: async (runId) =>
      fireworks
        .state()
        .jobs.filter((j) => j.id.endsWith(`-${tag(runId)}`))
        .map((j) => ({ state: j.state })),
    jobsCreated: async () => fireworks.state().jobsCreated,
    model: (runId) => new RegExp(`^accounts/tooltune-test/models/support-tt${tag(runId)}-${tag(runId)}$`),
    words: { completed: "completed", failed: "failed", cancelled: "cancelled" },
    async extra(runId) {
      // Fireworks has no event log: the run shows each state the job reached.
      expect(
        (await db().runEvent.findMany({ where: { runId }, orderBy: { createdAt: "asc" }, select: { message: true } }))
          .map((e) => e.message)
          .at(-1),
      ).toBe("Job completed");
    },
    async failure(runId, done) {
      expect(done.error).toMatch(/^Training failed at step 3 .* \(INTERNAL\)$/);
      expect((await db().runEvent.findFirstOrThrow({ where: { runId, level: "error" } })).message).toMatch(
        /^Job failed: Training failed at step 3/,
      );
    },
  },
  {
    // The GPU agent (its real server, with the trainer stand-in) runs the same suite; it scripts no 429s.
    backend: "gpu",
    baseModel: path.join(agentHome, "models", "tiny-base"),
    async start() {
      mkdirSync(path.join(agentHome, "models", "tiny-base"), { recursive: true });
      writeFileSync(path.join(agentHome, "models", "tiny-base", "config.json"), JSON.stringify({ model_type: "qwen2" }));
      writeFileSync(path.join(agentHome, "models", "tiny-base", "model.safetensors"), "weights");
      agent = await startAgent({ token: AGENT_TOKEN, dataDir: path.join(agentHome, "data"), modelsDir: path.join(agentHome, "models") });
      return {
        env: { TOOLTUNE_GPU_URL: `http://127.0.0.1:${agent.port}`, TOOLTUNE_GPU_TOKEN: AGENT_TOKEN },
        close: async () => {
          await agent.stop();
          rmSync(agentHome, { recursive: true, force: true });
        },
      };
    },
    faults: false,
    failSuffix: "oom",
    // 100 ms a step, so the moments of the crash tests fall inside training; the batch is the agent's per-device batch.
    adjust: (body) => ({
      ...body,
      suffix: [body.suffix, "slow_100"].filter(Boolean).join("-"),
      lora: { ...((body.lora as object) ?? {}), per_device_train_batch_size: (body.hyperparameters as { batch_size: number }).batch_size, gradient_accumulation_steps: 1, max_seq_length: 1024 },
    }),
    answer: (content) => expect(content).toBeTruthy(),
    jobsOf: async (runId) => (await agentJobs(agent.port, AGENT_TOKEN)).filter((j) => j.metadata?.tooltune_run === runId).map((j) => ({ state: j.status })),
    jobsCreated: async () => (await agentJobs(agent.port, AGENT_TOKEN)).length,
    model: (runId) => new RegExp(`^ft:tiny-base:tooltune:support-slow_100-tt${runId.slice(-8)}:[A-Za-z0-9]{8}$`),
    words: { completed: "succeeded", failed: "failed", cancelled: "cancelled" },
    async extra(runId) {
      expect(await db().checkpoint.count({ where: { runId } })).toBeGreaterThanOrEqual(1);
    },
    async failure(runId, done) {
      expect(done.error).toMatch(/CUDA out of memory/);
    },
  },
];

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

async function startRun(p: Hosted, pid: string, body: Record<string, unknown> = {}) {
  const settings = { backend: p.backend, baseModel: p.baseModel, hyperparameters: { n_epochs: 2, batch_size: 8, learning_rate_multiplier: "auto" }, ...body };
  const r = await call(runsRoute.POST, "POST", { params: { projectId: pid }, body: p.adjust ? p.adjust(settings) : settings });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

async function assertCompleteCurve(runId: string) {
  const run = await runOf(runId);
  const steps = (
    await db().metricPoint.findMany({ where: { runId, trainLoss: { not: null } }, orderBy: { step: "asc" }, select: { step: true } })
  ).map((p) => p.step);
  expect(run.totalSteps).toBeGreaterThan(0);
  expect(steps).toEqual(Array.from({ length: run.totalSteps! }, (_, i) => i + 1));
}

afterAll(async () => {
  await closeQueue();
  await disconnectDb();
});

describe.each(PROVIDERS)("training runs on $backend", (p) => {
  const saved = { ...process.env };
  let server: { close(): Promise<void> };
  beforeAll(async () => {
    const started = await p.start();
    server = started;
    Object.assign(process.env, POLLING, started.env);
  });
  afterAll(async () => {
    process.env = saved;
    await server?.close();
  });

  it("goes queued -> succeeded with every loss point, validation losses, events, the final model, and that model answers", async () => {
    const pid = await projectWithData();
    const before = await p.jobsCreated();
    const runId = await startRun(p, pid, { suffix: "support", lora: { r: 8, lora_alpha: 16, learning_rate: 0.0002 } });
    await withWorker(async () => {
      const done = await waitFor("the run to end", terminal(runId));
      expect(done.status, done.error ?? "").toBe("succeeded");
      expect(done.remoteStatus).toBe(p.words.completed);
      expect(done.fineTunedModel).toMatch(p.model(runId));
      await assertCompleteCurve(runId);
      expect(await db().metricPoint.count({ where: { runId, validLoss: { not: null } } })).toBeGreaterThan(0);
      await p.extra(runId, done);
      expect((await p.jobsCreated()) - before).toBe(1);
      const dto = (await call(runRoute.GET, "GET", { params: { projectId: pid, runId } })).json;
      expect(dto).toMatchObject({ backend: p.backend, status: "succeeded", progress: 1, config: { lora: { r: 8 } } });
      // Evals reach the trained model through the provider's OpenAI-compatible chat completions.
      const chat = await chatClient({ backend: p.backend, model: done.fineTunedModel! });
      const answer = await chat.chat.completions.create({ model: done.fineTunedModel!, messages: [{ role: "user", content: "hi" }] });
      p.answer(answer.choices[0].message.content);
    });
  });

  it("fails with the provider's own message", async () => {
    const pid = await projectWithData();
    const runId = await startRun(p, pid, { suffix: p.failSuffix });
    await withWorker(async () => {
      const done = await waitFor("the run to fail", terminal(runId));
      expect([done.status, done.remoteStatus]).toEqual(["failed", p.words.failed]);
      await p.failure(runId, done);
    });
  });

  it.skipIf(!p.faults)("rides out 429 rate limits and 500s from the API", async () => {
    const pid = await projectWithData();
    const runId = await startRun(p, pid, { suffix: "rate_limit_2-server_error-1" });
    await withWorker(async () => {
      const done = await waitFor("the run to end", terminal(runId));
      expect(done.status, done.error ?? "").toBe("succeeded");
      expect(await p.jobsOf(runId)).toHaveLength(1);
    });
  });

  it("cancels a running job remotely", async () => {
    const pid = await projectWithData();
    const runId = await startRun(p, pid, { hyperparameters: { n_epochs: 10, batch_size: 8, learning_rate_multiplier: "auto" } });
    await withWorker(async () => {
      await waitFor("the run to be running", async () => (await runOf(runId)).currentStep);
      expect((await call(cancelRoute.POST, "POST", { params: { projectId: pid, runId } })).status).toBe(200);
      const done = await waitFor("the run to be cancelled", terminal(runId));
      expect(done.status).toBe("cancelled");
      expect((await p.jobsOf(runId)).map((j) => j.state.replace(/^JOB_STATE_/, "").toLowerCase())).toEqual([p.words.cancelled]);
    });
  });

  it("recovers when Redis restarts during monitoring (queued jobs are lost; the reconciler picks the run up)", async () => {
    const pid = await projectWithData();
    await withPrivateRedis(async (redis) => {
      const runId = await startRun(p, pid, { hyperparameters: { n_epochs: 3, batch_size: 8, learning_rate_multiplier: "auto" } });
      await withWorker(async () => {
        await waitFor("monitoring", async () => ((await db().metricPoint.count({ where: { runId } })) > 2 ? true : null));
        await redis.restart();
        await closeQueue();
        const done = await waitFor("the run to end after Redis restarted", terminal(runId), 60_000);
        expect(done.status, done.error ?? "").toBe("succeeded");
        expect(await p.jobsOf(runId)).toHaveLength(1);
        await assertCompleteCurve(runId);
      });
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
        const runId = await startRun(p, pid, { hyperparameters: { n_epochs: 3, batch_size: 8, learning_rate_multiplier: "auto" } });
        const first = startWorker();
        await waitFor(when, () => reached(runId), 30_000);
        first.child.kill("SIGKILL");
        await first.exited;
        const second = startWorker();
        try {
          const done = await waitFor("the run to end after the restart", terminal(runId), 60_000);
          expect(done.status, done.error ?? "").toBe("succeeded");
          expect(await p.jobsOf(runId)).toHaveLength(1);
          await assertCompleteCurve(runId);
        } finally {
          second.child.kill("SIGTERM");
          await second.exited;
        }
      });
    }
  });
});
