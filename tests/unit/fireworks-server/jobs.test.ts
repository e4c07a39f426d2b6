// Supervised fine-tuning jobs: create refusals with their exact messages, cancel and delete, failures in
// validation, listing with filter / order / pages, and finding a job the client never stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FireworksServer } from "@/tests/support/fireworks-server/server";
import { A, ACCOUNT, call, createDataset, createJob, dataset, jsonl, QWEN, start, type GrpcBody } from "./helpers";

let server: FireworksServer;
let train: string;
beforeAll(async () => {
  server = await start({ manual: true });
  train = await dataset(server, "train", jsonl(16));
});
afterAll(() => server.close());

const refusal = async (body: Record<string, unknown>, jobId?: string) => {
  const res = await createJob(server, body, jobId);
  return { status: res.status, ...(res.json as unknown as GrpcBody) };
};

describe("creating a job: refusals", () => {
  it("needs a dataset that exists and is READY, named in full", async () => {
    expect(await refusal({ baseModel: QWEN })).toMatchObject({ status: 400, code: 3, message: "dataset is required" });
    expect(await refusal({ baseModel: QWEN, dataset: "train" })).toMatchObject({
      status: 400,
      message: 'invalid dataset "train": expected a dataset name accounts/<account_id>/datasets/<dataset_id>',
    });
    expect(await refusal({ baseModel: QWEN, dataset: `accounts/${ACCOUNT}/datasets/none` })).toMatchObject({
      status: 404,
      code: 5,
      message: `Dataset accounts/${ACCOUNT}/datasets/none not found`,
    });
    await createDataset(server, "empty");
    expect(await refusal({ baseModel: QWEN, dataset: `accounts/${ACCOUNT}/datasets/empty` })).toMatchObject({
      status: 400,
      code: 9,
      message: `Dataset accounts/${ACCOUNT}/datasets/empty is not ready (state UPLOADING): upload its file first`,
    });
  });

  it("needs exactly one of baseModel and warmStartFrom, and a tunable base model", async () => {
    expect(await refusal({ dataset: train })).toMatchObject({ status: 400, message: "one of base_model or warm_start_from is required" });
    expect(await refusal({ dataset: train, baseModel: QWEN, warmStartFrom: `accounts/${ACCOUNT}/models/x` })).toMatchObject({
      status: 400,
      message: "Only one of base_model or warm_start_from should be specified",
    });
    expect(await refusal({ dataset: train, baseModel: "accounts/fireworks/models/gpt-9" })).toMatchObject({
      status: 404,
      code: 5,
      message: "Model accounts/fireworks/models/gpt-9 not found",
    });
    expect(await refusal({ dataset: train, baseModel: "accounts/fireworks/models/gpt-oss-120b" })).toMatchObject({
      status: 400,
      code: 9,
      message: "Model accounts/fireworks/models/gpt-oss-120b is not tunable",
    });
  });

  it("checks the hyperparameters: LoRA rank, context length, epochs type, gradient accumulation", async () => {
    expect(await refusal({ dataset: train, baseModel: QWEN, loraRank: 12 })).toMatchObject({
      status: 400,
      message: "lora_rank must be a power of 2 up to 64 (got 12)",
    });
    expect(await refusal({ dataset: train, baseModel: QWEN, loraRank: 128 })).toMatchObject({
      message: "lora_rank must be a power of 2 up to 64 (got 128)",
    });
    expect(await refusal({ dataset: train, baseModel: QWEN, maxContextLength: 200_000 })).toMatchObject({
      message: `max_context_length 200000 is outside 1..131072, the maximum supported context length of ${QWEN}`,
    });
    expect(await refusal({ dataset: train, baseModel: QWEN, maxContextLength: 4100 })).toMatchObject({
      message: "max_context_length 4100 must be divisible by 16",
    });
    const epochs = await refusal({ dataset: train, baseModel: QWEN, epochs: 2.5 });
    expect(epochs.status).toBe(400);
    expect(epochs.message).toMatch(/^proto: \(line 1:\d+\): invalid value for int32 field epochs: 2\.5$/);
    expect(await refusal({ dataset: train, baseModel: QWEN, gradientAccumulationSteps: 4 })).toMatchObject({
      message: "gradient_accumulation_steps is not supported: training batches by samples; set batch_size_samples instead",
    });
    expect((await refusal({ dataset: train, baseModel: QWEN, learning_rate: 0.1 })).message).toMatch(
      /^proto: \(line 1:\d+\): unknown field "learning_rate"$/,
    );
    expect((await refusal({ dataset: train, baseModel: QWEN, region: "MARS_1" })).message).toMatch(
      /invalid value for enum field region: "MARS_1"$/,
    );
  });

  it("refuses a job id or an output model already taken with ALREADY_EXISTS (code 6, HTTP 409)", async () => {
    expect((await createJob(server, { dataset: train, baseModel: QWEN, outputModel: "tt-dup" }, "dup-job")).status).toBe(200);
    expect(await refusal({ dataset: train, baseModel: QWEN }, "dup-job")).toMatchObject({
      status: 409,
      code: 6,
      message: `SupervisedFineTuningJob accounts/${ACCOUNT}/supervisedFineTuningJobs/dup-job already exists`,
    });
    expect(await refusal({ dataset: train, baseModel: QWEN, outputModel: `accounts/${ACCOUNT}/models/tt-dup` })).toMatchObject({
      status: 409,
      message: `Model accounts/${ACCOUNT}/models/tt-dup already exists`,
    });
    expect(await refusal({ dataset: train, baseModel: QWEN }, "Bad_Id")).toMatchObject({ status: 400, code: 3 });
  });

  it("fills Fireworks' documented defaults: 1 epoch, LoRA rank 8, the job id as output model", async () => {
    const res = await createJob(server, { dataset: train, baseModel: "accounts/fireworks/models/llama-v3p1-8b-instruct" });
    const id = (res.json.name as string).split("/").pop()!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json).toMatchObject({
      epochs: 1,
      loraRank: 8,
      outputModel: `accounts/${ACCOUNT}/models/${id}`,
      evalAutoCarveout: true,
      displayName: "",
    });
  });
});

