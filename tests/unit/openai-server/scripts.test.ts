// Test scripts (suffix / metadata.test_script / --script) and the /_test/ control endpoints.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import type { OpenAIServer } from "@/tests/support/openai-server/server";
import { parseScript } from "@/tests/support/openai-server/scripts";
import { apiError, client, jsonl, start, upload, waitFor } from "./helpers";

let server: OpenAIServer;
let c: OpenAI;
let training: string;
beforeAll(async () => {
  server = await start({ tickMs: 2 });
  c = client(server);
  training = (await upload(c, jsonl(10))).id;
});
afterAll(() => server.close());

const create = (script: string, viaSuffix = false, sdk = c) =>
  sdk.fineTuning.jobs.create({
    model: "gpt-4o-mini",
    training_file: training,
    ...(viaSuffix ? { suffix: script } : { metadata: { test_script: script } }),
  });

const control = async (path: string, body?: unknown, url = server.url) => {
  const res = await fetch(`${url}/_test/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  return res.json();
};

describe("scripts", () => {
  it("parses tokens from suffixes and metadata, ignoring ordinary words", () => {
    expect(parseScript("steps:20, fail_at=5;pause slow:30 rate_limit:2 epochs:4")).toEqual({
      steps: 20,
      failAt: 5,
      pause: true,
      slowMs: 30,
      rateLimit: 2,
      epochs: 4,
    });
    expect(parseScript("drone", "my-model", "paused", null)).toEqual({});
    expect(parseScript("fail_at_3")).toEqual({ failAt: 3 });
    expect(parseScript("support-steps_20-fail_at-5-pause")).toEqual({ steps: 20, failAt: 5, pause: true });
    expect(parseScript("steps:10", "steps:20")).toEqual({ steps: 20 }); // later sources win
  });

  it("fail_at:N fails the job at step N with server_error", async () => {
    const job = await create("steps:20,fail_at:7", true);
    const failed = await waitFor(c, job.id, ["failed", "succeeded"]);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "server_error", param: null });
    expect(failed.error?.message).toContain("step 7");
    const events = (await c.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data;
    expect(events[0]).toMatchObject({ level: "error" });
    expect(events.filter((e) => e.type === "metrics")).toHaveLength(6);
  });

  it("rate_limit:K answers the first K requests of each kind with 429 and retry-after-ms", async () => {
    const bare = await apiError(() => create("rate_limit:2,steps:5"));
    expect(bare).toMatchObject({ status: 429, code: "rate_limit_exceeded", type: "requests" });
    expect(bare.headers?.get("retry-after-ms")).toBe("20");
    const before = server.state();
    const retrying = client(server, { maxRetries: 2 });
    // Creates count per request body (an SDK retry resends the same body), so use a fresh one.
    const job = await create("rate_limit:2,steps:6", false, retrying); // 2 × 429, then created
    const after = server.state();
    expect(after.jobsCreated).toBe(before.jobsCreated + 1);
    expect(after.requests["POST /v1/fine_tuning/jobs"] - before.requests["POST /v1/fine_tuning/jobs"]).toBe(3);
    expect((await apiError(() => c.fineTuning.jobs.retrieve(job.id))).status).toBe(429);
    expect((await apiError(() => c.fineTuning.jobs.retrieve(job.id))).status).toBe(429);
    await expect(c.fineTuning.jobs.retrieve(job.id)).resolves.toMatchObject({ id: job.id });
    await expect(retrying.fineTuning.jobs.listEvents(job.id)).resolves.toBeTruthy(); // its own 2 × 429 first
    expect(server.state().requests[`GET /v1/fine_tuning/jobs/${job.id}/events`]).toBe(3);
  });

  it("pause stops the job half-way in status paused until it is resumed", async () => {
    const job = await create("steps:20,pause");
    const paused = await waitFor(c, job.id, ["paused"]);
    expect(paused.status as string).toBe("paused"); // not in the spec's enum nor the SDK's type
    await new Promise((r) => setTimeout(r, 30));
    const still = await c.fineTuning.jobs.retrieve(job.id);
    expect(still.status as string).toBe("paused");
    const steps = (await c.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data.filter((e) => e.type === "metrics");
    expect(steps).toHaveLength(10);
    expect((await c.fineTuning.jobs.resume(job.id)).status).toBe("queued");
    expect((await waitFor(c, job.id, ["succeeded"])).status).toBe("succeeded");
  });

  it("slow:MS delays every response about the job", async () => {
    const t0 = Date.now();
    const job = await create("slow:80,steps:3");
    await c.fineTuning.jobs.retrieve(job.id);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(160);
  });

  it("a server-wide --script applies to every request, uploads included", async () => {
    const limited = await start({ script: "rate_limit:1" });
    try {
      const lc = client(limited);
      expect((await apiError(() => upload(lc, jsonl(10)))).status).toBe(429);
      await expect(upload(lc, jsonl(10))).resolves.toMatchObject({ object: "file" });
    } finally {
      await limited.close();
    }
  });
});

describe("control endpoints", () => {
  it("moves jobs only on /_test/advance in manual mode, and reports state", async () => {
    const manual = await start({ manual: true });
    try {
      const mc = client(manual);
      const file = await upload(mc, jsonl(10));
      const job = await mc.fineTuning.jobs.create({
        model: "gpt-4o-mini",
        training_file: file.id,
        suffix: "steps:4",
        metadata: { run: "7" },
      });
      await new Promise((r) => setTimeout(r, 30));
      expect((await mc.fineTuning.jobs.retrieve(job.id)).status).toBe("validating_files");
      const advanced = await control("advance", { jobId: job.id, steps: 2 }, manual.url);
      expect(advanced.jobs[0]).toMatchObject({ id: job.id, status: "running" });
      await control("advance", { jobId: job.id, until: "succeeded" }, manual.url);
      expect((await mc.fineTuning.jobs.retrieve(job.id)).status).toBe("succeeded");
      const state = await control("state", undefined, manual.url);
      expect(state).toMatchObject({
        jobsCreated: 1,
        files: 2,
        jobs: [{ id: job.id, status: "succeeded", metadata: { run: "7" }, suffix: "steps:4" }],
      });
      expect(state.requests["POST /v1/fine_tuning/jobs"]).toBe(1);
      expect(await control("reset", {}, manual.url)).toEqual({ ok: true });
      expect(await control("state", undefined, manual.url)).toEqual({
        jobsCreated: 0,
        jobs: [],
        files: 0,
        requests: {},
        chat: { requests: 0, byRequest: {}, failed: 0, rejected: 0, last: [] },
      });
    } finally {
      await manual.close();
    }
  });

  it("/_test/hold delays the next response of a kind after the work is done", async () => {
    const before = server.state().jobsCreated;
    await control("hold", { kind: "jobs.create", ms: 300 });
    const pending = create("steps:3");
    await new Promise((r) => setTimeout(r, 100));
    expect(server.state().jobsCreated).toBe(before + 1); // created, response still held
    const t0 = Date.now();
    await pending;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    const t1 = Date.now();
    await create("steps:3"); // one-shot: the next one is not held
    expect(Date.now() - t1).toBeLessThan(250);
    expect((await control("hold", { kind: "nope", ms: 1 })).error.param).toBe("kind");
  });
});
