// The GPU pool end to end: three real ToolTune agents (workers/gpu-agent, with the trainer and
// inference stand-ins of its tests) on loopback, registered through the API, each with one slot and
// its own Hugging Face cache; six runs from one worker, one of them on a model only one agent has and
// one pinned to an agent; an agent SIGKILLed mid-run and restarted. Every run must end succeeded with
// exactly one job on exactly one agent, and no agent may ever train two of them at once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/projects/route";
import * as runsRoute from "@/app/api/projects/[projectId]/runs/route";
import * as runRoute from "@/app/api/projects/[projectId]/runs/[runId]/route";
import * as agentsRoute from "@/app/api/agents/route";
import * as agentRoute from "@/app/api/agents/[agentId]/route";
import * as backendsRoute from "@/app/api/backends/route";
import { db, disconnectDb } from "@/lib/server/db";
import { closeQueue } from "@/lib/server/queue";
import { resolveAuthor } from "@/lib/server/authors";
import { createTool } from "@/lib/server/tools/tools";
import { createExample } from "@/lib/server/examples/examples";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { call, terminal, waitFor, withWorker } from "./helpers";
import { agentJobs, startAgent, type AgentProcess } from "./agents";

const TOKEN = "pool-test-token-0123456789abcdef";
const tmp = mkdtempSync(path.join(tmpdir(), "tooltune-pool-"));
const TINY = "tooltune-test/tiny-base";
const RARE = "tooltune-test/rare-base";

interface Agent {
  name: string;
  models: string[];
  port: number;
  process?: AgentProcess;
  id?: string;
}
const agents: Agent[] = [
  { name: "box-a", models: [TINY], port: 0 },
  { name: "box-b", models: [TINY], port: 0 },
  { name: "box-c", models: [TINY, RARE], port: 0 },
];

/** A Hugging Face cache holding these model ids (a config and weights each), as `huggingface-cli download` leaves it. */
function hfCache(dir: string, models: string[]) {
  for (const id of models) {
    const root = path.join(dir, `models--${id.replace("/", "--")}`);
    mkdirSync(path.join(root, "refs"), { recursive: true });
    mkdirSync(path.join(root, "snapshots", "abc123"), { recursive: true });
    writeFileSync(path.join(root, "refs", "main"), "abc123");
    writeFileSync(path.join(root, "snapshots", "abc123", "config.json"), JSON.stringify({ model_type: "qwen2" }));
    writeFileSync(path.join(root, "snapshots", "abc123", "model.safetensors"), "weights");
  }
}

/** Starts (or restarts, on its port) an agent with its own data folder and cache. */
async function start(a: Agent): Promise<void> {
  const home = path.join(tmp, a.name);
  const cache = path.join(home, "hf");
  hfCache(cache, a.models);
  const p = await startAgent({ token: TOKEN, dataDir: path.join(home, "data"), port: a.port, env: { HF_HUB_CACHE: cache } });
  a.process = p;
  a.port = p.port;
}

/** The agent's jobs, oldest first. */
const jobsOn = async (a: Agent) => (await agentJobs(a.port, TOKEN)).reverse();

const saved = { ...process.env };
beforeAll(async () => {
  for (const a of agents) await start(a);
  Object.assign(process.env, { TOOLTUNE_POLL_MIN_MS: "100", TOOLTUNE_POLL_MAX_MS: "400", TOOLTUNE_WORKER_LOCK_MS: "1500", TOOLTUNE_RECONCILE_MS: "700", TOOLTUNE_RECONCILE_STALE_MS: "3000" });
  delete process.env.TOOLTUNE_GPU_URL;
  delete process.env.TOOLTUNE_GPU_TOKEN;
});
afterAll(async () => {
  for (const a of agents) await a.process?.stop("SIGKILL").catch(() => {});
  // The database is shared with the files after this one: leave no pool behind (GPU runs there use TOOLTUNE_GPU_URL).
  await db().run.updateMany({ where: { agentId: { not: null }, status: { notIn: ["succeeded", "failed", "cancelled"] } }, data: { status: "cancelled", finishedAt: new Date() } });
  await db().gpuAgent.deleteMany();
  process.env = saved;
  rmSync(tmp, { recursive: true, force: true });
  await closeQueue();
  await disconnectDb();
});

async function projectWithData(): Promise<string> {
  const pid = (await call(projects.POST, "POST", { body: { name: `Pool ${Date.now()}` } })).json.id;
  const author = await resolveAuthor("Pool tests");
  for (const t of customerSupport.tools) await createTool(pid, t, author);
  for (const [i, e] of customerSupport.examples.slice(0, 22).entries()) await createExample(pid, { messages: e.messages, split: i < 20 ? "train" : "validation" }, author);
  return pid;
}