describe("cancel, delete, failures", () => {
  it("cancels a running job: {} at once, JOB_STATE_CANCELLING, then JOB_STATE_CANCELLED with status CANCELLED", async () => {
    await createJob(server, { dataset: train, baseModel: QWEN }, "to-cancel");
    server.advance("to-cancel", 4);
    expect((await call(server, "GET", `${A}/supervisedFineTuningJobs/to-cancel`)).json.state).toBe("JOB_STATE_RUNNING");
    expect(await call(server, "POST", `${A}/supervisedFineTuningJobs/to-cancel:cancel`, {})).toMatchObject({ status: 200, json: {} });
    expect((await call(server, "GET", `${A}/supervisedFineTuningJobs/to-cancel`)).json.state).toBe("JOB_STATE_CANCELLING");
    server.advance("to-cancel");
    expect((await call(server, "GET", `${A}/supervisedFineTuningJobs/to-cancel`)).json).toMatchObject({
      state: "JOB_STATE_CANCELLED",
      status: { code: "CANCELLED", message: "The job was cancelled by the user." },
    });
    const again = await call<GrpcBody>(server, "POST", `${A}/supervisedFineTuningJobs/to-cancel:cancel`, {});
    expect(again.status).toBe(400);
    expect(again.json).toEqual({
      code: 9,
      message: `SupervisedFineTuningJob accounts/${ACCOUNT}/supervisedFineTuningJobs/to-cancel is in state JOB_STATE_CANCELLED and cannot be cancelled`,
      details: [],
    });
    expect((await call(server, "POST", `${A}/supervisedFineTuningJobs/nope:cancel`, {})).status).toBe(404);
  });

  it("deletes a job: JOB_STATE_DELETING, then NOT_FOUND; a completed job's output model stays", async () => {
    await createJob(server, { dataset: train, baseModel: QWEN, outputModel: "kept" }, "to-delete");
    server.advance("to-delete", 1, "JOB_STATE_COMPLETED");
    expect(await call(server, "DELETE", `${A}/supervisedFineTuningJobs/to-delete`)).toMatchObject({ status: 200, json: {} });
    expect((await call(server, "GET", `${A}/supervisedFineTuningJobs/to-delete`)).json.state).toBe("JOB_STATE_DELETING");
    server.advance();
    const gone = await call(server, "GET", `${A}/supervisedFineTuningJobs/to-delete`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      code: 5,
      message: `SupervisedFineTuningJob accounts/${ACCOUNT}/supervisedFineTuningJobs/to-delete not found`,
      details: [],
    });
    expect((await call(server, "GET", `${A}/models/kept`)).status).toBe(200);
  });

  it("fails in VALIDATING when the dataset has fewer than 3 examples, with the reason in status", async () => {
    const tiny = await dataset(server, "tiny", jsonl(2));
    await createJob(server, { dataset: tiny, baseModel: QWEN }, "too-small");
    server.advance("too-small", 1, "JOB_STATE_FAILED");
    expect((await call(server, "GET", `${A}/supervisedFineTuningJobs/too-small`)).json).toMatchObject({
      state: "JOB_STATE_FAILED",
      status: { code: "INVALID_ARGUMENT", message: `Dataset ${tiny} has 2 examples; fine-tuning needs at least 3` },
    });
  });

  it("tunes further from a finished LoRA with warmStartFrom, keeping its base model and rank", async () => {
    await createJob(server, { dataset: train, baseModel: QWEN, outputModel: "first", loraRank: 32 }, "first-job");
    server.advance("first-job", 1, "JOB_STATE_COMPLETED");
    const res = await createJob(server, { dataset: train, warmStartFrom: `accounts/${ACCOUNT}/models/first`, outputModel: "second" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ warmStartFrom: `accounts/${ACCOUNT}/models/first`, loraRank: 32 });
    expect(res.json).not.toHaveProperty("baseModel");
    expect(await refusal({ dataset: train, warmStartFrom: `accounts/${ACCOUNT}/models/first`, loraRank: 8 })).toMatchObject({
      message: `lora_rank 8 differs from the rank 32 of warm_start_from accounts/${ACCOUNT}/models/first`,
    });
  });
});

