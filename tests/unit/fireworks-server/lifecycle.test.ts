// A job from dataset upload to completion through plain fetch, tick by tick: the dataset states, the job
// states, losses in the metrics file behind metricsFileSignedUrl, the output model, and chat with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FireworksServer } from "@/tests/support/fireworks-server/server";
import { lossAt } from "@/tests/support/together-server/simulate";
import { A, ACCOUNT, call, createDataset, createJob, dataset, jsonl, QWEN, start, upload } from "./helpers";

let server: FireworksServer;
beforeAll(async () => {
  server = await start({ manual: true });
});
afterAll(() => server.close());

type Job = Record<string, unknown> & { name: string; state: string; outputModel: string };

/** Ticks the job one step at a time, recording every state it goes through. */
function drive(id: string): string[] {
  const seen: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const [rec] = server.advance(id, 1);
    if (seen[seen.length - 1] !== rec.job.state) seen.push(rec.job.state);
    if (["JOB_STATE_COMPLETED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED"].includes(rec.job.state)) return seen;
  }
  throw new Error("job never finished");
}

describe("a job from dataset upload to completion", () => {
  it("creates a dataset UPLOADING, then :upload makes it READY with its example count", async () => {
    const created = await createDataset(server, "tt-train-1");
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      name: `accounts/${ACCOUNT}/datasets/tt-train-1`,
      displayName: "tt-train-1",
      state: "UPLOADING",
      exampleCount: "0",
      userUploaded: {},
    });
    const text = jsonl(20);
    const up = await upload(server, "tt-train-1", text);
    expect(up.status).toBe(200);
    expect(up.json).toMatchObject({ id: "tt-train-1", object: "file", bytes: Buffer.byteLength(text), filename: "train.jsonl" });
    const got = await call(server, "GET", `${A}/datasets/tt-train-1`);
    expect(got.json).toMatchObject({ state: "READY", exampleCount: "20", format: "CHAT" });
    expect(Number(got.json.estimatedTokenCount)).toBeGreaterThan(0);
  });

  it("walks CREATING → PENDING → VALIDATING → RUNNING → WRITING_RESULTS → COMPLETED", async () => {
    const train = `accounts/${ACCOUNT}/datasets/tt-train-1`;
    const evaluation = await dataset(server, "tt-eval-1", jsonl(4));
    const created = await createJob(
      server,
      {
        displayName: "ToolTune run tt-run42",
        dataset: train,
        evaluationDataset: evaluation,
        baseModel: QWEN,
        outputModel: "tt-run42",
        epochs: 2,
        loraRank: 16,
        learningRate: 0.0002,
        batchSizeSamples: 8,
      },
      "tt-run42-job",
    );
    expect(created.status).toBe(200);
    const job = created.json as Job;
    expect(job).toMatchObject({
      name: `accounts/${ACCOUNT}/supervisedFineTuningJobs/tt-run42-job`,
      displayName: "ToolTune run tt-run42",
      state: "JOB_STATE_CREATING",
      status: { code: "OK", message: "" },
      dataset: train,
      evaluationDataset: evaluation,
      baseModel: QWEN,
      outputModel: `accounts/${ACCOUNT}/models/tt-run42`,
      epochs: 2,
      loraRank: 16,
      learningRate: 0.0002,
      batchSizeSamples: 8,
      maxContextLength: 32768,
      evalAutoCarveout: false,
      jobProgress: { percent: 0, epoch: 0 },
      estimatedCost: { currencyCode: "USD", units: "0" },
    });
    expect(job).not.toHaveProperty("metricsFileSignedUrl");
    expect(Number.isNaN(Date.parse(job.createTime as string))).toBe(false);

    expect(drive("tt-run42-job")).toEqual([
      "JOB_STATE_PENDING",
      "JOB_STATE_VALIDATING",
      "JOB_STATE_RUNNING",
      "JOB_STATE_WRITING_RESULTS",
      "JOB_STATE_COMPLETED",
    ]);
    const done = (await call(server, "GET", `${A}/supervisedFineTuningJobs/tt-run42-job`)).json as Job;
    expect(done).toMatchObject({ state: "JOB_STATE_COMPLETED", status: { code: "OK" }, jobProgress: { percent: 100, epoch: 1 } });
    expect(typeof done.completedTime).toBe("string");
    // 20 examples / 8 per batch = 3 steps an epoch, 2 epochs.
    expect(server.state().jobs.find((j) => j.id === "tt-run42-job")).toMatchObject({ step: 6, totalSteps: 6 });
  });

  it("serves per-step train loss and per-epoch eval loss as JSON Lines behind metricsFileSignedUrl", async () => {
    const job = (await call(server, "GET", `${A}/supervisedFineTuningJobs/tt-run42-job`)).json as Job;
    const url = job.metricsFileSignedUrl as string;
    expect(url).toMatch(new RegExp(`^${server.url}/signed/metrics/${ACCOUNT}/tt-run42-job/metrics\\.jsonl\\?X-Goog-Algorithm=`));
    const res = await fetch(url); // a signed URL: no bearer
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, number>);
    const train = lines.filter((l) => "train/loss" in l);
    const evals = lines.filter((l) => "eval/loss" in l);
    expect(train.map((l) => l.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(train.map((l) => l.epoch)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(train[0]["train/loss"]).toBe(lossAt("tt-run42-job", 1, 6, "train"));
    expect(train.every((l) => l["train/learning_rate"] === 0.0002)).toBe(true);
    expect(evals.map((l) => [l.step, l.epoch])).toEqual([
      [3, 0],
      [6, 1],
    ]);
    expect(evals[1]["eval/loss"]).toBe(lossAt("tt-run42-job", 6, 6, "eval"));
    expect((await fetch(url.replace(/X-Goog-Signature=[0-9a-f]+/, "X-Goog-Signature=00"))).status).toBe(403);
  });

  it("the metrics file is a 404 until the first step, then grows step by step", async () => {
    await createJob(server, { dataset: `accounts/${ACCOUNT}/datasets/tt-train-1`, baseModel: QWEN, evalAutoCarveout: false }, "tt-grow");
    server.advance("tt-grow", 3); // → RUNNING, no step yet
    const job = (await call(server, "GET", `${A}/supervisedFineTuningJobs/tt-grow`)).json as Job;
    expect(job.state).toBe("JOB_STATE_RUNNING");
    const url = job.metricsFileSignedUrl as string;
    expect((await fetch(url)).status).toBe(404);
    server.advance("tt-grow", 2);
    const text = await (await fetch(url)).text();
    expect(text.trim().split("\n")).toHaveLength(2); // no eval lines: evalAutoCarveout false and no evaluation dataset
    const progress = (await call(server, "GET", `${A}/supervisedFineTuningJobs/tt-grow`)).json.jobProgress;
    expect(progress).toMatchObject({ percent: 66, epoch: 0, totalInputRequests: 20 });
  });

  it("leaves a READY HF_PEFT_ADDON output model that names its job", async () => {
    const model = await call(server, "GET", `${A}/models/tt-run42`);
    expect(model.status).toBe(200);
    expect(model.json).toMatchObject({
      name: `accounts/${ACCOUNT}/models/tt-run42`,
      kind: "HF_PEFT_ADDON",
      state: "READY",
      fineTuningJob: `accounts/${ACCOUNT}/supervisedFineTuningJobs/tt-run42-job`,
      peftDetails: { baseModel: QWEN, r: 16 },
    });
    const base = await call(server, "GET", "/v1/accounts/fireworks/models/qwen3-8b");
    expect(base.json).toMatchObject({ kind: "HF_BASE_MODEL", tunable: true, supportsLora: true, supervisedLoraTunable: true });
  });

  it("answers chat with the trained model through /inference/v1/chat/completions", async () => {
    server.setChat({ rules: [{ match: "weather", reply: { tool_calls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] } }] });
    const res = await call<{
      model: string;
      object: string;
      choices: { message: Record<string, unknown>; finish_reason: string }[];
      usage: object;
    }>(server, "POST", "/inference/v1/chat/completions", {
      model: `accounts/${ACCOUNT}/models/tt-run42`,
      messages: [{ role: "user", content: "What is the weather in Paris?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }],
      temperature: 0,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ object: "chat.completion", model: `accounts/${ACCOUNT}/models/tt-run42` });
    expect(res.json.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      message: {
        role: "assistant",
        content: null,
        tool_calls: [{ type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      },
    });
    expect(res.json.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
  });
});
