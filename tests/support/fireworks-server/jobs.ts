// /v1/accounts/{account}/supervisedFineTuningJobs: create (`?supervisedFineTuningJobId=`), get, list,
// delete and `:cancel`. The body is gatewaySupervisedFineTuningJob (create-supervised-fine-tuning-job
// reference; fw-ai-external/python-sdk SupervisedFineTuningJobCreateParams); checks and their sources are
// listed in README.md ("Creating a job"). Refusal wording is this server's unless README.md says otherwise.
import { randomBytes, randomUUID } from "node:crypto";
import { parseBody, Reader } from "./body";
import { GrpcError, invalid, notFound, precondition } from "./errors";
import { checkId, idOf } from "./ids";
import { list, mask } from "./listing";
import {
  BASE_MODELS,
  cost,
  DEFAULT_BATCH_SAMPLES,
  DEFAULT_EPOCHS,
  DEFAULT_LEARNING_RATE,
  DEFAULT_LORA_RANK,
  LORA_RANKS,
  MAX_EXAMPLE_EPOCHS,
} from "./models";
import { scriptOfCreate } from "./scripts";
import type { Store } from "./store";
import type { DatasetRecord, JobRecord, SftJob } from "./types";
import { TERMINAL } from "./types";

const iso = () => new Date().toISOString();

/** Writable fields of gatewaySupervisedFineTuningJob (both published revisions of the reference, and the SDK). */
const CREATE_FIELDS = [
  "dataset",
  "displayName",
  "awsS3Config",
  "azureBlobStorageConfig",
  "outputModel",
  "baseModel",
  "warmStartFrom",
  "jinjaTemplate",
  "earlyStop",
  "epochs",
  "learningRate",
  "maxContextLength",
  "loraRank",
  "wandbConfig",
  "evaluationDataset",
  "isTurbo",
  "evalAutoCarveout",
  "region",
  "nodes",
  "batchSize",
  "batchSizeSamples",
  "mtpEnabled",
  "mtpNumDraftTokens",
  "mtpFreezeBaseModel",
  "hiddenStatesGenConfig",
  "gradientAccumulationSteps",
  "learningRateWarmupSteps",
  "optimizerWeightDecay",
  "lrScheduler",
  "purpose",
  "usePurpose",
];
/** readOnly in the reference (plus metricsFileSignedUrl, which only the server fills): ignored in a body. */
const OUTPUT_ONLY = [
  "name",
  "createTime",
  "completedTime",
  "updateTime",
  "state",
  "status",
  "createdBy",
  "jobProgress",
  "estimatedCost",
  "metricsFileSignedUrl",
  "trainerLogsSignedUrl",
  "renderSamplesSignedUrl",
  "encryptionState",
];
/** gatewayRegion (create-supervised-fine-tuning-job reference). */
const REGIONS = [
  "REGION_UNSPECIFIED",
  "US_IOWA_1",
  "US_VIRGINIA_1",
  "US_ILLINOIS_1",
  "AP_TOKYO_1",
  "US_ARIZONA_1",
  "US_TEXAS_1",
  "US_ILLINOIS_2",
  "EU_FRANKFURT_1",
  "US_TEXAS_2",
  "EU_ICELAND_1",
  "EU_ICELAND_2",
  "US_WASHINGTON_1",
  "US_WASHINGTON_2",
  "US_WASHINGTON_3",
  "AP_TOKYO_2",
  "US_CALIFORNIA_1",
  "US_UTAH_1",
  "US_TEXAS_3",
  "US_GEORGIA_1",
  "US_GEORGIA_2",
  "US_WASHINGTON_4",
  "US_GEORGIA_3",
] as const;
const JOB_FIELDS = [...new Set([...CREATE_FIELDS, ...OUTPUT_ONLY])];
const FILTERABLE = [
  "name",
  "displayName",
  "state",
  "outputModel",
  "baseModel",
  "warmStartFrom",
  "dataset",
  "evaluationDataset",
  "createTime",
  "updateTime",
];
/** Default max context ("the default context size is >= 32768"), capped by the model's. */
const DEFAULT_CONTEXT = 32_768;

