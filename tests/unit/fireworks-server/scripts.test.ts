// Failure injection: rate_limit:K (429 RESOURCE_EXHAUSTED with Retry-After) and server_error:K (500
// INTERNAL) from --script or a job's display name / id, fail_at:N, steps:N, hold(), and the timer.
import { afterEach, describe, expect, it } from "vitest";
import { parseScript } from "@/tests/support/fireworks-server/scripts";
import type { FireworksServer } from "@/tests/support/fireworks-server/server";
import { A, call, createJob, dataset, jsonl, QWEN, start, waitFor, type GrpcBody } from "./helpers";

let server: FireworksServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client that honours Retry-After and retries 429/5xx up to `tries` times, as the product's should. */
async function retrying(s: FireworksServer, method: string, path: string, body?: unknown, tries = 3) {
  for (let i = 0; ; i++) {
    const res = await call(s, method, path, body);
    if ((res.status !== 429 && res.status < 500) || i >= tries) return { ...res, attempts: i + 1 };
    await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 0) * 1000));
  }
}

describe("scripts", () => {
  it("parses the Together server's tokens (the OpenAI server's plus server_error)", () => {
    expect(parseScript("ToolTune tt-run42 rate_limit_2 server_error-1 fail_at-3 steps:20 slow=30")).toEqual({
      rateLimit: 2,
      serverError: 1,
      failAt: 3,
      steps: 20,
      slowMs: 30,
    });
    expect(parseScript("ToolTune tt-run42")).toEqual({});
    expect(parseScript("steps:10", "steps-20")).toEqual({ steps: 20 }); // the later source wins
  });

  it("rate_limit_2 in a display name: the create answers 429 RESOURCE_EXHAUSTED twice, with Retry-After, then creates once", async () => {
    server = await start({ manual: true, retryAfterSeconds: 0 });
    const d = await dataset(server, "train", jsonl(8));
    const body = { dataset: d, baseModel: QWEN, displayName: "ToolTune tt-run1 rate_limit_2" };
    const first = await createJob(server, body, "run1");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("0");
    expect(first.json).toEqual({
      code: 8,
      message: "rate limit exceeded for jobs.create (scripted by the test server); retry after 0 second(s)",
      details: [],
    });
    const res = await retrying(server, "POST", `${A}/supervisedFineTuningJobs?supervisedFineTuningJobId=run1`, body);
    expect(res).toMatchObject({ status: 200, attempts: 2 });
    expect(server.state().jobsCreated).toBe(1);
    // The job's own requests meet the same budget: its first two GETs are 429s too.
    expect((await call(server, "GET", `${A}/supervisedFineTuningJobs/run1`)).status).toBe(429);
    expect((await retrying(server, "GET", `${A}/supervisedFineTuningJobs/run1`)).status).toBe(200);
    expect((await call(server, "GET", `${A}/supervisedFineTuningJobs`)).status).toBe(200); // the list is not the job's
  });

  it("--script server_error:1 answers the first request of each kind 500 INTERNAL in the gateway shape", async () => {
    server = await start({ manual: true, script: "server_error:1" });
    const first = await call<GrpcBody>(server, "GET", `${A}/datasets`);
    expect(first.status).toBe(500);
    expect(first.json).toEqual({ code: 13, message: "internal error (scripted by the test server)", details: [] });
    expect((await call(server, "GET", `${A}/datasets`)).status).toBe(200);
    expect((await call(server, "GET", `${A}/supervisedFineTuningJobs`)).status).toBe(500);
  });

  it("fail_at-3 in a display name fails the job at step 3 with status INTERNAL", async () => {
    server = await start({ manual: true });
    const d = await dataset(server, "train", jsonl(40));
    await createJob(server, { dataset: d, baseModel: QWEN, displayName: "ToolTune tt-run2 fail_at-3" }, "run2");
    server.advance("run2", 1, "JOB_STATE_FAILED");
    const job = (await call(server, "GET", `${A}/supervisedFineTuningJobs/run2`)).json;
    expect(job).toMatchObject({
      state: "JOB_STATE_FAILED",
      status: { code: "INTERNAL", message: "Training failed at step 3 because of an internal error (scripted by the test server)." },
    });
    expect(server.state().jobs[0].step).toBe(2);
    expect((await call(server, "GET", `${A}/models/run2`)).status).toBe(404); // no output model
  });

  it("steps-4 in the job id sets the number of training steps", async () => {
    server = await start({ manual: true });
    const d = await dataset(server, "train", jsonl(100));
    await createJob(server, { dataset: d, baseModel: QWEN }, "tt-steps-4");
    server.advance("tt-steps-4", 1, "JOB_STATE_COMPLETED");
    expect(server.state().jobs[0]).toMatchObject({ step: 4, totalSteps: 4, state: "JOB_STATE_COMPLETED" });
  });

  it("hold(kind, ms) delays the next answer of that kind once", async () => {
    server = await start({ manual: true });
    server.hold("datasets.list", 120);
    const t0 = Date.now();
    await call(server, "GET", `${A}/datasets`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    const t1 = Date.now();
    await call(server, "GET", `${A}/datasets`);
    expect(Date.now() - t1).toBeLessThan(100);
  });

  it("with the timer, a job runs to completion on its own", async () => {
    server = await start({ tickMs: 2 });
    const d = await dataset(server, "train", jsonl(8));
    await createJob(server, { dataset: d, baseModel: QWEN, displayName: "timer" }, "timed");
    expect(await waitFor(server, "timed", ["JOB_STATE_COMPLETED"])).toMatchObject({ state: "JOB_STATE_COMPLETED" });
  });

  it("the /_test/ endpoints: state, advance by job name, reset", async () => {
    server = await start({ manual: true });
    const d = await dataset(server, "train", jsonl(8));
    const created = await createJob(server, { dataset: d, baseModel: QWEN }, "ctl");
    const post = (path: string, body: unknown) =>
      fetch(`${server!.url}${path}`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());
    expect(await post("/_test/advance", { job: created.json.name, until: "JOB_STATE_RUNNING" })).toEqual({
      jobs: [{ name: created.json.name, state: "JOB_STATE_RUNNING" }],
    });
    const state = (await (await fetch(`${server.url}/_test/state`)).json()) as { jobsCreated: number; datasets: unknown[] };
    expect(state).toMatchObject({ jobsCreated: 1, datasets: [{ state: "READY", exampleCount: "8" }] });
    await post("/_test/reset", {});
    expect(server.state()).toMatchObject({ jobsCreated: 0, jobs: [], datasets: [] });
  });
});
