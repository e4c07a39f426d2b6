// A job from upload to success on the timer, read the way ToolTune's worker reads it: events and
// checkpoints newest first with `after` paging towards older items, then the results file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import type { FineTuningJobEvent } from "openai/resources/fine-tuning/jobs/jobs";
import type { OpenAIServer } from "@/tests/support/openai-server/server";
import { apiError, client, jsonl, specErrors, start, upload, waitFor } from "./helpers";

let server: OpenAIServer;
let c: OpenAI;
beforeAll(async () => {
  server = await start({ tickMs: 2 });
  c = client(server);
});
afterAll(() => server.close());

async function run(model: string, extra: { validation?: boolean; script?: string; epochs?: number } = {}) {
  const training = await upload(c, jsonl(12));
  const validation = extra.validation ? await upload(c, jsonl(4), "valid.jsonl") : null;
  const job = await c.fineTuning.jobs.create({
    model,
    training_file: training.id,
    validation_file: validation?.id,
    suffix: "tt",
    hyperparameters: { n_epochs: extra.epochs ?? 3 },
    metadata: { test_script: extra.script ?? "steps:30" },
  });
  return waitFor(c, job.id, ["succeeded", "failed", "cancelled"]);
}

/** Every event, newest first, read page by page with `after` = the last id of the previous page. */
async function allEvents(id: string, limit: number): Promise<FineTuningJobEvent[]> {
  const out: FineTuningJobEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await c.fineTuning.jobs.listEvents(id, { after, limit });
    out.push(...page.data);
    if (!page.has_more) return out;
    after = page.data[page.data.length - 1].id;
  }
}

