// The first health report of a large split is computed by the worker, not inside the request: the
// route answers 202 with the progress at once, the worker finishes, and the route then answers 200
// with exactly the report the request would have computed itself. Two tabs asking at once share one
// job; with no worker running, the answer says so after a few seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueueEvents } from "bullmq";
import IORedis from "ioredis";
import * as projects from "@/app/api/projects/route";
import * as healthRoute from "@/app/api/projects/[projectId]/health/route";
import * as previewRoute from "@/app/api/projects/[projectId]/runs/preview/route";
import { disconnectDb } from "@/lib/server/db";
import { closeQueue, queue, workerConnected } from "@/lib/server/queue";
import { jobs, queueName, redisUrl } from "@/lib/queue/contracts";
import { resolveAuthor } from "@/lib/server/authors";
import { computeProjectHealth, withCosts } from "@/lib/server/datasets/health";
import { WORKER_MISSING_AFTER_MS } from "@/lib/server/datasets/request-health";
import { dataState, storedReport } from "@/lib/server/datasets/health-store";
import { createTool } from "@/lib/server/tools/tools";
import { customerSupport } from "@/prisma/seed-data/customer-support";
import { call, routerExample, waitFor, withWorker } from "./helpers";
import { insertExamples } from "./bulk-examples";

const TRAIN = 5_000;
const OPTS = { encoding: "o200k_base", tokenLimit: 16_385 } as const;
let projectId = "";
let events: QueueEvents;
let eventsConnection: IORedis;

beforeAll(async () => {
  projectId = (await call(projects.POST, "POST", { body: { name: "Health in the worker" } })).json.id;
  const author = await resolveAuthor("Health job tests");
  for (const t of customerSupport.tools.slice(0, 2)) await createTool(projectId, t, author);
  await insertExamples(projectId, TRAIN + 1_000, (i) => ({
    ...routerExample(
      `where is order ORD-${String(i).padStart(5, "0")}? ${"it was a present ".repeat(i % 7)}`,
      i % 8 === 0 ? { noTool: "no order given" } : { tool: "track_order", args: { order_id: "ORD-00001" } },
    ),
    split: i % 6 === 0 ? "validation" : "train",
  }));
  eventsConnection = new IORedis(redisUrl(), { maxRetriesPerRequest: null });
  events = new QueueEvents(queueName(), { connection: eventsConnection });
  await events.waitUntilReady();
}, 120_000);

afterAll(async () => {
  await events?.close();
  await eventsConnection?.quit();
  await closeQueue();
  await disconnectDb();
});

const health = (query: Record<string, string> = {}) =>
  call(healthRoute.GET, "GET", { params: { projectId }, query: { split: "train", ...query } });

/** The compute-health jobs of this project still held by the queue (waiting, active, delayed). */
async function healthJobs() {
  const held = await queue().getJobs(["waiting", "active", "delayed", "prioritized"]);
  return held.filter((j) => j.name === jobs.computeHealth.name && j.data.projectId === projectId);
}