export function getJob(store: Store, id: string): JobRecord {
  const rec = store.jobs.get(id);
  if (!rec) throw notFound(`SupervisedFineTuningJob ${store.prefix}/supervisedFineTuningJobs/${id} not found`);
  return rec;
}

/** A dataset named in a job body: a full name in the server's account, existing and READY. */
function readyDataset(store: Store, field: string, ref: string): DatasetRecord {
  const named = idOf(store, ref, "datasets", false);
  if (!named) throw invalid(`invalid ${field} "${ref}": expected a dataset name accounts/<account_id>/datasets/<dataset_id>`);
  const rec = named.account === store.config.account ? store.datasets.get(named.id) : undefined;
  if (!rec) throw notFound(`Dataset ${ref} not found`);
  if (rec.dataset.state !== "READY") throw precondition(`Dataset ${ref} is not ready (state ${rec.dataset.state}): upload its file first`);
  return rec;
}

function checkLrScheduler(r: Reader | undefined): Record<string, unknown> | undefined {
  if (!r) return undefined;
  r.only(["constant", "linear", "cosine"]);
  const kinds = ["constant", "linear", "cosine"].filter((k) => r.has(k));
  if (kinds.length !== 1)
    throw invalid(`lr_scheduler must set exactly one of constant, linear, cosine (got ${kinds.join(", ") || "none"})`);
  const inner = r.object(kinds[0])!;
  inner.only(kinds[0] === "constant" ? [] : ["decayRatio", "minLrRatio"]);
  for (const key of ["decayRatio", "minLrRatio"]) {
    const v = inner.float(key);
    if (v !== undefined && (v < 0 || v > 1)) throw invalid(`lr_scheduler.${kinds[0]}.${key} must be between 0 and 1 (got ${v})`);
  }
  return r.obj;
}