describe("a job on the timer", () => {
  it("succeeds with a fine-tuned model, tokens and a results file", async () => {
    const job = await run("gpt-4o-mini");
    expect(job.status).toBe("succeeded");
    expect(job.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:tooltune-test:tt:[A-Za-z0-9]{8}$/);
    expect(job.trained_tokens).toBeGreaterThan(0);
    expect(job.finished_at).toBeTypeOf("number");
    expect(job.result_files).toHaveLength(1);
    expect(job.error).toEqual({ code: null, message: null, param: null }); // what the real API sends
    expect(job.hyperparameters).toEqual({ batch_size: 1, learning_rate_multiplier: 2, n_epochs: 3 });
  });

  it("lists events newest first; `after` returns the events older than the one named", async () => {
    const job = await run("gpt-4o-mini");
    const everything = (await c.fineTuning.jobs.listEvents(job.id, { limit: 1000 })).data;
    expect(everything[0].message).toBe("The job has successfully completed");
    expect(everything[everything.length - 1].message).toBe(`Created fine-tuning job: ${job.id}`);
    const order = everything.map((e) => e.message).reverse();
    const at = (text: string) => order.findIndex((m) => m.startsWith(text));
    expect(at("Validating training file")).toBeLessThan(at("Files validated, moving job to queued state"));
    expect(at("Files validated")).toBeLessThan(at("Fine-tuning job started"));
    expect(at("Fine-tuning job started")).toBeLessThan(at("Step 1/30"));
    expect(at("Checkpoint created at step 30")).toBeLessThan(at("New fine-tuned model created"));
    expect(await allEvents(job.id, 7)).toEqual(everything); // same events, same order, no gaps or repeats
    const defaultPage = await c.fineTuning.jobs.listEvents(job.id);
    expect(defaultPage.data).toHaveLength(20);
    expect(defaultPage.has_more).toBe(true);
    const older = await c.fineTuning.jobs.listEvents(job.id, { after: everything[5].id, limit: 3 });
    expect(older.data).toEqual(everything.slice(6, 9));
    const oldest = await c.fineTuning.jobs.listEvents(job.id, { after: everything[everything.length - 1].id });
    expect(oldest).toMatchObject({ data: [], has_more: false });
    const iterated: string[] = [];
    for await (const e of c.fineTuning.jobs.listEvents(job.id, { limit: 4 })) iterated.push(e.id); // SDK auto-paging
    expect(iterated).toEqual(everything.map((e) => e.id));
    expect(specErrors("ListFineTuningJobEventsResponse", { object: "list", data: everything, has_more: false })).toEqual([]);
    expect((await apiError(() => c.fineTuning.jobs.listEvents(job.id, { after: "ftevent-nope" }))).status).toBe(400);
  });

  it("reports one metrics event per step with decreasing, deterministic losses", async () => {
    const job = await run("gpt-4o-mini");
    const metrics = (await allEvents(job.id, 100)).filter((e) => e.type === "metrics").reverse();
    expect(metrics.map((e) => (e.data as { step: number }).step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const data = metrics.map((e) => e.data as { step: number; total_steps: number; train_loss: number; train_mean_token_accuracy: number });
    expect(data.every((d) => d.total_steps === 30 && d.train_mean_token_accuracy >= 0 && d.train_mean_token_accuracy <= 1)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(data.slice(-5).map((d) => d.train_loss))).toBeLessThan(mean(data.slice(0, 5).map((d) => d.train_loss)) / 2);
    expect(metrics[11].message).toBe(`Step 12/30: training loss=${data[11].train_loss.toFixed(2)}`);
    const again = (await c.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data.filter((e) => e.type === "metrics").reverse();
    expect(again.map((e) => e.data)).toEqual(data);
  });

  it("lists a checkpoint per epoch, newest first, keeping the last three", async () => {
    const job = await run("gpt-4o-mini", { epochs: 5 });
    const page = await c.fineTuning.jobs.checkpoints.list(job.id);
    expect(page.data.map((k) => k.step_number)).toEqual([30, 24, 18]);
    expect(page.data[0]).toMatchObject({
      object: "fine_tuning.job.checkpoint",
      fine_tuning_job_id: job.id,
      fine_tuned_model_checkpoint: `${job.fine_tuned_model}:ckpt-step-30`,
    });
    expect(page.data[0].metrics).toMatchObject({ step: 30 });
    expect(
      specErrors("ListFineTuningJobCheckpointsResponse", {
        object: "list",
        data: page.data,
        has_more: false,
        first_id: page.data[0].id,
        last_id: page.data[2].id,
      }),
    ).toEqual([]);
    const second = await c.fineTuning.jobs.checkpoints.list(job.id, { limit: 1, after: page.data[0].id });
    expect(second.data.map((k) => k.step_number)).toEqual([24]);
    expect(second.has_more).toBe(true);
  });

  it("serves the results CSV plainly, with validation columns when there is a validation file", async () => {
    const job = await run("gpt-4o-mini", { validation: true });
    const csv = await (await c.files.content(job.result_files[0])).text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy");
    expect(lines).toHaveLength(31);
    expect(lines[1]).toMatch(/^1,\d+\.\d+,\d+\.\d+,,$/);
    expect(lines[3]).toMatch(/^3,\d+\.\d+,\d+\.\d+,\d+\.\d+,\d+\.\d+$/); // validation every 3 steps here
    const file = await c.files.retrieve(job.result_files[0]);
    expect(file).toMatchObject({ purpose: "fine-tune-results", filename: "step_metrics.csv", bytes: Buffer.byteLength(csv) });
    const epochEnd = (await allEvents(job.id, 100)).find((e) => (e.data as { step?: number }).step === 10);
    expect(epochEnd?.data).toHaveProperty("full_valid_loss");
    expect(epochEnd?.message).toMatch(/^Step 10\/30: training loss=[\d.]+, validation loss=[\d.]+, full validation loss=[\d.]+$/);
  });

  it("serves it base64-encoded for gpt-3.5 jobs, as older jobs did", async () => {
    const job = await run("gpt-3.5-turbo");
    expect(job.fine_tuned_model).toMatch(/^ft:gpt-3\.5-turbo-0125:/);
    const body = await (await c.files.content(job.result_files[0])).text();
    expect(body).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(body, "base64").toString("utf8")).toMatch(
      /^step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,/,
    );
  });

  it("cancels a running job, and refuses to cancel a finished one", async () => {
    const training = await upload(c, jsonl(10));
    const job = await c.fineTuning.jobs.create({
      model: "gpt-4o-mini",
      training_file: training.id,
      metadata: { test_script: "steps:100000" },
    });
    await waitFor(c, job.id, ["running"]);
    const cancelled = await c.fineTuning.jobs.cancel(job.id);
    expect(cancelled.status).toBe("cancelled");
    const err = await apiError(() => c.fineTuning.jobs.cancel(job.id));
    expect(err).toMatchObject({ status: 400, type: "invalid_request_error" });
    const done = await run("gpt-4o-mini");
    expect((await apiError(() => c.fineTuning.jobs.cancel(done.id))).message).toContain("has already completed");
    expect((await apiError(() => c.fineTuning.jobs.retrieve("ftjob-missing"))).status).toBe(404);
  });
});
