// POST /v1/fine-tunes: what it refuses (exact messages), the defaults it fills in, too few examples,
// cancel, list order, from_checkpoint and the model limits endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TogetherServer } from "@/tests/support/together-server/server";
import { call, jsonl, start, upload, uploaded, type ErrorBody } from "./helpers";

let server: TogetherServer;
let training: string;
beforeAll(async () => {
  server = await start({ manual: true });
  training = await uploaded(server, jsonl(10));
});
afterAll(() => server.close());

type Job = Record<string, unknown> & { id: string; status: string; model_output_name: string };
const create = (extra: Record<string, unknown> = {}) =>
  call<Job & ErrorBody>(server, "POST", "/fine-tunes", { model: "Qwen/Qwen3-8B", training_file: training, ...extra });

async function refused(extra: Record<string, unknown>, status = 400) {
  const res = await create(extra);
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  return res.json.error;
}

describe("creating a job", () => {
  it("answers the truncated job with Together's defaults filled in", async () => {
    const res = await create();
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: "pending",
      model: "Qwen/Qwen3-8B",
      training_file: training,
      n_epochs: 1,
      n_checkpoints: 1,
      n_evals: 0,
      batch_size: 32, // "max" resolves to the model's LoRA maximum (see /fine-tunes/models/limits)
      learning_rate: 0.00001,
      lr_scheduler: { lr_scheduler_type: "linear", lr_scheduler_args: { min_lr_ratio: 0 } },
      warmup_ratio: 0,
      max_grad_norm: 1,
      weight_decay: 0,
      packing: true,
      training_method: { method: "sft", train_on_inputs: "auto" },
      training_type: { type: "Lora", lora_r: 64, lora_alpha: 128 },
      events: [],
      total_price: 0,
    });
    expect(res.json).not.toHaveProperty("suffix");
    expect(res.json.model_output_name).toMatch(/^tooltune-test\/Qwen3-8B-[0-9a-f]{8}$/);
  });

  it("refuses what the API refuses, with these messages", async () => {
    const cases: [Record<string, unknown>, string, string | null][] = [
      [{ training_file: undefined }, "Missing required field 'training_file'", "training_file"],
      [
        { model: "gpt-4o-mini" },
        "The model gpt-4o-mini is not available for fine-tuning. See https://docs.together.ai/docs/fine-tuning/supported-models",
        "model",
      ],
      [{ hyperparameters: { n_epochs: 3 } }, "Unrecognized request argument supplied: hyperparameters", "hyperparameters"],
      [{ lora_r: 8 }, "Unrecognized request argument supplied: lora_r", "lora_r"],
      [{ n_epochs: 21 }, "n_epochs must be between 1 and 20 (got 21)", "n_epochs"],
      [{ n_epochs: 0 }, "n_epochs must be between 1 and 20 (got 0)", "n_epochs"],
      [{ n_epochs: 2.5 }, "'n_epochs' must be an integer (got number 2.5)", "n_epochs"],
      [{ n_epochs: 2, n_checkpoints: 3 }, "n_checkpoints must be between 1 and n_epochs (2) (got 3)", "n_checkpoints"],
      [{ n_evals: 101 }, "n_evals must be between 0 and 100 (got 101)", "n_evals"],
      [{ n_evals: 2 }, "n_evals > 0 requires a validation_file", "validation_file"],
      [{ suffix: "x".repeat(65) }, "Suffix must be at most 64 characters long (got 65)", "suffix"],
      [{ suffix: "has space" }, "Suffix may only contain letters, digits, '.', '_' and '-'", "suffix"],
      [{ learning_rate: 0.1 }, "learning_rate must be between 1e-8 and 0.01 (got 0.1)", "learning_rate"],
      [{ warmup_ratio: 1.5 }, "Warmup ratio should be between 0 and 1 (got 1.5)", "warmup_ratio"],
      [{ max_grad_norm: -1 }, "Max gradient norm should be non-negative (got -1)", "max_grad_norm"],
      [{ weight_decay: -0.1 }, "Weight decay should be non-negative (got -0.1)", "weight_decay"],
      [{ batch_size: 4 }, "Requested batch size of 4 is lower that the minimum allowed value of 8.", "batch_size"],
      [{ batch_size: 64 }, "Requested batch size of 64 is higher that the maximum allowed value of 32.", "batch_size"],
      [{ batch_size: "auto" }, '\'batch_size\' must be an integer or "max" (got "auto")', "batch_size"],
      [
        { training_type: { type: "Lora", lora_r: 128, lora_alpha: 16 } },
        "lora_r must be between 1 and 64 (got 128)",
        "training_type.lora_r",
      ],
      [{ training_type: { type: "Lora", lora_alpha: 16 } }, "Missing required field 'training_type.lora_r'", "training_type.lora_r"],
      [{ training_type: { type: "QLora" } }, 'training_type.type must be one of Full, Lora (got "QLora")', "training_type.type"],
      [
        { lr_scheduler: { lr_scheduler_type: "step" } },
        'lr_scheduler_type must be one of linear, cosine (got "step")',
        "lr_scheduler.lr_scheduler_type",
      ],
      [
        { lr_scheduler: { lr_scheduler_type: "cosine", lr_scheduler_args: { min_lr_ratio: 0, num_cycles: 0 } } },
        "Number of cycles should be greater than 0 (got 0)",
        "lr_scheduler.lr_scheduler_args.num_cycles",
      ],
      [
        { training_method: { method: "sft", train_on_inputs: "auto", dpo_beta: 0.1 } },
        "dpo_beta is only supported for DPO training",
        "training_method.dpo_beta",
      ],
      [{ from_checkpoint: "ft-nope" }, "You must specify either a model or a checkpoint to start a job from, not both", "from_checkpoint"],
      [{ packing: false }, "max_seq_length is required when packing is disabled", "max_seq_length"],
      [{ max_seq_length: 100 }, "max_seq_length must be between 512 and 16384 (got 100)", "max_seq_length"],
      [{ training_file: "file-missing" }, "File file-missing not found. Upload it with POST /v1/files/upload first.", "training_file"],
    ];
    for (const [extra, message, param] of cases) {
      const body = { model: "Qwen/Qwen3-8B", training_file: training, ...extra };
      for (const [k, v] of Object.entries(body)) if (v === undefined) delete (body as Record<string, unknown>)[k];
      const res = await call<ErrorBody>(server, "POST", "/fine-tunes", body);
      expect(res.status, message).toBe(400);
      expect(res.json.error, message).toMatchObject({ message, param, type: "invalid_request_error" });
    }
    expect(await refused({ training_method: { method: "dpo" } })).toMatchObject({ code: "unsupported_value" });
  });

  it("refuses a file of another purpose and a file that failed validation", async () => {
    const evalFile = (await upload(server, "a,b\n", { purpose: "eval", file_name: "e.csv", file_type: "csv" })).json.id as string;
    expect((await refused({ training_file: evalFile })).message).toBe(
      `File ${evalFile} has purpose 'eval'; fine-tuning needs a file uploaded with purpose 'fine-tune'.`,
    );
    const bad = await uploaded(
      server,
      jsonl(3, (i, l) => (i === 1 ? { messages: [{ content: "x" }] } : l)),
    );
    expect((await refused({ training_file: bad })).message).toBe(
      `File ${bad} failed validation: Line 2: messages[0] must contain a role field`,
    );
  });

  it("ends in error, with a job_error event, when the file has too few examples for the server's minimum", async () => {
    const strict = await start({ manual: true, minExamples: 100 });
    try {
      const file = await uploaded(strict, jsonl(3));
      const job = await call<Job>(strict, "POST", "/fine-tunes", { model: "Qwen/Qwen3-8B", training_file: file });
      strict.advance(job.json.id, 1, "error");
      const after = await call<Job & { events: { type: string; level: string; message: string }[] }>(
        strict,
        "GET",
        `/fine-tunes/${job.json.id}`,
      );
      expect(after.json.status).toBe("error");
      const last = after.json.events[after.json.events.length - 1];
      expect(last).toMatchObject({
        type: "job_error",
        level: "error",
        message: `Processing the training file ${file} resulted in only 3 samples. Our minimum is 100 samples.`,
      });
    } finally {
      await strict.close();
    }
  });

  it("fails a job whose file turns out invalid after creation (created while PENDING)", async () => {
    const file = await upload(
      server,
      jsonl(2, (i, l) => (i === 1 ? { text: "mixed" } : l)),
    );
    const job = await create({ training_file: file.json.id });
    expect(job.status).toBe(200);
    server.advance(job.json.id, 1, "error");
    const events = (await call<{ data: { type: string; message: string }[] }>(server, "GET", `/fine-tunes/${job.json.id}/events`)).json
      .data;
    expect(events[events.length - 1]).toMatchObject({
      type: "job_error",
      message: `Training file ${file.json.id as string} failed validation: Line 2: all samples must have the same dataset format: conversation on line 1, general here`,
    });
  });
});

