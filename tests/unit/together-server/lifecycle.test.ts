// A job from upload to completion through plain fetch, tick by tick: the statuses, the events and their
// order, losses on the metrics endpoint, checkpoints, the output name, and chat with the trained model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TogetherServer } from "@/tests/support/together-server/server";
import { lossAt } from "@/tests/support/together-server/simulate";
import { call, jsonl, start, upload, uploaded, waitFor } from "./helpers";

let server: TogetherServer;
beforeAll(async () => {
  server = await start({ manual: true });
});
afterAll(() => server.close());

type Job = Record<string, unknown> & { id: string; status: string };
type Event = { type: string; message: string; step: number; level: string; object: string; created_at: string };

/** Ticks the job one step at a time, recording every status it goes through. */
function drive(id: string): string[] {
  const seen: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const [rec] = server.advance(id, 1);
    if (seen[seen.length - 1] !== rec.job.status) seen.push(rec.job.status);
    if (["completed", "error", "cancelled"].includes(rec.job.status)) return seen;
  }
  throw new Error("job never finished");
}

describe("a job from upload to completion", () => {
  it("uploads a tool-calling file that is PENDING, then COMPLETED with a validation report", async () => {
    const text = jsonl(20);
    const file = await upload(server, text);
    expect(file.status).toBe(200);
    expect(file.json).toMatchObject({
      object: "file",
      filename: "train.jsonl",
      bytes: Buffer.byteLength(text),
      purpose: "fine-tune",
      FileType: "jsonl",
      processing_status: "PENDING",
      Processed: false,
    });
    expect(file.json.id).toMatch(/^file-[0-9a-f-]{36}$/);
    expect(file.json).not.toHaveProperty("validation_report");
    server.advance();
    const settled = await call(server, "GET", `/files/${file.json.id as string}`);
    expect(settled.json).toMatchObject({
      processing_status: "COMPLETED",
      Processed: true,
      LineCount: 20,
      validation_report: {
        valid: true,
        file_id: file.json.id,
        nlines: 20,
        dataset_format: "conversation",
        dataset_has_tools: true,
        dataset_has_parallel_tool_calls: false,
      },
    });
  });

  it("walks pending → queued → running → compressing → uploading → completed, emitting Together's event types in order", async () => {
    const training = await uploaded(server, jsonl(16));
    const validation = await uploaded(server, jsonl(4), "valid.jsonl");
    const created = await call<Job>(server, "POST", "/fine-tunes", {
      model: "Qwen/Qwen3-8B",
      training_file: training,
      validation_file: validation,
      n_epochs: 3,
      n_checkpoints: 3,
      n_evals: 2,
      batch_size: 8,
      suffix: "tt-run42",
    });
    expect(created.status).toBe(200);
    const job = created.json;
    expect(job.id).toMatch(/^ft-[0-9a-f-]{36}$/);
    expect(job).toMatchObject({ status: "pending", model: "Qwen/Qwen3-8B", suffix: "tt-run42", n_epochs: 3, events: [] });
    expect(job.model_output_name).toMatch(/^tooltune-test\/Qwen3-8B-tt-run42-[0-9a-f]{8}$/);
    expect(typeof job.created_at).toBe("string");
    expect(Number.isNaN(Date.parse(job.created_at as string))).toBe(false);

    expect(drive(job.id)).toEqual(["queued", "running", "compressing", "uploading", "completed"]);

    const done = await call<Job & { events: Event[] }>(server, "GET", `/fine-tunes/${job.id}`);
    expect(done.json).toMatchObject({
      status: "completed",
      model_output_name: job.model_output_name,
      epochs_completed: 3,
      trainingfile_numlines: 16,
      training_type: { type: "Lora", lora_r: 64, lora_alpha: 128, lora_dropout: 0, lora_trainable_modules: "all-linear" },
      training_method: { method: "sft", train_on_inputs: "auto" },
      progress: { estimate_available: false, seconds_remaining: 0 },
    });
    expect(done.json).not.toHaveProperty("suffix"); // FinetuneResponse has no suffix; the truncated form does
    expect(done.json.token_count).toBeGreaterThan(0);
    expect(done.json.total_price).toBeGreaterThan(0);
    expect(done.json.model_output_path).toContain(job.model_output_name);

    const events = (await call<{ data: Event[] }>(server, "GET", `/fine-tunes/${job.id}/events`)).json.data;
    expect(events).toEqual(done.json.events);
    expect(events.every((e) => e.object === "fine-tune-event" && e.level === "info")).toBe(true);
    // 16 lines / batch 8 = 2 steps an epoch, 6 steps; checkpoints at steps 2 and 4 (the final one at 6 is the model).
    expect(events.map((e) => e.type)).toEqual([
      "job_pending",
      "job_start",
      "model_downloading",
      "model_download_complete",
      "training_data_downloading",
      "training_data_download_complete",
      "validation_data_downloading",
      "validation_data_download_complete",
      "training_start",
      "epoch_complete",
      "checkpoint_save",
      "epoch_complete",
      "checkpoint_save",
      "epoch_complete",
      "training_complete",
      "model_compressing",
      "model_compression_complete",
      "model_uploading",
      "model_upload_complete",
      "job_complete",
    ]);
    expect(events.filter((e) => e.type === "epoch_complete").map((e) => [e.step, e.message])).toEqual([
      [2, "Epoch completed, at step 2"],
      [4, "Epoch completed, at step 4"],
      [6, "Epoch completed, at step 6"],
    ]);
    expect(events.find((e) => e.type === "checkpoint_save")?.message).toBe("New checkpoint saved at step 2");
    const times = events.map((e) => Date.parse(e.created_at));
    expect([...times].sort((a, b) => a - b)).toEqual(times); // chronological, oldest first

    const metrics = (await call<{ metrics: Record<string, number>[] }>(server, "GET", `/fine-tunes/${job.id}/metrics`)).json.metrics;
    const train = metrics.filter((m) => "train/loss" in m);
    const evals = metrics.filter((m) => "eval/loss" in m);
    expect(train.map((m) => m["train/global_step"])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(evals.map((m) => m["eval/global_step"])).toEqual([3, 6]); // n_evals = 2, spread over the run
    expect(train[0]["train/loss"]).toBe(lossAt(job.id, 1, 6, "train")); // seeded by the job id: same job, same curve
    expect(train[5]["train/loss"]).toBeLessThan(train[0]["train/loss"]);
    expect(train[0]["train/learning_rate"]).toBeCloseTo(0.00001, 12); // linear schedule, no warmup: the peak at step 1…
    expect(train[5]["train/learning_rate"]).toBe(0); // …down to min_lr_ratio 0 at the end
    const window = await call<{ metrics: Record<string, number>[] }>(
      server,
      "GET",
      `/fine-tunes/${job.id}/metrics?global_step_from=3&global_step_to=4`,
    );
    expect(window.json.metrics.map((m) => m["train/global_step"] ?? m["eval/global_step"])).toEqual([3, 3, 4]);
    const sampled = await call<{ metrics: Record<string, number>[] }>(server, "GET", `/fine-tunes/${job.id}/metrics?resolution=2`);
    expect(sampled.json.metrics.filter((m) => "train/loss" in m).map((m) => m["train/global_step"])).toEqual([1, 6]);
    expect(sampled.json.metrics.filter((m) => "eval/loss" in m)).toHaveLength(2); // resolution never drops eval rows

    const checkpoints = (await call<{ data: Record<string, unknown>[] }>(server, "GET", `/fine-tunes/${job.id}/checkpoints`)).json.data;
    expect(checkpoints.map((c) => [c.step, c.checkpoint_type, c.checkpoint])).toEqual([
      [2, "Intermediate", "adapter"],
      [4, "Intermediate", "adapter"],
      [6, "Final Merged", "model"],
      [6, "Final Adapter", "adapter"],
    ]);

    const listed = (await call<{ data: Job[] }>(server, "GET", "/fine-tunes")).json.data.find((j) => j.id === job.id);
    expect(listed).toMatchObject({ suffix: "tt-run42", model_output_name: job.model_output_name, status: "completed", events: [] });

    const chat = await call<{ model: string; choices: { message: { content: string } }[] }>(server, "POST", "/chat/completions", {
      model: job.model_output_name,
      messages: [{ role: "user", content: "hello" }],
    });
    expect(chat.status).toBe(200);
    expect(chat.json.model).toBe(job.model_output_name);
    expect(chat.json.choices[0].message.content).toBe("I can help with orders and accounts.");
  });

  it("runs on the timer too, and the same job id always gives the same curve", async () => {
    const timed = await start({ tickMs: 2 });
    try {
      const file = await upload(timed, jsonl(8));
      const job = await call<Job>(timed, "POST", "/fine-tunes", {
        model: "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
        training_file: file.json.id,
        suffix: "steps-5",
      });
      expect(job.status).toBe(200);
      const done = await waitFor(timed, job.json.id, ["completed", "error"]);
      expect(done.status).toBe("completed");
      const rows = (await call<{ metrics: Record<string, number>[] }>(timed, "GET", `/fine-tunes/${job.json.id}/metrics`)).json.metrics;
      expect(rows).toHaveLength(5); // the suffix's `steps-5` script
      expect(rows.map((r) => r["train/loss"])).toEqual([1, 2, 3, 4, 5].map((s) => lossAt(job.json.id, s, 5, "train")));
      expect(lossAt("ft-a", 3, 10, "train")).not.toBe(lossAt("ft-b", 3, 10, "train"));
    } finally {
      await timed.close();
    }
  });
});