async function startRun(pid: string, baseModel: string, extra: Record<string, unknown> = {}) {
  const r = await call(runsRoute.POST, "POST", {
    params: { projectId: pid },
    body: { backend: "gpu", baseModel, suffix: "slow_60", hyperparameters: { n_epochs: 2, batch_size: "auto", learning_rate_multiplier: "auto" }, lora: { r: 8, max_seq_length: 1024, per_device_train_batch_size: 2, gradient_accumulation_steps: 1 }, ...extra },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

describe("the GPU pool", () => {
  it("registers agents through the API, probes them, and offers their models in the run form", async () => {
    for (const a of agents) {
      const r = await call(agentsRoute.POST, "POST", { body: { name: a.name, url: `http://127.0.0.1:${a.port}/`, token: TOKEN, gpus: 1, slots: 1, hourlyUsd: 1.5 } });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      expect(r.json).toMatchObject({ name: a.name, url: `http://127.0.0.1:${a.port}`, online: true, baseModels: [...a.models].sort(), busy: 0 });
      expect(JSON.stringify(r.json)).not.toContain(TOKEN);
      a.id = r.json.id;
    }
    const bad = await call(agentsRoute.POST, "POST", { body: { name: "box-x", url: "http://127.0.0.1:9", token: "short" } });
    expect([bad.status, bad.json.error.field]).toEqual([422, "token"]);
    const gpu = (await call(backendsRoute.GET, "GET")).json.find((b: { id: string }) => b.id === "gpu");
    expect(gpu).toMatchObject({ configured: true, baseModels: [RARE, TINY] });
    expect(gpu.agents.map((a: { name: string }) => a.name)).toEqual(["box-a", "box-b", "box-c"]);
    expect(gpu.costNote).toMatch(/wall time × the agent's hourly price/);
  });

  it("spreads six runs over the agents one slot each, a rare model on the one agent that has it, a pinned run on its agent; survives an agent killed mid-run", async () => {
    const pid = await projectWithData();
    const [a, b, c] = agents;
    const runs = [
      await startRun(pid, TINY),
      await startRun(pid, TINY),
      await startRun(pid, TINY),
      await startRun(pid, TINY),
      await startRun(pid, TINY, { agentId: a.id! }),
      await startRun(pid, RARE),
    ];
    const [, , , , pinned, rare] = runs;
    await withWorker(async (w) => {
      // More runs than slots: some wait, and say so.
      await waitFor("a run waiting for a GPU", async () => (await db().run.findFirst({ where: { id: { in: runs } , remoteStatus: { startsWith: "waiting for" } } })) !== null);
      // Kill box-b once the run it trains has a checkpoint (the agent resumes from it after a restart).
      const onB = await waitFor("a run on box-b with a remote job", async () => (await db().run.findFirst({ where: { id: { in: runs }, agentId: b.id, remoteJobId: { not: null } } })) ?? null);
      await waitFor("its first checkpoint", async () => {
        const res = await fetch(`http://127.0.0.1:${b.port}/v1/fine_tuning/jobs/${onB.remoteJobId}/checkpoints`, { headers: { authorization: `Bearer ${TOKEN}` } });
        return ((await res.json()).data as unknown[]).length > 0;
      });
      await b.process!.stop("SIGKILL");
      await new Promise((r) => setTimeout(r, 1500)); // long enough for a probe to find it gone
      await start(b);
      for (const id of runs) {
        const done = await waitFor(`run ${runs.indexOf(id) + 1} to end`, terminal(id), 90_000);
        expect(done.status, `${done.error ?? ""}\n${w.output().slice(-3000)}`).toBe("succeeded");
      }
      // The killed agent's run went on from its checkpoint, and says so.
      const warned = await db().runEvent.findMany({ where: { runId: onB.id, level: "warn" }, select: { message: true } });
      expect(warned.map((e) => e.message)).toEqual([expect.stringMatching(/^The ToolTune agent restarted while this job was running; it resumes from the checkpoint at step \d+\.$/)]);
    });
    const rows = await db().run.findMany({ where: { id: { in: runs } }, select: { id: true, agentId: true, remoteJobId: true } });
    expect(rows.find((r) => r.id === rare)!.agentId).toBe(c.id);
    expect(rows.find((r) => r.id === pinned)!.agentId).toBe(a.id);
    const jobs = await Promise.all(agents.map(jobsOn));
    for (const r of rows) {
      // Exactly one job for the run, on the agent it was placed on.
      const holders = jobs.map((list) => list.filter((j) => j.metadata?.tooltune_run === r.id));
      expect(holders.map((h) => h.length)).toEqual(agents.map((ag) => (ag.id === r.agentId ? 1 : 0)));
      expect(holders.flat()[0].id).toBe(r.remoteJobId);
    }
    // One slot each: an agent's jobs never overlap in time.
    for (const list of jobs) {
      for (let i = 1; i < list.length; i++) expect(list[i].created_at).toBeGreaterThanOrEqual(list[i - 1].finished_at!);
    }
    const dto = (await call(runRoute.GET, "GET", { params: { projectId: pid, runId: pinned } })).json;
    expect(dto.agent).toEqual({ id: a.id, name: "box-a", pinned: true });
    // Its cost is box-a's hourly price × its wall time.
    expect(dto.cost).toMatchObject({ final: true, basis: expect.stringMatching(/ × \$1\.5\/hour$/) });
    expect(dto.cost.usd).toBeCloseTo((dto.wallSeconds / 3600) * 1.5, 6);
  });

  it("fails at once a run on a model no agent has, naming what each has; refuses to remove an agent a run is on", async () => {
    const pid = await projectWithData();
    const runId = await startRun(pid, "tooltune-test/nowhere");
    await withWorker(async () => {
      const done = await waitFor("the run to fail", terminal(runId));
      expect(done.status).toBe("failed");
      expect(done.error).toBe(`no GPU agent has the base model tooltune-test/nowhere (box-a: ${TINY}; box-b: ${TINY}; box-c: ${RARE}, ${TINY})`);
    });
    const held = await startRun(pid, TINY, { agentId: agents[0].id! });
    const refused = await call(agentRoute.DELETE, "DELETE", { params: { agentId: agents[0].id! } });
    expect([refused.status, refused.json.error.message]).toEqual([409, "1 unfinished run is placed on or pinned to this agent: cancel or finish them first"]);
    await db().run.update({ where: { id: held }, data: { status: "cancelled", finishedAt: new Date() } });
    expect((await call(agentRoute.DELETE, "DELETE", { params: { agentId: agents[0].id! } })).status).toBe(204);
  });
});