describe("a large split's health report, computed by the worker", () => {
  it("answers 202 with the progress at once, and two requests at once share one job", async () => {
    const [a, b] = await Promise.all([health(), health()]);
    for (const r of [a, b]) {
      expect(r.status, JSON.stringify(r.json)).toBe(202);
      expect(r.json).toEqual({ status: "computing", done: 0, total: TRAIN, phase: "queued", workerRunning: true });
    }
    expect(await healthJobs()).toHaveLength(1);
    expect((await health()).status).toBe(202);
    expect(await healthJobs()).toHaveLength(1);
  });

  it("says that no worker is running once the job has waited a few seconds", async () => {
    await new Promise((r) => setTimeout(r, WORKER_MISSING_AFTER_MS + 200));
    const r = await health();
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ status: "computing", phase: "queued", workerRunning: false });
  });

  it("answers 200 with the report computed inline once the worker has finished", async () => {
    const [job] = await healthJobs();
    const progress: unknown[] = [];
    events.on("progress", ({ jobId, data }) => jobId === job.id && progress.push(data));
    const answers = await withWorker(async () => {
      // What tells the panel that the worker is there: its connection to the queue, shortly after it starts.
      await waitFor("the worker to connect to the queue", () => workerConnected(), 60_000);
      const seen: { status: number; json: { done?: number; total?: number } }[] = [];
      await waitFor(
        "the health report from the worker",
        async () => {
          const r = await health();
          seen.push(r);
          return r.status === 200;
        },
        90_000,
        100,
      );
      return seen;
    });
    const computing = answers.filter((r) => r.status === 202);
    for (const r of computing) expect(r.json.total).toBe(TRAIN);
    const dones = computing.map((r) => r.json.done!);
    expect(dones).toEqual([...dones].sort((x, y) => x - y)); // the bar never goes back
    // The worker reports the first line and the last one, throttled in between.
    expect(progress[0]).toEqual({ done: 1, total: TRAIN });
    expect(progress.at(-1)).toEqual({ done: TRAIN, total: TRAIN });

    const ready = answers.at(-1)!;
    const inline = await computeProjectHealth(projectId, "train", OPTS);
    expect(inline.examples).toBe(TRAIN);
    expect(ready.json).toEqual(JSON.parse(JSON.stringify(await withCosts(projectId, inline))));
    expect(await healthJobs()).toHaveLength(0);
    // Later requests read the stored report: no new job.
    expect((await health()).status).toBe(200);
    expect(await healthJobs()).toHaveLength(0);
  }, 120_000);

  it("counts the run preview's tokens in the worker too: 202 with progress, then the snapshot", async () => {
    const first = await call(previewRoute.GET, "GET", { params: { projectId } });
    expect(first.status, JSON.stringify(first.json)).toBe(202);
    expect(first.json).toMatchObject({ status: "computing", total: TRAIN });
    const ready = await withWorker(() =>
      waitFor(
        "the run preview from the worker",
        async () => {
          const r = await call(previewRoute.GET, "GET", { params: { projectId } });
          return r.status === 200 ? r.json : null;
        },
        90_000,
        100,
      ),
    );
    const inline = await computeProjectHealth(projectId, "train", { encoding: "o200k_base", tokenLimit: 65_536 });
    expect(ready.snapshot).toMatchObject({
      train: { examples: TRAIN },
      validation: { examples: 1_000 },
      trainTokens: inline.billingTokens,
    });
    expect(ready.backends.length).toBeGreaterThan(0);
  }, 120_000);

  it("skips a queued job whose data changed before the worker took it, and reports the new state", async () => {
    const before = await health({ tokenLimit: "4096" });
    expect(before.status).toBe(202);
    const stale = await dataState(projectId);
    const target = { projectId, split: "train", encoding: "o200k_base", tokenLimit: 4096 } as const;
    const staleJob = jobs.computeHealth.jobId({ ...target, state: stale });
    const results = new Map<string, unknown>();
    events.on("completed", ({ jobId, returnvalue }) => results.set(jobId, returnvalue));
    await insertExamples(projectId, 1, () => ({ ...routerExample("a late example", { noTool: "nothing to look up" }), split: "train" }));
    const after = await health({ tokenLimit: "4096" });
    expect(after.json).toMatchObject({ status: "computing", total: TRAIN + 1 });
    expect(await healthJobs()).toHaveLength(2);
    const ready = await withWorker(() =>
      waitFor(
        "the report of the new state",
        async () => {
          const r = await health({ tokenLimit: "4096" });
          return r.status === 200 && (await healthJobs()).length === 0 ? r.json : null;
        },
        90_000,
        100,
      ),
    );
    expect(ready.report.examples).toBe(TRAIN + 1);
    // The old state's job counted nothing: nobody asks about that state any more.
    await waitFor("the old state's job to be reported done", async () => results.has(staleJob), 10_000);
    expect(results.get(staleJob)).toMatchObject({ superseded: stale });
    expect(await storedReport(target, stale)).toBeNull();
    expect(await storedReport(target, await dataState(projectId))).toEqual(ready.report);
  }, 120_000);

  it("computes a small split inside the request, with no job", async () => {
    const r = await health({ split: "validation" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.report.examples).toBe(1_000);
    expect(await healthJobs()).toHaveLength(0);
  });
});