export function createJob(store: Store, body: Buffer, query: URLSearchParams): SftJob {
  for (const k of query.keys())
    if (k !== "supervisedFineTuningJobId" && k !== "supervised_fine_tuning_job_id") throw invalid(`unknown query parameter "${k}"`);
  const r = new Reader(body.toString("utf8"), parseBody(body));
  r.only(CREATE_FIELDS, OUTPUT_ONLY);

  // Types first (protojson fails on a wrong type before the service looks at values).
  const displayName = r.string("displayName") ?? "";
  const datasetRef = r.string("dataset");
  const evalRef = r.string("evaluationDataset");
  const baseRef = r.string("baseModel");
  const warmRef = r.string("warmStartFrom");
  const outputRef = r.string("outputModel");
  const epochsIn = r.int32("epochs");
  const lrIn = r.float("learningRate");
  const rankIn = r.int32("loraRank");
  const contextIn = r.int32("maxContextLength");
  const batchSize = r.int32("batchSize");
  const batchSamples = r.int32("batchSizeSamples");
  const warmup = r.int32("learningRateWarmupSteps");
  const accumulation = r.int32("gradientAccumulationSteps");
  const decay = r.float("optimizerWeightDecay");
  const region = r.enumOf("region", REGIONS) ?? "REGION_UNSPECIFIED";
  const carveout = r.bool("evalAutoCarveout");
  const earlyStop = r.bool("earlyStop") ?? false;
  const isTurbo = r.bool("isTurbo") ?? false;
  r.string("jinjaTemplate");
  r.int32("nodes");
  r.bool("mtpEnabled");
  r.int32("mtpNumDraftTokens");
  r.bool("mtpFreezeBaseModel");
  r.enumOf("purpose", ["PURPOSE_UNSPECIFIED", "PURPOSE_PILOT"] as const);
  r.string("usePurpose");
  r.object("awsS3Config")?.only(["credentialsSecret", "iamRoleArn"]);
  r.object("azureBlobStorageConfig")?.only(["credentialsSecret", "managedIdentityClientId", "tenantId"]);
  r.object("hiddenStatesGenConfig");
  const wandb = r.object("wandbConfig");
  wandb?.only(["enabled", "apiKey", "project", "entity", "runId"], ["url"]);
  const lrScheduler = checkLrScheduler(r.object("lrScheduler"));

  // Then the values.
  if (!datasetRef) throw invalid("dataset is required");
  const training = readyDataset(store, "dataset", datasetRef);
  const evaluation = evalRef ? readyDataset(store, "evaluation_dataset", evalRef) : undefined;
  if (baseRef && warmRef) throw invalid("Only one of base_model or warm_start_from should be specified");
  if (!baseRef && !warmRef) throw invalid("one of base_model or warm_start_from is required");
  let base: string;
  let inheritedRank: number | null = null;
  if (baseRef) {
    const model = BASE_MODELS.get(baseRef);
    if (!model) {
      if (store.models.has(baseRef)) throw precondition(`Model ${baseRef} is a PEFT addon: tune from it with warm_start_from`);
      throw notFound(`Model ${baseRef} not found`);
    }
    if (!model.tunable) throw precondition(`Model ${baseRef} is not tunable`);
    base = model.name;
  } else {
    const addon = store.models.get(warmRef!) ?? store.models.get(`${store.prefix}/models/${warmRef}`);
    if (!addon) throw notFound(`Model ${warmRef} not found`);
    base = addon.peftDetails.baseModel;
    inheritedRank = addon.peftDetails.r;
  }
  const model = BASE_MODELS.get(base)!;

  const epochs = epochsIn || DEFAULT_EPOCHS;
  if (epochs < 0) throw invalid(`epochs must be positive (got ${epochs})`);
  if (training.examples * epochs > MAX_EXAMPLE_EPOCHS)
    throw invalid(`dataset examples × epochs is ${training.examples * epochs}; the maximum is ${MAX_EXAMPLE_EPOCHS}`);
  if (lrIn !== undefined && lrIn < 0) throw invalid(`learning_rate must not be negative (got ${lrIn})`);
  const rank = rankIn || inheritedRank || DEFAULT_LORA_RANK;
  if (!LORA_RANKS.includes(rank)) throw invalid(`lora_rank must be a power of 2 up to 64 (got ${rank})`);
  if (inheritedRank !== null && rank !== inheritedRank)
    throw invalid(`lora_rank ${rank} differs from the rank ${inheritedRank} of warm_start_from ${warmRef}`);
  const context = contextIn || Math.min(DEFAULT_CONTEXT, model.contextLength);
  if (context < 0 || context > model.contextLength)
    throw invalid(`max_context_length ${context} is outside 1..${model.contextLength}, the maximum supported context length of ${base}`);
  // fw-ai/cookbook error-reference: "Context length rejected (`must be divisible by 16`)".
  if (context % 16 !== 0) throw invalid(`max_context_length ${context} must be divisible by 16`);
  for (const [key, v] of [
    ["batch_size", batchSize],
    ["batch_size_samples", batchSamples],
    ["learning_rate_warmup_steps", warmup],
  ] as const)
    if (v !== undefined && v < 0) throw invalid(`${key} must not be negative (got ${v})`);
  if (accumulation)
    throw invalid("gradient_accumulation_steps is not supported: training batches by samples; set batch_size_samples instead");
  if (decay !== undefined && decay < 0) throw invalid(`optimizer_weight_decay must not be negative (got ${decay})`);

  const queryId = query.get("supervisedFineTuningJobId") ?? query.get("supervised_fine_tuning_job_id");
  if (queryId !== null) checkId("supervised fine-tuning job", queryId);
  const id = queryId || randomUUID();
  if (store.jobs.has(id))
    throw new GrpcError("ALREADY_EXISTS", `SupervisedFineTuningJob ${store.prefix}/supervisedFineTuningJobs/${id} already exists`);
  let outputId = id;
  if (outputRef) {
    const named = idOf(store, outputRef, "models");
    if (!named) throw invalid(`invalid output_model "${outputRef}": expected a model id or accounts/<account_id>/models/<model_id>`);
    if (named.account !== store.config.account)
      throw new GrpcError("PERMISSION_DENIED", `cannot create model ${outputRef} in another account`);
    checkId("model", named.id);
    outputId = named.id;
  }
  const outputModel = `${store.prefix}/models/${outputId}`;
  const taken =
    store.models.has(outputModel) ||
    [...store.jobs.values()].some(
      (j) => j.job.outputModel === outputModel && !["JOB_STATE_FAILED", "JOB_STATE_CANCELLED"].includes(j.job.state),
    );
  if (taken) throw new GrpcError("ALREADY_EXISTS", `Model ${outputModel} already exists`);

  const now = iso();
  const job: SftJob = {
    name: `${store.prefix}/supervisedFineTuningJobs/${id}`,
    displayName,
    createTime: now,
    updateTime: now,
    dataset: datasetRef,
    ...(evalRef ? { evaluationDataset: evalRef } : {}),
    evalAutoCarveout: carveout ?? !evalRef,
    state: "JOB_STATE_CREATING",
    status: { code: "OK", message: "" },
    createdBy: `${store.config.account}@example.test`,
    outputModel,
    ...(baseRef ? { baseModel: baseRef } : { warmStartFrom: warmRef }),
    epochs,
    learningRate: lrIn || DEFAULT_LEARNING_RATE,
    learningRateWarmupSteps: warmup ?? 0,
    maxContextLength: context,
    loraRank: rank,
    ...(batchSize ? { batchSize } : {}),
    batchSizeSamples: batchSamples || DEFAULT_BATCH_SAMPLES,
    ...(decay !== undefined ? { optimizerWeightDecay: decay } : {}),
    ...(lrScheduler ? { lrScheduler } : {}),
    earlyStop,
    isTurbo,
    region,
    ...(wandb ? { wandbConfig: { ...wandb.obj, ...(wandb.obj.apiKey ? { apiKey: "***" } : {}) } } : {}),
    jobProgress: { percent: 0, epoch: 0 },
    // Fireworks bills "the total number of tokens in your fine-tuning dataset (dataset size * number of epochs)".
    estimatedCost: cost(training.tokens * epochs, model.params),
  };
  const rec: JobRecord = {
    id,
    job,
    script: scriptOfCreate(store.config.script, r.obj, queryId),
    step: 0,
    totalSteps: 0,
    stepsPerEpoch: 1,
    evaluates: !!evaluation || job.evalAutoCarveout,
    metrics: [],
    signature: randomBytes(16).toString("hex"),
    base,
    deleting: false,
  };
  store.jobs.set(id, rec);
  store.jobsCreated++;
  return wire(rec);
}

