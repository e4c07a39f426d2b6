// The GPU backend end to end: the real ToolTune agent (workers/gpu-agent, Python) on loopback, with the
// trainer and inference stand-ins that live with its tests, driven by the real worker through the same
// openai SDK client path as OpenAI runs: upload, create (with LoRA settings), events and metrics,
// checkpoints, cancel, an agent restart, a bad token, bad input, and an eval through its chat completions.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as runsRoute from "@/app/api/projects/[projectId]/runs/route";
import * as cancelRoute from "@/app/api/projects/[projectId]/runs/[runId]/cancel/route";
import * as eventsRoute from "@/app/api/projects/[projectId]/runs/[runId]/events/route";
import * as previewRoute from "@/app/api/projects/[projectId]/runs/preview/route";
import { forgetAgentModels } from "@/lib/server/runs/backends";
import * as evalsRoute from "@/app/api/projects/[projectId]/evals/route";
import { db, disconnectDb } from "@/lib/server/db";
import { closeQueue } from "@/lib/server/queue";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { call, runOf, terminal, waitFor, withWorker } from "./helpers";
import { startAgent, type AgentProcess } from "./agents";
import * as dpoRoute from "@/app/api/projects/[projectId]/runs/[runId]/dpo/route";
import { goldItems, handBuiltEval, routerAnswer, type FixtureItem } from "./eval-fixtures";

/**
 * The agent trains DPO once its create-body checks know the dpo method's hyperparameters (beta):
 * added by the agent's DPO work (issue 14), merged separately. Until then its DPO test is skipped.
 */

const TOKEN = "agent-test-token-0123456789abcdef";
const tmp = mkdtempSync(path.join(tmpdir(), "tooltune-gpu-"));
const dataDir = path.join(tmp, "data");
const modelsDir = path.join(tmp, "models");

let agent: AgentProcess;
const saved = { ...process.env };

async function stopAgent(signal: NodeJS.Signals = "SIGTERM") {
  await agent.stop(signal);
}

beforeAll(async () => {
  mkdirSync(path.join(modelsDir, "tiny-base"), { recursive: true });
  writeFileSync(path.join(modelsDir, "tiny-base", "config.json"), JSON.stringify({ model_type: "qwen2" }));
  writeFileSync(path.join(modelsDir, "tiny-base", "model.safetensors"), "weights");
  agent = await startAgent({ token: TOKEN, dataDir, modelsDir });
  Object.assign(process.env, {
    TOOLTUNE_GPU_URL: `http://127.0.0.1:${agent.port}`,
    TOOLTUNE_GPU_TOKEN: TOKEN,
    TOOLTUNE_POLL_MIN_MS: "100",
    TOOLTUNE_POLL_MAX_MS: "400",
    TOOLTUNE_WORKER_LOCK_MS: "1500",
    TOOLTUNE_RECONCILE_MS: "1000",
    TOOLTUNE_RECONCILE_STALE_MS: "1500",
  });
});
afterAll(async () => {
  await stopAgent().catch(() => {});
  process.env = saved;
  rmSync(tmp, { recursive: true, force: true });
  await closeQueue();
  await disconnectDb();
});

let seq = 0;
async function projectWithData(trainCount = 20): Promise<string> {
  const pid = (await call(projects.POST, "POST", { body: { name: `GPU ${++seq}` } })).json.id;
  const author = await resolveAuthor("GPU tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  for (const [i, e] of customerSupport.examples.slice(0, trainCount + 4).entries()) {
    await createExample(pid, { messages: e.messages, split: i < trainCount ? "train" : i < trainCount + 2 ? "validation" : "gold" }, author);
  }
  return pid;
}