describe("cancel", () => {
  it("moves a running job to cancel_requested, then cancelled, and refuses to cancel a finished one", async () => {
    const job = (await create({ suffix: "steps-50" })).json;
    server.advance(job.id, 5);
    const cancelled = await call<Job>(server, "POST", `/fine-tunes/${job.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ id: job.id, status: "cancel_requested", events: [] });
    server.advance(job.id, 1);
    const after = await call<Job & { events: { type: string }[] }>(server, "GET", `/fine-tunes/${job.id}`);
    expect(after.json.status).toBe("cancelled");
    expect(after.json.events.slice(-2).map((e) => e.type)).toEqual(["cancel_requested", "job_stopped"]);
    expect(after.json.total_price).toBeGreaterThan(0); // billed for the steps done
    const again = await call<ErrorBody>(server, "POST", `/fine-tunes/${job.id}/cancel`);
    expect(again.status).toBe(400);
    expect(again.json.error).toMatchObject({
      message: `Fine-tune job ${job.id} cannot be cancelled: its status is 'cancelled'.`,
      code: "not_cancellable",
    });
    const pending = (await create()).json;
    expect((await call<Job>(server, "POST", `/fine-tunes/${pending.id}/cancel`)).json.status).toBe("cancel_requested");
    const missing = await call<ErrorBody>(server, "POST", "/fine-tunes/ft-00000000-0000-0000-0000-000000000000/cancel");
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe("Fine-tune job ft-00000000-0000-0000-0000-000000000000 not found.");
  });
});

describe("listing and continuing", () => {
  it("lists jobs oldest first by default (Together documents no order), newest first on request", async () => {
    const ids = (await call<{ data: Job[] }>(server, "GET", "/fine-tunes")).json.data.map((j) => j.id);
    expect(ids.length).toBeGreaterThan(2);
    expect(Object.keys((await call(server, "GET", "/fine-tunes")).json)).toEqual(["data"]);
    const newest = await start({ manual: true, listOrder: "newest-first" });
    try {
      const file = await uploaded(newest, jsonl(2));
      const a = (await call<Job>(newest, "POST", "/fine-tunes", { model: "Qwen/Qwen3-8B", training_file: file, suffix: "a" })).json;
      const b = (await call<Job>(newest, "POST", "/fine-tunes", { model: "Qwen/Qwen3-8B", training_file: file, suffix: "b" })).json;
      expect((await call<{ data: Job[] }>(newest, "GET", "/fine-tunes")).json.data.map((j) => j.id)).toEqual([b.id, a.id]);
    } finally {
      await newest.close();
    }
  });

  it("continues from a completed job's id or output name, inheriting model and training type", async () => {
    const parent = (await create({ training_type: { type: "Full" }, suffix: "parent" })).json;
    server.advance(parent.id, 1, "completed");
    for (const ref of [parent.id, parent.model_output_name, `${parent.id}:1`]) {
      const child = await call<Job>(server, "POST", "/fine-tunes", { training_file: training, from_checkpoint: ref });
      expect(child.status, ref).toBe(200);
      expect(child.json).toMatchObject({ model: "Qwen/Qwen3-8B", training_type: { type: "Full" }, from_checkpoint: ref });
    }
    const wrongStep = await call<ErrorBody>(server, "POST", "/fine-tunes", { training_file: training, from_checkpoint: `${parent.id}:99` });
    expect(wrongStep.status).toBe(400);
    expect(wrongStep.json.error.param).toBe("from_checkpoint");
  });

  it("answers the model limits, and 404 for a model that cannot be fine-tuned", async () => {
    const limits = await call(server, "GET", "/fine-tunes/models/limits?model_name=Qwen%2FQwen3-8B");
    expect(limits.json).toMatchObject({
      model_name: "Qwen/Qwen3-8B",
      max_num_epochs: 20,
      supports_tools: true,
      lora_training: { max_rank: 64 },
    });
    const unknown = await call<ErrorBody>(server, "GET", "/fine-tunes/models/limits?model_name=gpt-4o");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("model_not_available");
  });
});
