// Failure injection: rate_limit:K (429 with Retry-After) and server_error:K (500) from --script or a
// job's suffix, fail_at:N, hold(), and the /_test/ control endpoints.
import { afterEach, describe, expect, it } from "vitest";
import { parseScript } from "@/tests/support/together-server/scripts";
import type { TogetherServer } from "@/tests/support/together-server/server";
import { call, jsonl, start, uploaded, type ErrorBody } from "./helpers";

let server: TogetherServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client that honours Retry-After and retries 429/5xx up to `tries` times, as the product's should. */
async function retrying(s: TogetherServer, method: string, path: string, body?: unknown, tries = 3) {
  for (let i = 0; ; i++) {
    const res = await call(s, method, path, body);
    if ((res.status !== 429 && res.status < 500) || i >= tries) return { ...res, attempts: i + 1 };
    await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 0) * 1000));
  }
}

describe("scripts", () => {
  it("parses the OpenAI server's tokens plus server_error, ignoring what Together has no use for", () => {
    expect(parseScript("rate_limit:2, server_error-1 steps_20 fail_at:5 slow=30 pause epochs:4")).toEqual({
      rateLimit: 2,
      serverError: 1,
      steps: 20,
      failAt: 5,
      slowMs: 30,
    });
    expect(parseScript("support-bot-v2")).toEqual({});
    expect(parseScript("steps:10", "steps-20")).toEqual({ steps: 20 }); // the suffix wins over --script
  });

  it("--script rate_limit:1 answers the first request of each kind 429 with Retry-After, then serves it", async () => {
    server = await start({ manual: true, script: "rate_limit:1", retryAfterSeconds: 0 });
    const first = await call<ErrorBody>(server, "GET", "/files");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("0");
    expect(first.json.error).toMatchObject({ type: "rate_limit_exceeded", code: "rate_limit_exceeded" });
    expect((await call(server, "GET", "/files")).status).toBe(200);
    const list = await retrying(server, "GET", "/fine-tunes");
    expect(list).toMatchObject({ status: 200, attempts: 2 });
    expect(server.state().requests["GET /v1/fine-tunes"]).toBe(2);
  });

  it("sends Retry-After in seconds as configured", async () => {
    server = await start({ manual: true, script: "rate_limit:1", retryAfterSeconds: 2 });
    expect((await call(server, "GET", "/files")).headers.get("retry-after")).toBe("2");
  });

  it("--script server_error:1 answers the first request of each kind 500 in Together's error shape", async () => {
    server = await start({ manual: true, script: "server_error:1" });
    const first = await call<ErrorBody>(server, "GET", "/fine-tunes");
    expect(first.status).toBe(500);
    expect(first.json).toEqual({
      error: { message: "Internal server error (scripted by the test server).", type: "server_error", param: null, code: null },
    });
    expect((await call(server, "GET", "/fine-tunes")).status).toBe(200);
  });

  it("a suffix script applies to its own job: its create (per body), then each kind of request about it", async () => {
    server = await start({ manual: true });
    const training = await uploaded(server, jsonl(4));
    const body = { model: "Qwen/Qwen3-8B", training_file: training, suffix: "bot-rate_limit-2" };
    const created = await retrying(server, "POST", "/fine-tunes", body);
    expect(created).toMatchObject({ status: 200, attempts: 3 });
    expect(server.state().jobsCreated).toBe(1); // the 429s created nothing
    const id = created.json.id as string;
    expect((await call(server, "GET", `/fine-tunes/${id}`)).status).toBe(429);
    expect((await call(server, "GET", `/fine-tunes/${id}`)).status).toBe(429);
    expect((await call(server, "GET", `/fine-tunes/${id}`)).status).toBe(200);
    expect((await retrying(server, "GET", `/fine-tunes/${id}/events`)).attempts).toBe(3);
    expect((await call(server, "GET", "/fine-tunes")).status).toBe(200); // other jobs' requests are not scripted
  });

  it("fail_at:N ends the job in error at step N with a job_error event", async () => {
    server = await start({ manual: true });
    const training = await uploaded(server, jsonl(4));
    const job = await call(server, "POST", "/fine-tunes", {
      model: "Qwen/Qwen3-8B",
      training_file: training,
      suffix: "steps-10-fail_at-4",
    });
    server.advance(job.json.id as string, 1, "error");
    const events = (
      await call<{ data: { type: string; level: string; message: string; step: number }[] }>(
        server,
        "GET",
        `/fine-tunes/${job.json.id as string}/events`,
      )
    ).json.data;
    expect(events[events.length - 1]).toMatchObject({
      type: "job_error",
      level: "error",
      message: "Training failed at step 4 because of an internal error (scripted by the test server).",
    });
    const rows = (await call<{ metrics: unknown[] }>(server, "GET", `/fine-tunes/${job.json.id as string}/metrics`)).json.metrics;
    expect(rows).toHaveLength(3);
  });

  it("hold() delays one response; /_test/ endpoints advance, reset and report state", async () => {
    server = await start({ manual: true });
    server.hold("files.list", 60);
    const t0 = Date.now();
    await call(server, "GET", "/files");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    const training = await uploaded(server, jsonl(4));
    const job = await call(server, "POST", "/fine-tunes", { model: "Qwen/Qwen3-8B", training_file: training });
    const advanced = await fetch(`${server.url}/_test/advance`, {
      method: "POST",
      body: JSON.stringify({ jobId: job.json.id, until: "completed" }),
    });
    expect(await advanced.json()).toEqual({ jobs: [{ id: job.json.id, status: "completed" }] });
    const state = await (await fetch(`${server.url}/_test/state`)).json();
    expect(state).toMatchObject({ jobsCreated: 1, files: 1, jobs: [{ id: job.json.id, status: "completed", suffix: null }] });
    await fetch(`${server.url}/_test/reset`, { method: "POST" });
    expect(server.state()).toMatchObject({ jobsCreated: 0, files: 0, jobs: [] });
  });
});