describe("listing, and finding a job the client never stored", () => {
  let s: FireworksServer;
  beforeAll(async () => {
    s = await start({ manual: true });
    const d = await dataset(s, "train", jsonl(8));
    for (const [id, tag] of [
      ["job-b", "tt-run-7"],
      ["job-a", "tt-run-8"],
      ["job-c", "tt-run-9"],
    ]) {
      await createJob(s, { dataset: d, baseModel: QWEN, displayName: `ToolTune ${tag}`, outputModel: tag }, id);
      await new Promise((r) => setTimeout(r, 5)); // distinct createTime values for the order test
    }
  });
  afterAll(() => s.close());

  type Page = {
    supervisedFineTuningJobs: { name: string; displayName: string; outputModel: string }[];
    nextPageToken?: string;
    totalSize: number;
  };
  const ids = (p: Page) => p.supervisedFineTuningJobs.map((j) => j.name.split("/").pop());

  it("lists by name by default, pages, and orders by create_time desc on request", async () => {
    const all = (await call<Page>(s, "GET", `${A}/supervisedFineTuningJobs`)).json;
    expect(ids(all)).toEqual(["job-a", "job-b", "job-c"]);
    expect(all.totalSize).toBe(3);
    const first = (await call<Page>(s, "GET", `${A}/supervisedFineTuningJobs?pageSize=2`)).json;
    expect(ids(first)).toEqual(["job-a", "job-b"]);
    const rest = (await call<Page>(s, "GET", `${A}/supervisedFineTuningJobs?pageSize=2&pageToken=${first.nextPageToken}`)).json;
    expect(ids(rest)).toEqual(["job-c"]);
    const newest = (await call<Page>(s, "GET", `${A}/supervisedFineTuningJobs?orderBy=${encodeURIComponent("create_time desc,name")}`))
      .json;
    expect(ids(newest)[0]).toBe("job-c");
  });

  it("finds a job by its display name or output model through filter", async () => {
    const q = (f: string) => call<Page>(s, "GET", `${A}/supervisedFineTuningJobs?filter=${encodeURIComponent(f)}`);
    expect(ids((await q('display_name = "ToolTune tt-run-8"')).json)).toEqual(["job-a"]);
    expect(ids((await q('displayName:"tt-run-9"')).json)).toEqual(["job-c"]);
    expect(ids((await q(`output_model = "accounts/${ACCOUNT}/models/tt-run-7"`)).json)).toEqual(["job-b"]);
    expect(ids((await q('display_name = "ToolTune tt-run-*" AND state = JOB_STATE_CREATING')).json)).toEqual(["job-a", "job-b", "job-c"]);
    const bad = await q("color = blue");
    expect(bad.status).toBe(400);
    expect((bad.json as unknown as GrpcBody).message).toMatch(/^invalid filter "color = blue": unknown field "color"/);
  });

  it("finds a job by the id the client chose: GET answers it, a second create with that id is a 409", async () => {
    expect((await call(s, "GET", `${A}/supervisedFineTuningJobs/job-b`)).json).toMatchObject({ displayName: "ToolTune tt-run-7" });
    expect((await call(s, "GET", `${A}/supervisedFineTuningJobs/job-z`)).status).toBe(404);
    expect((await call(s, "GET", `${A}/supervisedFineTuningJobs/job-b?readMask=state,outputModel`)).json).toEqual({
      state: "JOB_STATE_CREATING",
      outputModel: `accounts/${ACCOUNT}/models/tt-run-7`,
    });
  });
});