async function startRun(pid: string, body: Record<string, unknown> = {}) {
  const r = await call(runsRoute.POST, "POST", {
    params: { projectId: pid },
    body: { backend: "gpu", baseModel: "tiny-base", hyperparameters: { n_epochs: 2, batch_size: "auto", learning_rate_multiplier: "auto" }, lora: { r: 8, lora_alpha: 16, max_seq_length: 1024, per_device_train_batch_size: 2, gradient_accumulation_steps: 1 }, ...body },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

async function agentJob(jobId: string) {
  const res = await fetch(`http://127.0.0.1:${agent.port}/v1/fine_tuning/jobs/${jobId}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return res.json();
}

describe("training and evaluating on the GPU agent", () => {
  it("lists the base models the agent has in the run form, and says when the agent does not answer", async () => {
    const pid = await projectWithData();
    forgetAgentModels();
    const gpu = (await call(previewRoute.GET, "GET", { params: { projectId: pid } })).json.backends.find((b: { id: string }) => b.id === "gpu");
    expect(gpu).toMatchObject({ configured: true, baseModels: [path.join(modelsDir, "tiny-base")] });
    expect(gpu.note).toBeUndefined();
    const url = process.env.TOOLTUNE_GPU_URL;
    process.env.TOOLTUNE_GPU_URL = "http://127.0.0.1:9"; // nothing listens there
    forgetAgentModels();
    try {
      const down = (await call(previewRoute.GET, "GET", { params: { projectId: pid } })).json.backends.find((b: { id: string }) => b.id === "gpu");
      expect(down.baseModels).toEqual([]);
      expect(down.note).toMatch(/did not answer/);
    } finally {
      process.env.TOOLTUNE_GPU_URL = url;
      forgetAgentModels();
    }
  });

  it("trains with the LoRA settings, streams every metric point, and the model answers an eval", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { suffix: "router-cut_3" }); // cut_3: the trainer warns that 3 lines did not fit
    await withWorker(async (w) => {
      const done = await waitFor("the run to end", terminal(runId));
      expect(done.status, `${done.error ?? ""}\n${w.output()}`).toBe("succeeded");
      expect(done.fineTunedModel).toMatch(/^ft:tiny-base:tooltune:router/);
      const steps = (await db().metricPoint.findMany({ where: { runId }, orderBy: { step: "asc" } })).map((p) => p.step);
      expect(steps).toEqual(Array.from({ length: done.totalSteps! }, (_, i) => i + 1)); // every step exactly once
      expect(await db().metricPoint.count({ where: { runId, validLoss: { not: null } } })).toBeGreaterThan(0);
      expect(await db().checkpoint.count({ where: { runId } })).toBe(2); // one per epoch
      const job = await agentJob(done.remoteJobId!);
      expect(job).toMatchObject({ status: "succeeded", lora: { r: 8, lora_alpha: 16, max_seq_length: 1024 }, hyperparameters: { n_epochs: 2, batch_size: 2 } });
      // The trainer's warning reaches the run as a warn event, and ?level=warn finds it among the step events.
      const warnings = (await call(eventsRoute.GET, "GET", { params: { projectId: pid, runId }, query: { level: "warn" } })).json;
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ level: "warn" });
      expect(warnings[0].message).toContain("max_seq_length=1024 is too short for the training file: 3 of 20 samples");
      expect(warnings[0].message).toContain("3 were left out");
      const all = (await call(eventsRoute.GET, "GET", { params: { projectId: pid, runId } })).json;
      expect(all.length).toBeGreaterThan(done.totalSteps!);
      expect(all.filter((e: { level: string }) => e.level === "warn")).toEqual(warnings);

      // The trained model is a chat-completions model on the agent: evaluate it on the gold split.
      const ev = await call(evalsRoute.POST, "POST", { params: { projectId: pid }, body: { target: { backend: "gpu", model: done.fineTunedModel }, runId } });
      expect(ev.status, JSON.stringify(ev.json)).toBe(201);
      const evalId = ev.json.id as string;
      const finished = await waitFor("the eval to end", async () => {
        const e = await db().eval.findUniqueOrThrow({ where: { id: evalId } });
        return ["succeeded", "failed"].includes(e.status) ? e : null;
      });
      expect(finished.status, finished.error ?? "").toBe("succeeded");
      expect(finished.done).toBe(2);
      // The inference stand-in answers router JSON naming a tool the catalogue lacks: parsed, and invalid.
      const results = await db().evalResult.findMany({ where: { evalId } });
      expect(results.every((r) => r.verdict === "invalid" && JSON.parse(r.score!).parse === "clean")).toBe(true);
    });
  });

  it("fails a run with the agent's own message when training fails, and on too few examples", async () => {
    const pid = await projectWithData();
    const failing = await startRun(pid, { suffix: "fail_at_3" });
    const small = await startRun(await projectWithData(5));
    const oom = await startRun(pid, { suffix: "oom" });
    await withWorker(async () => {
      const a = await waitFor("the failing run to end", terminal(failing));
      expect(a.status).toBe("failed");
      expect(a.error).toMatch(/step 3/);
      const b = await waitFor("the small run to end", terminal(small));
      expect(b.status).toBe("failed");
      expect(b.error).toMatch(/invalid_n_examples|at least 10/);
      // Out of memory names the settings that caused it, so the user knows what to lower.
      const c = await waitFor("the out-of-memory run to end", terminal(oom));
      expect(c.status).toBe("failed");
      expect(c.error).toMatch(/memory/i);
      expect(c.error).toMatch(/batch/);
    });
  });

  it("refuses a base model the GPU machine does not have, naming it", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { baseModel: "/nowhere/llama-7b" });
    await withWorker(async () => {
      const done = await waitFor("the run to fail", terminal(runId));
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/\/nowhere\/llama-7b/);
    });
  });

  it("cancels a running job on the agent, which stops training", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { suffix: "slow_200" });
    await withWorker(async () => {
      await waitFor("training to start", async () => (await db().metricPoint.count({ where: { runId } })) > 1);
      expect((await call(cancelRoute.POST, "POST", { params: { projectId: pid, runId } })).status).toBe(200);
      const done = await waitFor("the run to be cancelled", terminal(runId));
      expect(done.status).toBe("cancelled");
      expect((await agentJob(done.remoteJobId!)).status).toBe("cancelled");
    });
  });

  it("reports a run the agent lost in a restart before its first checkpoint as failed with the agent's message", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { suffix: "slow_300" });
    await withWorker(async () => {
      await waitFor("training to start", async () => (await db().metricPoint.count({ where: { runId } })) > 0);
      await stopAgent("SIGKILL");
      agent = await startAgent({ token: TOKEN, dataDir, modelsDir, port: agent.port });
      const done = await waitFor("the run to end after the restart", terminal(runId));
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/agent restarted while this job was running, before its first checkpoint/);
    });
  });

  it("resumes a run from its last checkpoint when the agent restarts after one", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, { suffix: "slow_150" }); // 2 epochs of 10 steps, a checkpoint at step 10
    await withWorker(async () => {
      const jobId = (await waitFor("the agent job", async () => (await runOf(runId)).remoteJobId))!;
      await waitFor("the first checkpoint", async () => {
        const res = await fetch(`http://127.0.0.1:${agent.port}/v1/fine_tuning/jobs/${jobId}/checkpoints`, { headers: { authorization: `Bearer ${TOKEN}` } });
        return ((await res.json()).data as unknown[]).length > 0;
      });
      await stopAgent("SIGKILL");
      agent = await startAgent({ token: TOKEN, dataDir, modelsDir, port: agent.port });
      const done = await waitFor("the run to end after the restart", terminal(runId));
      expect(done.status, done.error ?? "").toBe("succeeded");
      const steps = (await db().metricPoint.findMany({ where: { runId }, orderBy: { step: "asc" } })).map((p) => p.step);
      expect(steps).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // The interruption is a warning, so the run page shows it at the top.
      const warnings = (await call(eventsRoute.GET, "GET", { params: { projectId: pid, runId }, query: { level: "warn" } })).json;
      expect(warnings.map((e: { message: string }) => e.message)).toEqual(["The ToolTune agent restarted while this job was running; it resumes from the checkpoint at step 10."]);
    });
  });

  it("fails a run at once when the agent refuses the token", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid);
    await withWorker(async () => {
      const done = await waitFor("the run to fail", terminal(runId));
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/401|token|Unauthorized|API key/i);
    }, { ...process.env, TOOLTUNE_GPU_TOKEN: "wrong-token-wrong-token-wrong" });
  });

  it("trains a DPO run on a finished SFT run's adapter with the OpenAI-shaped dpo method and LoRA settings, and stores the DPO metrics", async () => {
    const pid = await projectWithData();
    const sftId = await startRun(pid, { suffix: "sft", hyperparameters: { n_epochs: 1, batch_size: "auto", learning_rate_multiplier: "auto" } });
    await withWorker(async (w) => {
      const sft = await waitFor("the SFT run to end", terminal(sftId));
      expect(sft.status, `${sft.error ?? ""}\n${w.output()}`).toBe("succeeded");
      const { config } = await goldItems(pid);
      const items: FixtureItem[] = Array.from({ length: 12 }, (_, i) => ({
        exampleId: `x${i}`,
        number: i + 1,
        turns: [{ role: "user", content: `Are you open on holiday ${i}?` }],
        gold: { kind: "no_tool", reason: "information request" },
        output: i < 10 ? routerAnswer("track_order", { order_id: "ORD-99999" }) : { content: "Let me look that up!" },
      }));
      const evalId = await handBuiltEval(pid, config, items, "SFT on gold");
      await db().eval.update({ where: { id: evalId }, data: { runId: sftId } });
      const r = await call(dpoRoute.POST, "POST", { params: { projectId: pid, runId: sftId }, body: { evalIds: [evalId], beta: 0.2, hyperparameters: { n_epochs: 1, batch_size: "auto", learning_rate_multiplier: "auto" } } });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      const done = await waitFor("the DPO run to end", terminal(r.json.id));
      expect(done.status, `${done.error ?? ""}\n${w.output()}`).toBe("succeeded");
      const job = await agentJob(done.remoteJobId!);
      expect(job).toMatchObject({ status: "succeeded", method: { type: "dpo", dpo: { hyperparameters: { beta: 0.2 } } }, lora: { r: 8 } });
      expect(await db().metricPoint.count({ where: { runId: done.id, rewardsMargins: { not: null } } })).toBeGreaterThan(0);
    });
  });
});

