// POST /v1/fine_tuning/jobs through the real SDK: the job object, and everything the API refuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import type { OpenAIServer } from "@/tests/support/openai-server/server";
import { apiError, client, jsonl, specErrors, start, upload, waitFor } from "./helpers";

let server: OpenAIServer;
let c: OpenAI;
let training: string;
beforeAll(async () => {
  server = await start({ manual: true, errorNull: true });
  c = client(server);
  training = (await upload(c, jsonl(12))).id;
});
afterAll(() => server.close());

type Body = Parameters<OpenAI["fineTuning"]["jobs"]["create"]>[0];
const create = (extra: Partial<Body> = {}) => c.fineTuning.jobs.create({ model: "gpt-4o-mini", training_file: training, ...extra });

describe("creating a job", () => {
  it("returns the FineTuningJob object as the spec shapes it", async () => {
    const job = await create({ suffix: "drone", seed: 42, metadata: { run: "r1" } });
    expect(job.id).toMatch(/^ftjob-[A-Za-z0-9]{24}$/);
    expect(job).toMatchObject({
      object: "fine_tuning.job",
      model: "gpt-4o-mini-2024-07-18", // the alias resolves to its snapshot, as the real API reports it
      fine_tuned_model: null,
      finished_at: null,
      result_files: [],
      status: "validating_files",
      training_file: training,
      validation_file: null,
      trained_tokens: null,
      error: null,
      seed: 42,
      estimated_finish: null,
      integrations: [],
      metadata: { run: "r1" },
      user_provided_suffix: "drone",
      hyperparameters: { batch_size: "auto", learning_rate_multiplier: "auto", n_epochs: "auto" },
      method: {
        type: "supervised",
        supervised: { hyperparameters: { batch_size: "auto", learning_rate_multiplier: "auto", n_epochs: "auto" } },
      },
    });
    expect(job.organization_id).toMatch(/^org-/);
    expect(specErrors("FineTuningJob", job)).toEqual([]);
    // validation resolves "auto" to numbers (the real API reports them once the job has started)
    server.advance(job.id, 1);
    const queued = await c.fineTuning.jobs.retrieve(job.id);
    expect(queued.status).toBe("queued");
    expect(queued.hyperparameters).toEqual({ batch_size: 1, learning_rate_multiplier: 2, n_epochs: 8 });
  });

  it("takes hyperparameters under method.supervised as well", async () => {
    const job = await create({ method: { type: "supervised", supervised: { hyperparameters: { n_epochs: 2, batch_size: 4 } } } });
    expect(job.method?.supervised?.hyperparameters).toEqual({ batch_size: 4, learning_rate_multiplier: "auto", n_epochs: 2 });
    expect(job.hyperparameters).toEqual({ batch_size: 4, learning_rate_multiplier: "auto", n_epochs: 2 });
  });

  it.each([
    [{ hyperparameters: { n_epochs: 0 } }, "hyperparameters.n_epochs", "integer_below_min_value", "Expected a value >= 1, but got 0"],
    [{ hyperparameters: { n_epochs: 100 } }, "hyperparameters.n_epochs", "integer_above_max_value", "Expected a value <= 50, but got 100"],
    [{ hyperparameters: { batch_size: 257 } }, "hyperparameters.batch_size", "integer_above_max_value", "<= 256"],
    [{ hyperparameters: { learning_rate_multiplier: 0 } }, "hyperparameters.learning_rate_multiplier", "decimal_below_min_value", "> 0"],
    [{ hyperparameters: { n_epochs: "many" } }, "hyperparameters.n_epochs", "invalid_value", "Supported values are: 'auto'"],
    [
      { method: { type: "supervised", supervised: { hyperparameters: { n_epochs: 51 } } } },
      "method.supervised.hyperparameters.n_epochs",
      "integer_above_max_value",
      "<= 50",
    ],
    [{ suffix: "x".repeat(65) }, "suffix", "string_above_max_length", "maximum length 64, but got a string with length 65"],
    [{ seed: -1 }, "seed", "integer_below_min_value", ">= 0"],
    [
      { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) },
      "metadata",
      "object_above_max_properties",
      "at most 16",
    ],
    [{ metadata: { ["k".repeat(65)]: "v" } }, "metadata", "string_above_max_length", "key with length 65"],
    [{ metadata: { k: "v".repeat(513) } }, "metadata.k", "string_above_max_length", "maximum length 512"],
  ])("rejects %j naming the parameter", async (extra, param, code, text) => {
    const err = await apiError(() => create(extra as Partial<Body>));
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error", param, code });
    expect(err.message).toContain(text);
    expect(err.message).toContain(`'${param}'`);
  });

  it("accepts the limits themselves: suffix of 64, n_epochs 1 and 50, 16 metadata keys", async () => {
    await expect(create({ suffix: "s".repeat(64) })).resolves.toMatchObject({ user_provided_suffix: "s".repeat(64) });
    await expect(create({ hyperparameters: { n_epochs: 50 } })).resolves.toBeTruthy();
    await expect(create({ hyperparameters: { n_epochs: 1, learning_rate_multiplier: 0.01 } })).resolves.toBeTruthy();
    const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "v".repeat(512)]));
    await expect(create({ metadata })).resolves.toBeTruthy();
  });

  it("rejects an unknown model with model_not_available", async () => {
    const err = await apiError(() => create({ model: "gpt-9-ultra" }));
    expect(err).toMatchObject({ status: 400, param: "model", code: "model_not_available" });
    expect(err.message).toBe("Model gpt-9-ultra is not available for fine-tuning or does not exist.");
  });

  it("rejects training files that do not exist or are not fine-tune files", async () => {
    expect(await apiError(() => create({ training_file: "file-missing" }))).toMatchObject({ status: 400, param: "training_file" });
    const batch = await upload(c, '{"custom_id":"1"}\n', "batch.jsonl", "batch");
    const err = await apiError(() => create({ training_file: batch.id }));
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error", param: "training_file" });
    expect(err.message).toContain("purpose 'batch'");
    expect(await apiError(() => create({ validation_file: batch.id }))).toMatchObject({ status: 400, param: "validation_file" });
  });

  it("rejects missing and unknown parameters, and hyperparameters given twice", async () => {
    const missing = await apiError(() => c.fineTuning.jobs.create({ model: "gpt-4o-mini" } as Body));
    expect(missing).toMatchObject({ status: 400, param: "training_file", code: "missing_required_parameter" });
    const unknown = await apiError(() => create({ lora_rank: 16 } as Partial<Body>));
    expect(unknown).toMatchObject({ status: 400, param: "lora_rank" });
    expect(unknown.message).toBe("Unrecognized request argument supplied: lora_rank");
    const twice = await apiError(() =>
      create({ hyperparameters: { n_epochs: 2 }, method: { type: "supervised", supervised: { hyperparameters: { n_epochs: 3 } } } }),
    );
    expect(twice.status).toBe(400);
  });

  it("creates a job for a file of fewer than 10 examples, which then fails validation", async () => {
    const small = await upload(c, jsonl(3));
    const job = await create({ training_file: small.id });
    expect(job.status).toBe("validating_files");
    server.advance(job.id, 1);
    const failed = await waitFor(c, job.id, ["failed"]);
    expect(failed.error).toEqual({
      code: "invalid_n_examples",
      message: "Training file has 3 example(s), but must have at least 10 examples",
      param: "training_file",
    });
    const events = await c.fineTuning.jobs.listEvents(job.id);
    expect(events.data[0]).toMatchObject({ level: "error", message: failed.error?.message });
  });

  it("fails a job whose schema-valid lines cannot train a chat model (no assistant message)", async () => {
    const text = jsonl(12, (i, l) => (i === 3 ? { messages: [{ role: "user", content: "hi" }] } : l));
    const job = await create({ training_file: (await upload(c, text)).id });
    server.advance(job.id, 1);
    const failed = await c.fineTuning.jobs.retrieve(job.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toEqual({
      code: "invalid_training_file",
      message: "Invalid file format. Line 4 has no assistant message to train on.",
      param: "training_file",
    });
  });

  it("lists jobs newest first, with after, limit and the metadata filter", async () => {
    const a = await create({ metadata: { project: "p-list", n: "1" } });
    const b = await create({ metadata: { project: "p-list", n: "2" } });
    const page = await c.fineTuning.jobs.list({ metadata: { project: "p-list" } });
    expect(page.data.map((j) => j.id)).toEqual([b.id, a.id]);
    expect(specErrors("ListPaginatedFineTuningJobsResponse", { object: "list", data: page.data, has_more: page.has_more })).toEqual([]);
    const one = await c.fineTuning.jobs.list({ metadata: { project: "p-list", n: "1" } });
    expect(one.data.map((j) => j.id)).toEqual([a.id]);
    const first = await c.fineTuning.jobs.list({ limit: 1 });
    expect(first.data[0].id).toBe(b.id);
    expect(first.has_more).toBe(true);
    const next = await c.fineTuning.jobs.list({ limit: 1, after: b.id });
    expect(next.data[0].id).toBe(a.id);
  });
});