/** The job as the API sends it (a copy). */
export function wire(rec: JobRecord): SftJob {
  return structuredClone(rec.job);
}

export const readJob = (store: Store, id: string, query: URLSearchParams) =>
  mask({ ...wire(getJob(store, id)) }, query.get("readMask") ?? query.get("read_mask"), JOB_FIELDS);

export const listJobs = (store: Store, query: URLSearchParams) =>
  list(
    [...store.jobs.values()].map((r) => ({ ...wire(r) })),
    query,
    "supervisedFineTuningJobs",
    FILTERABLE,
    JOB_FIELDS,
  );

/** POST :cancel `{}` -> `{}`: JOB_STATE_CANCELLING now, JOB_STATE_CANCELLED on the next tick. */
export function cancelJob(store: Store, id: string, body: Buffer) {
  new Reader(body.toString("utf8"), parseBody(body)).only([]);
  const rec = getJob(store, id);
  const { state } = rec.job;
  if (state === "JOB_STATE_CANCELLING") return {};
  if (TERMINAL.has(state) || state === "JOB_STATE_DELETING")
    throw precondition(`SupervisedFineTuningJob ${rec.job.name} is in state ${state} and cannot be cancelled`);
  rec.job.state = "JOB_STATE_CANCELLING";
  rec.job.updateTime = iso();
  return {};
}

/** DELETE -> `{}`: JOB_STATE_DELETING now; the job is gone on the next tick (its output model stays). */
export function deleteJob(store: Store, id: string) {
  const rec = getJob(store, id);
  if (rec.deleting) throw notFound(`SupervisedFineTuningJob ${rec.job.name} not found`);
  rec.deleting = true;
  rec.job.state = "JOB_STATE_DELETING";
  rec.job.updateTime = iso();
  return {};
}
